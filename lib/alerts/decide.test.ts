import { describe, expect, it } from "vitest";
import { afterQuiet, decide, isQuiet, replay, schedule } from "./decide";

const MIN = 60_000;
const rule = { cooldownMinutes: 60, snoozedUntil: null };

describe("decide", () => {
  it("fires the first time, holds back within the cooldown, and fires again after it", () => {
    const first = decide(rule, null, true, 0);
    expect(first.fire).toBe(true);
    const held = decide(rule, first.next, true, 30 * MIN);
    expect(held).toMatchObject({ fire: false, reason: "cooldown", next: { suppressed: 1 } });
    expect(decide(rule, held.next, true, 61 * MIN).fire).toBe(true);
  });

  it("fires at once again after the value recovered, cooldown or not", () => {
    const first = decide(rule, null, true, 0);
    const recovered = decide(rule, first.next, false, 5 * MIN);
    expect(recovered).toMatchObject({ fire: false, reason: "recovered", next: { open: false } });
    expect(decide(rule, recovered.next, true, 10 * MIN).fire).toBe(true);
  });

  it("stays quiet while snoozed, and fires when the snooze ends if it still fires", () => {
    const snoozed = { cooldownMinutes: 60, snoozedUntil: 20 * MIN };
    expect(decide(snoozed, null, true, 10 * MIN)).toMatchObject({ fire: false, reason: "snoozed" });
    expect(decide(snoozed, null, true, 21 * MIN).fire).toBe(true);
  });
});

describe("quiet hours", () => {
  const night = { from: "22:00", to: "07:00", timeZone: "Europe/Lisbon" };
  it("span midnight in the rule's time zone", () => {
    // 23:30 UTC on 15 July is 00:30 in Lisbon (UTC+1): quiet; 12:00 UTC is 13:00: not.
    expect(isQuiet(night, Date.UTC(2026, 6, 15, 23, 30))).toBe(true);
    expect(isQuiet(night, Date.UTC(2026, 6, 15, 12, 0))).toBe(false);
    // 06:30 UTC in January is 06:30 in Lisbon (UTC+0): quiet until 07:00 local.
    expect(afterQuiet(night, Date.UTC(2026, 0, 15, 6, 30))).toBe(Date.UTC(2026, 0, 15, 7, 0));
    expect(afterQuiet(night, Date.UTC(2026, 6, 15, 23, 30))).toBe(Date.UTC(2026, 6, 16, 6, 0));
  });
});

describe("schedule", () => {
  const base = { id: "r1", quietHours: null };
  it("sends at once without a digest, at the next hour (one key per hour and destination) with one", () => {
    const at = Date.UTC(2026, 11, 4, 10, 20);
    expect(schedule({ ...base, digest: "none" }, "d1", at)).toEqual({ dueAt: at, digestKey: null });
    const hourly = schedule({ ...base, digest: "hourly" }, "d1", at);
    expect(hourly.dueAt).toBe(Date.UTC(2026, 11, 4, 11, 0));
    expect(schedule({ ...base, digest: "hourly" }, "d1", at + 30 * MIN).digestKey).toBe(hourly.digestKey);
    expect(schedule({ ...base, digest: "hourly" }, "d2", at).digestKey).not.toBe(hourly.digestKey);
    expect(schedule({ ...base, digest: "daily" }, "d1", at).dueAt).toBe(Date.UTC(2026, 11, 5, 8, 0));
  });

  it("moves a delivery due in quiet hours to their end", () => {
    const quiet = { from: "00:00", to: "12:00", timeZone: "UTC" };
    expect(
      schedule({ ...base, digest: "none", quietHours: quiet }, "d1", Date.UTC(2026, 11, 4, 3, 0)).dueAt,
    ).toBe(Date.UTC(2026, 11, 4, 12, 0));
  });
});

describe("replay (the preview)", () => {
  it("counts alerts through the cooldown and recoveries", () => {
    const hours = (h: number) => h * 60 * MIN;
    const series = [
      { key: "Lisbon", at: hours(0), firing: true },
      { key: "Lisbon", at: hours(0.5), firing: true },
      { key: "Lisbon", at: hours(2), firing: true },
      { key: "Lisbon", at: hours(3), firing: false },
      { key: "Lisbon", at: hours(3.2), firing: true },
      { key: "Madrid", at: hours(0.5), firing: true },
    ];
    expect(replay({ cooldownMinutes: 60 }, series).fired).toBe(4);
    expect(replay({ cooldownMinutes: 24 * 60 }, series).fired).toBe(3);
  });
});
