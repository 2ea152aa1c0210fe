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

/** +1 from `first` to `last` in a difference array. */
function addSpan(differences: Int32Array, first: number, last: number): void {
  differences[first] = (differences[first] ?? 0) + 1;
  differences[last + 1] = (differences[last + 1] ?? 0) - 1;
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
  const index = (ms: number) => Math.min(count - 1, Math.max(0, Math.floor((ms - window.start) / width)));
  // A session counts in every bucket from its first to its last: kept as differences (+1 at the first, −1 after
  // the last), so a town hall's thousands of hour-long sessions cost one step each, not one per bucket.
  const inProgress = new Int32Array(count + 1);
  const poorInProgress = new Int32Array(count + 1);
  const reporting = new Int32Array(count + 1);
  const jitters: { jitter: number; first: number; last: number }[] = [];
  for (const summary of summaries) {
    if (summary.endMs < window.start || summary.startMs > window.end) continue;
    const first = index(summary.startMs);
    const last = index(summary.endMs);
    if (first > last) continue;
    addSpan(inProgress, first, last);
    if (summary.quality === "poor") addSpan(poorInProgress, first, last);
    const jitter = worstJitter(summary);
    if (jitter !== null) {
      jitters.push({ jitter, first, last });
      addSpan(reporting, first, last);
    }
  }
  // The worst and the median of a bucket are order statistics of the sessions covering it: walk the jitters once
  // sorted, counting only those that cover the bucket, instead of sorting every bucket's own list.
  jitters.sort((a, b) => a.jitter - b.jitter);
  const covers = (entry: { first: number; last: number }, bucket: number) =>
    entry.first <= bucket && bucket <= entry.last;
  const result: QualityBucket[] = [];
  let sessions = 0;
  let poorSessions = 0;
  let withJitter = 0;
  for (let bucket = 0; bucket < count; bucket++) {
    sessions += inProgress[bucket] ?? 0;
    poorSessions += poorInProgress[bucket] ?? 0;
    withJitter += reporting[bucket] ?? 0;
    let maxJitterMs: number | null = null;
    let medianJitterMs: number | null = null;
    if (withJitter > 0) {
      const wanted = Math.floor((withJitter - 1) / 2);
      for (let i = 0, seen = 0; i < jitters.length; i++) {
        const entry = jitters[i];
        if (!entry || !covers(entry, bucket)) continue;
        if (seen++ === wanted) {
          medianJitterMs = Math.round(entry.jitter);
          break;
        }
      }
      for (let i = jitters.length - 1; i >= 0; i--) {
        const entry = jitters[i];
        if (entry && covers(entry, bucket)) {
          maxJitterMs = Math.round(entry.jitter);
          break;
        }
      }
    }
    result.push({
      startMs: Math.round(window.start + bucket * width),
      endMs: Math.round(window.start + (bucket + 1) * width),
      sessions,
      poorSessions,
      maxJitterMs,
      medianJitterMs,
    });
  }
  return result;
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
