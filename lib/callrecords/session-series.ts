import type { SessionSummary } from "./analysis";
import { DEFAULT_THRESHOLDS } from "./thresholds";

/** The audio jitter limit the sessions chart draws its line at. */
export const JITTER_LIMIT_MS =
  DEFAULT_THRESHOLDS.audio.find((threshold) => threshold.metric === "averageJitterMs")?.limit ?? 30;

export interface JitterBucket {
  /** Start of the bucket (ms since epoch). */
  startMs: number;
  sessions: number;
  poorSessions: number;
  /** Worst and median of each session's worst average audio jitter in this bucket; null when none reported. */
  maxJitterMs: number | null;
  medianJitterMs: number | null;
}

function worstJitter(summary: SessionSummary): number | null {
  let worst: number | null = null;
  for (const row of summary.rows) {
    const jitter = row.kind === "audio" ? row.stream.averageJitterMs : null;
    if (jitter !== null && (worst === null || jitter > worst)) worst = jitter;
  }
  return worst;
}

/**
 * Sessions grouped by start time: how many were poor and how bad their jitter was. A few dozen
 * buckets show a town hall's bad minority as spikes, where thousands of dots would drown it.
 */
export function jitterByStartTime(summaries: readonly SessionSummary[], buckets = 40): JitterBucket[] {
  if (summaries.length === 0) return [];
  let first = Infinity;
  let last = -Infinity;
  for (const s of summaries) {
    first = Math.min(first, s.startMs);
    last = Math.max(last, s.startMs);
  }
  const width = Math.max(1000, Math.ceil((last - first + 1) / buckets));
  const count = Math.min(buckets, Math.floor((last - first) / width) + 1);
  const groups = Array.from({ length: count }, (_, i) => ({
    startMs: first + i * width,
    sessions: 0,
    poorSessions: 0,
    jitters: [] as number[],
  }));
  for (const s of summaries) {
    const group = groups[Math.min(count - 1, Math.floor((s.startMs - first) / width))];
    if (!group) continue;
    group.sessions += 1;
    if (s.quality === "poor") group.poorSessions += 1;
    const jitter = worstJitter(s);
    if (jitter !== null) group.jitters.push(jitter);
  }
  return groups.map(({ jitters, ...group }) => {
    const sorted = jitters.sort((a, b) => a - b);
    return {
      ...group,
      maxJitterMs: sorted.length ? Math.round(sorted[sorted.length - 1] ?? 0) : null,
      medianJitterMs: sorted.length ? Math.round(sorted[Math.floor((sorted.length - 1) / 2)] ?? 0) : null,
    };
  });
}
