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
