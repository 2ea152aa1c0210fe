import type { Quality } from "@/lib/callrecords/verdict";
import { QualityBadge } from "./quality-badge";

export interface VerdictSummaryValue {
  quality: Quality;
  worst: { text: string; media: string; direction: string } | null;
  sessionsRead: number;
  complete: boolean;
}

/** A call's verdict in a list row (search results, the inbox): the badge, the worst metric, and how much was read. */
export function VerdictSummary({ summary }: { summary: VerdictSummaryValue }) {
  return (
    <>
      <QualityBadge quality={summary.quality} />
      {summary.worst && (
        <span className="block text-xs text-muted">
          {summary.worst.text} ({summary.worst.media.toLowerCase()}, {summary.worst.direction})
        </span>
      )}
      {!summary.complete && (
        <span className="block text-xs text-muted">first {summary.sessionsRead} sessions</span>
      )}
    </>
  );
}
