import { callVerdict } from "./analysis";
import { DIRECTION_LABELS, MEDIA_LABELS } from "./describe";
import type { Session } from "./model";
import { streamRows } from "./streams";

/** A call's verdict in a few words, for a row of a list: the search results and the inbox. */
export function verdictSummary(sessions: readonly Session[]) {
  const verdict = callVerdict(streamRows([...sessions]));
  const worst = verdict.worst;
  return {
    quality: verdict.quality,
    poorShare: verdict.poorShare,
    streams: verdict.streams,
    worst: worst && {
      text: worst.breach.text,
      metric: worst.breach.threshold.label,
      media: MEDIA_LABELS[worst.row.kind],
      direction: DIRECTION_LABELS[worst.row.stream.direction],
    },
  };
}
