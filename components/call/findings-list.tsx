import { FINDING_KIND_LABELS, type Finding } from "@/lib/callrecords/analysis";
import { IsolatedText } from "@/components/ui/isolated-text";

export function FindingsList({
  findings,
  onOpenSession,
}: {
  findings: Finding[];
  onOpenSession: (sessionId: string) => void;
}) {
  const top = findings.slice(0, 6);
  return (
    <section
      aria-labelledby="findings-heading"
      className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
    >
      <h2 id="findings-heading" className="font-semibold">
        Top findings
      </h2>
      {top.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
          Nothing stands out: no poor streams, failures, device problems or bad ratings.
        </p>
      ) : (
        <ol className="mt-2 space-y-3" data-testid="findings">
          {top.map((finding) => (
            <li key={finding.id} className="text-sm">
              <span className="mr-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium dark:bg-slate-800">
                {FINDING_KIND_LABELS[finding.kind]}
              </span>
              <span data-testid="finding-text">
                <IsolatedText text={finding.text} />
              </span>
              <details className="mt-1">
                <summary className="cursor-pointer text-xs text-blue-700 dark:text-blue-400">
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
        <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">
          {findings.length - top.length} more findings in the sessions below.
        </p>
      )}
    </section>
  );
}
