import { MEDIA_LABELS } from "@/lib/callrecords/describe";
import { rowDirection } from "@/lib/callrecords/streams";
import type { CallVerdict } from "@/lib/callrecords/analysis";
import { QualityBadge } from "@/components/ui/quality-badge";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";

export function VerdictCard({ verdict, partial }: { verdict: CallVerdict; partial: boolean }) {
  const { streams, worst } = verdict;
  return (
    <Card as="section" aria-labelledby="verdict-heading" data-testid="verdict-card">
      <div className="flex items-center justify-between">
        <h2 id="verdict-heading" className="font-semibold">
          Verdict{partial ? " so far" : ""}
        </h2>
        {/* A call with a failed session is never a plain Good: the failure stands beside the quality. */}
        <span className="flex items-center gap-1" data-testid="verdict-badges">
          <QualityBadge quality={verdict.quality} />
          {verdict.failures && (
            <Badge tone="poor">
              <span aria-hidden="true">⚠ </span>
              {verdict.failures.failed} failed
            </Badge>
          )}
        </span>
      </div>
      <p className="mt-3 text-3xl font-semibold" data-testid="poor-share">
        {Math.round(verdict.poorShare * 100)}%
      </p>
      <p className="text-sm text-muted">
        of classified streams were poor ({streams.poor} of {streams.good + streams.poor};{" "}
        {streams.unclassified} unclassified)
      </p>
      {worst && (
        <p className="mt-3 text-sm" data-testid="verdict-worst">
          Worst: <strong>{worst.breach.text}</strong> on {MEDIA_LABELS[worst.row.kind]}{" "}
          {rowDirection(worst.row)}.
        </p>
      )}
      {verdict.failures && (
        <p className="mt-3 text-sm font-medium text-poor-text" data-testid="failure-summary">
          <span aria-hidden="true">⚠ </span>
          {verdict.failures.text}. The Failure findings say why and what to check.
        </p>
      )}
    </Card>
  );
}
