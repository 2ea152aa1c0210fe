import { callVerdict } from "./analysis";
import { MEDIA_LABELS } from "./describe";
import { withMeetingService } from "./meeting-service";
import type { Session } from "./model";
import { callRoles } from "./person-parts";
import { callStory } from "./story";
import { runSteps } from "./analyze";
import { rowRoleDirection, streamRows, type StreamRow } from "./streams";

/**
 * A call's verdict in a few words, for a row of a list (the search results and the inbox): the quality, the
 * worst metric, failures beside it, and each person's part from the call's one attribution.
 */
export function verdictSummary(sessions: readonly Session[], callType: string | null) {
  return runSteps(verdictSummarySteps(sessions, callType));
}

/** `verdictSummary` a step per `yield`: the server judges a 600-session call with other requests served between. */
export function* verdictSummarySteps(original: readonly Session[], callType: string | null) {
  const sessions: Session[] = [];
  const rows: StreamRow[] = [];
  for (let start = 0; start < original.length; start += SESSIONS_PER_STEP) {
    if (start > 0) yield;
    const slice = original
      .slice(start, start + SESSIONS_PER_STEP)
      .map((s) => withMeetingService(s, callType));
    sessions.push(...slice);
    for (const row of streamRows(slice)) rows.push(row);
  }
  const verdict = callVerdict(rows, sessions);
  yield;
  const story = callStory(sessions, rows);
  yield;
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

const SESSIONS_PER_STEP = 100;

export type VerdictSummary = ReturnType<typeof verdictSummary>;
