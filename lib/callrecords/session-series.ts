import type { SessionSummary } from "./analysis";
import { DEFAULT_THRESHOLDS } from "./thresholds";
import type { TimeWindow } from "./timeline";

/** The audio jitter limit the sessions chart draws its line at. */
export const JITTER_LIMIT_MS =
  DEFAULT_THRESHOLDS.audio.find((threshold) => threshold.metric === "averageJitterMs")?.limit ?? 30;

export interface QualityBucket {
  /** The bucket's span (ms since epoch). */
  startMs: number;
  endMs: number;
  /** Sessions in progress at some point of the bucket, and how many of them were poor. */
  sessions: number;
  poorSessions: number;
  /** Worst and median of those sessions' worst average audio jitter; null when none reported any. */
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
 * The call's whole span (first join to last leave) cut into equal buckets, each with the sessions in progress in
 * it: a town hall's bad minority shows as a stretch of poor sessions, where thousands of dots would drown it, and
 * the axis covers the whole meeting rather than only its join times. A bucket nobody was in is empty (null
 * jitter), so a line breaks there instead of being drawn across it.
 */
export function qualityOverTime(
  summaries: readonly SessionSummary[],
  window: TimeWindow,
  buckets = 48,
): QualityBucket[] {
  if (summaries.length === 0) return [];
  const span = Math.max(1, window.end - window.start);
  const count = Math.max(1, Math.min(buckets, Math.ceil(span / 1000)));
  const width = span / count;
  const groups = Array.from({ length: count }, (_, i) => ({
    startMs: Math.round(window.start + i * width),
    endMs: Math.round(window.start + (i + 1) * width),
    sessions: 0,
    poorSessions: 0,
    jitters: [] as number[],
  }));
  const index = (ms: number) => Math.min(count - 1, Math.max(0, Math.floor((ms - window.start) / width)));
  for (const summary of summaries) {
    if (summary.endMs < window.start || summary.startMs > window.end) continue;
    const jitter = worstJitter(summary);
    const poor = summary.quality === "poor";
    for (let i = index(summary.startMs), last = index(summary.endMs); i <= last; i++) {
      const group = groups[i];
      if (!group) continue;
      group.sessions += 1;
      if (poor) group.poorSessions += 1;
      if (jitter !== null) group.jitters.push(jitter);
    }
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

/** Runs of consecutive buckets that have a value: a line is drawn along each run and never across a gap. */
export function unbrokenRuns<T>(points: readonly T[], value: (point: T) => number | null): T[][] {
  const runs: T[][] = [];
  let run: T[] = [];
  for (const point of points) {
    if (value(point) === null) {
      if (run.length) runs.push(run);
      run = [];
    } else run.push(point);
  }
  if (run.length) runs.push(run);
  return runs;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const STEPS = [
  SECOND,
  2 * SECOND,
  5 * SECOND,
  10 * SECOND,
  15 * SECOND,
  30 * SECOND,
  MINUTE,
  2 * MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  24 * HOUR,
];

/**
 * Ticks on round times ("14:05", "14:10") at most `most` of them across the window: the step is the smallest
 * round one that fits, so no two ticks share a label. Seconds are shown only when the step is under a minute.
 */
export function timeTicks(window: TimeWindow, most = 7): { ticks: number[]; withSeconds: boolean } {
  const span = Math.max(1, window.end - window.start);
  const step = STEPS.find((candidate) => span / candidate <= most) ?? STEPS[STEPS.length - 1] ?? HOUR;
  const ticks: number[] = [];
  for (let tick = Math.ceil(window.start / step) * step; tick <= window.end; tick += step) ticks.push(tick);
  return { ticks, withSeconds: step < MINUTE };
}
