import { callVerdict } from "./analysis";
import { MEDIA_LABELS } from "./describe";
import { withMeetingService } from "./meeting-service";
import type { Session } from "./model";
import { callRoles } from "./person-parts";
import { callStory } from "./story";
import { rowRoleDirection, streamRows } from "./streams";

/**
 * A call's verdict in a few words, for a row of a list (the search results and the inbox): the quality, the
 * worst metric, failures beside it, and each person's part from the call's one attribution.
 */
export function verdictSummary(original: readonly Session[], callType: string | null) {
  const sessions = original.map((session) => withMeetingService(session, callType));
  const rows = streamRows(sessions);
  const verdict = callVerdict(rows, sessions);
  const story = callStory(sessions, rows);
  const worst = verdict.worst;
  return {
    quality: verdict.quality,
    poorShare: verdict.poorShare,
    streams: verdict.streams,
    worst: worst && {
      text: worst.breach.text,
      metric: worst.breach.threshold.label,
      media: MEDIA_LABELS[worst.row.kind],
      direction: rowRoleDirection(worst.row),
    },
    failures: verdict.failures,
    roles: callRoles(rows, story),
  };
}
