import { afterEach, describe, expect, it } from "vitest";
import { formatDateTime, formatLocalDateTime } from "./dates";

const savedZone = process.env.TZ;
afterEach(() => {
  process.env.TZ = savedZone;
});

describe("dates as people read them", () => {
  const time = "2026-11-20T14:03:07Z";

  it("writes UTC times as Intl's en-GB form does, every month", () => {
    expect(formatDateTime(time)).toBe("20 Nov 2026, 14:03:07 UTC");
    expect(formatDateTime(time, false)).toBe("20 Nov 2026, 14:03 UTC");
    const intl = new Intl.DateTimeFormat("en-GB", {
      dateStyle: "medium",
      timeStyle: "medium",
      timeZone: "UTC",
    });
    for (let month = 0; month < 12; month++)
      for (const [day, hour] of [
        [1, 0],
        [9, 9],
        [28, 23],
      ]) {
        const at = Date.UTC(2026, month, day, hour, 4, 59);
        expect(formatDateTime(at)).toBe(`${intl.format(at)} UTC`);
      }
  });

  it("writes the reader's own time with the zone as its offset from UTC", () => {
    process.env.TZ = "Europe/Oslo";
    expect(formatLocalDateTime(time)).toBe("20 Nov 2026, 15:03 GMT+1");
    expect(formatLocalDateTime("2026-07-01T22:30:00Z")).toBe("2 Jul 2026, 00:30 GMT+2");
    process.env.TZ = "America/New_York";
    expect(formatLocalDateTime(Date.parse(time))).toBe("20 Nov 2026, 09:03 GMT-5");
    process.env.TZ = "Asia/Kolkata";
    expect(formatLocalDateTime(time)).toBe("20 Nov 2026, 19:33 GMT+5:30");
    process.env.TZ = "America/St_Johns";
    expect(formatLocalDateTime(time)).toBe("20 Nov 2026, 10:33 GMT-3:30");
    process.env.TZ = "UTC";
    expect(formatLocalDateTime(time)).toBe("20 Nov 2026, 14:03 UTC");
  });

  it("matches Intl's day, month, hour and minute in the reader's zone", () => {
    process.env.TZ = "Australia/Adelaide";
    const intl = new Intl.DateTimeFormat("en-GB", {
      year: "numeric",
      month: "short",
      day: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      timeZone: "Australia/Adelaide",
    });
    for (let hours = 0; hours < 24 * 400; hours += 37) {
      const at = Date.UTC(2026, 0, 1) + hours * 3_600_000 + 17 * 60_000;
      expect(formatLocalDateTime(at).replace(/ (GMT[+-][\d:]+|UTC)$/, "")).toBe(intl.format(at));
    }
  });

  it("says an unreadable time is invalid instead of throwing", () => {
    expect(formatDateTime("not a time")).toBe("Invalid Date UTC");
    expect(formatLocalDateTime(Number.NaN)).toBe("Invalid Date");
  });
});
