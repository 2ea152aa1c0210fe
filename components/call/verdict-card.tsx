import { DIRECTION_LABELS, MEDIA_LABELS } from "@/lib/callrecords/describe";
import type { CallVerdict } from "@/lib/callrecords/analysis";
import { QualityBadge } from "@/components/ui/quality-badge";
import { Card } from "@/components/ui/card";

export function VerdictCard({
  verdict,
  failedSessions,
  partial,
}: {
  verdict: CallVerdict;
  failedSessions: number;
  partial: boolean;
}) {
  const { streams, worst } = verdict;
  return (
    <Card as="section" aria-labelledby="verdict-heading" data-testid="verdict-card">
      <div className="flex items-center justify-between">
        <h2 id="verdict-heading" className="font-semibold">
          Verdict{partial ? " so far" : ""}
        </h2>
        <QualityBadge quality={verdict.quality} />
      </div>
      <p className="mt-3 text-3xl font-semibold" data-testid="poor-share">
        {Math.round(verdict.poorShare * 100)}%
      </p>
      <p className="text-sm text-muted">
        of classified streams were poor ({streams.poor} of {streams.good + streams.poor};{" "}
        {streams.unclassified} unclassified)
      </p>
      {worst && (
        <p className="mt-3 text-sm">
          Worst: <strong>{worst.breach.text}</strong> on {DIRECTION_LABELS[worst.row.stream.direction]}{" "}
          {MEDIA_LABELS[worst.row.kind]}{" "}
          {worst.row.sender?.kind === "service"
            ? `received by ${worst.row.receiverLabel}`
            : `from ${worst.row.senderLabel}`}
          .
        </p>
      )}
      {failedSessions > 0 && (
        <p className="mt-3 text-sm font-medium text-poor-text">
          <span aria-hidden="true">⚠ </span>
          {failedSessions} {failedSessions === 1 ? "session" : "sessions"} failed: see the findings.
        </p>
      )}
      {verdict.side && (
        <p className="mt-1 text-sm text-muted">
          {verdict.side === "both"
            ? "Poor streams ran in both directions."
            : `Most poor streams ran ${DIRECTION_LABELS[verdict.side]}.`}
        </p>
      )}
    </Card>
  );
}
