import type { SessionSummary } from "./analysis";

export interface SessionPoint {
  sessionId: string;
  startMs: number;
  jitterMs: number;
}

/** Each session's worst average audio jitter, for sessions that reported one. */
export function sessionJitterPoints(summaries: readonly SessionSummary[]): SessionPoint[] {
  return summaries.flatMap((summary) => {
    let worst: number | null = null;
    for (const row of summary.rows) {
      const jitter = row.kind === "audio" ? row.stream.averageJitterMs : null;
      if (jitter !== null && (worst === null || jitter > worst)) worst = jitter;
    }
    return worst === null ? [] : [{ sessionId: summary.session.id, startMs: summary.startMs, jitterMs: Math.round(worst) }];
  });
}
