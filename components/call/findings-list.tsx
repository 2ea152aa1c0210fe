import { memo } from "react";
import { FINDING_KIND_LABELS, type Finding } from "@/lib/callrecords/findings";
import { IsolatedText } from "@/components/ui/isolated-text";
import { Card } from "@/components/ui/card";

export const FindingsList = memo(function FindingsList({
  findings,
  onOpenSession,
}: {
  findings: Finding[];
  onOpenSession: (sessionId: string) => void;
}) {
  const top = findings.slice(0, 6);
  return (
    <Card as="section" aria-labelledby="findings-heading">
      <h2 id="findings-heading" className="font-semibold">
        Top findings
      </h2>
      {top.length === 0 ? (
        <p className="mt-2 text-sm text-muted">
          Nothing stands out: no poor streams, failures, device problems or bad ratings.
        </p>
      ) : (
        <ol className="mt-2 space-y-3" data-testid="findings">
          {top.map((finding) => (
            <li key={finding.id} className="text-sm">
              <span className="mr-2 rounded bg-subtle px-1.5 py-0.5 text-xs font-medium">
                {FINDING_KIND_LABELS[finding.kind]}
              </span>
              <span data-testid="finding-text">
                <IsolatedText text={finding.text} />
              </span>
              <details className="mt-1">
                <summary className="cursor-pointer text-xs text-accent-fg">
                  Evidence ({finding.evidence.length})
                </summary>
                <ul className="mt-1 space-y-1 text-xs">
                  {finding.evidence.map((item, index) => (
                    <li key={`${item.sessionId}-${index}`}>
                      <button
                        type="button"
                        className="font-mono underline"
                        onClick={() => onOpenSession(item.sessionId)}
                      >
                        {item.sessionId.slice(0, 8)}
                      </button>{" "}
                      <IsolatedText text={item.detail} />
                    </li>
                  ))}
                </ul>
              </details>
            </li>
          ))}
        </ol>
      )}
      {findings.length > top.length && (
        <p className="mt-2 text-xs text-muted">
          {findings.length - top.length} more findings in the sessions below.
        </p>
      )}
    </Card>
  );
});
