import { describe, expect, it } from "vitest";
import { summarizeSession } from "./analysis";
import { goodAudio, media, person, poorAudio, session } from "./fixtures";
import { qualityOverTime, timeTicks, unbrokenRuns } from "./session-series";
import { callWindow } from "./timeline";

const at = (minute: number) => new Date(Date.parse("2026-11-20T10:00:00Z") + minute * 60_000).toISOString();
const joined = (id: string, from: number, to: number, poor: boolean) =>
  summarizeSession(
    session(id, person(`P${id}`), person(`Q${id}`), [media("audio", [poor ? poorAudio() : goodAudio()])], {
      startDateTime: at(from),
      endDateTime: at(to),
    }),
  );

describe("quality over the whole call", () => {
  // A 77-minute meeting: everyone joins in the first five minutes, two poor sessions late on.
  const summaries = [
    joined("a", 0, 77, false),
    joined("b", 2, 77, false),
    joined("c", 4, 40, true),
    joined("d", 60, 70, true),
  ];
  const window = callWindow(summaries);

  it("spans first join to last leave, counting the sessions in progress, not only their joins", () => {
    const buckets = qualityOverTime(summaries, window, 77);
    expect(buckets[0]?.startMs).toBe(Date.parse(at(0)));
    expect(buckets.at(-1)?.endMs).toBe(Date.parse(at(77)));
    const atMinute = (minute: number) => buckets[minute];
    expect(atMinute(30)).toMatchObject({ sessions: 3, poorSessions: 1, maxJitterMs: 80, medianJitterMs: 5 });
    expect(atMinute(50)).toMatchObject({ sessions: 2, poorSessions: 0 });
    expect(atMinute(65)).toMatchObject({ sessions: 3, poorSessions: 1 });
  });

  it("leaves a bucket nobody was in empty, and lines break there", () => {
    const gap = [joined("a", 0, 10, false), joined("b", 50, 60, true)];
    const buckets = qualityOverTime(gap, callWindow(gap), 60);
    expect(buckets[30]).toMatchObject({ sessions: 0, maxJitterMs: null });
    const runs = unbrokenRuns(buckets, (bucket) => bucket.maxJitterMs);
    expect(runs).toHaveLength(2);
    expect(runs.map((run) => run[0]?.maxJitterMs)).toEqual([5, 80]);
  });

  it("puts ticks on round times with no label twice", () => {
    const { ticks, withSeconds } = timeTicks(window);
    const labels = ticks.map((tick) => new Date(tick).toISOString().slice(11, 16));
    expect(new Set(labels).size).toBe(labels.length);
    expect(labels).toEqual(["10:00", "10:15", "10:30", "10:45", "11:00", "11:15"]);
    expect(withSeconds).toBe(false);
    // A 40-second call gets second ticks.
    const short = timeTicks({ start: Date.parse(at(0)), end: Date.parse(at(0)) + 40_000 });
    expect(short.withSeconds).toBe(true);
    expect(short.ticks.length).toBeLessThanOrEqual(7);
  });
});

describe("quality over time against a plain count", () => {
  /** The obvious algorithm: every session pushed into each bucket it covers, each bucket's jitters sorted. */
  function plainly(
    summaries: ReturnType<typeof joined>[],
    window: ReturnType<typeof callWindow>,
    count: number,
  ) {
    const width = Math.max(1, window.end - window.start) / count;
    const index = (ms: number) => Math.min(count - 1, Math.max(0, Math.floor((ms - window.start) / width)));
    const groups = Array.from({ length: count }, () => ({ sessions: 0, poor: 0, jitters: [] as number[] }));
    for (const summary of summaries) {
      const jitters = summary.rows.flatMap((row) =>
        row.kind === "audio" && row.stream.averageJitterMs !== null ? [row.stream.averageJitterMs] : [],
      );
      const worst = jitters.length ? Math.max(...jitters) : null;
      for (let i = index(summary.startMs); i <= index(summary.endMs); i++) {
        const group = groups[i];
        if (!group) continue;
        group.sessions += 1;
        if (summary.quality === "poor") group.poor += 1;
        if (worst !== null) group.jitters.push(worst);
      }
    }
    return groups.map(({ sessions, poor, jitters }) => {
      const sorted = jitters.sort((a, b) => a - b);
      return {
        sessions,
        poor,
        max: sorted.length ? Math.round(sorted.at(-1) ?? 0) : null,
        median: sorted.length ? Math.round(sorted[Math.floor((sorted.length - 1) / 2)] ?? 0) : null,
      };
    });
  }

  it("agrees bucket for bucket on a crowd of overlapping, late and short sessions", () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const crowd = Array.from({ length: 300 }, (_, i) => {
      const from = Math.floor(random() * 70);
      return joined(`s${i}`, from, from + 1 + Math.floor(random() * 30), random() < 0.2);
    });
    const window = callWindow(crowd);
    for (const count of [1, 7, 48, 77]) {
      const fast = qualityOverTime(crowd, window, count).map((b) => ({
        sessions: b.sessions,
        poor: b.poorSessions,
        max: b.maxJitterMs,
        median: b.medianJitterMs,
      }));
      expect(fast).toEqual(plainly(crowd, window, count));
    }
  });
});
