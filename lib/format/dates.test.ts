import { describe, expect, it } from "vitest";
import { formatDateTime, formatLocalDateTime } from "./dates";

describe("dates as people read them", () => {
  const time = "2026-11-20T14:03:07Z";
  it("reads as toLocaleString would, with formatters made once", () => {
    expect(formatDateTime(time)).toBe("20 Nov 2026, 14:03:07 UTC");
    expect(formatDateTime(time, false)).toBe("20 Nov 2026, 14:03 UTC");
    expect(formatLocalDateTime(time, "Europe/Oslo")).toBe(
      new Date(time).toLocaleString("en-GB", {
        year: "numeric",
        month: "short",
        day: "numeric",
        hour: "2-digit",
        minute: "2-digit",
        timeZoneName: "short",
        timeZone: "Europe/Oslo",
      }),
    );
    expect(formatLocalDateTime(time, "Europe/Oslo")).toContain("15:03");
    expect(formatLocalDateTime(Date.parse(time), "America/New_York")).toContain("09:03");
  });

  it("says an unreadable time is invalid instead of throwing", () => {
    expect(formatDateTime("not a time")).toBe("Invalid Date UTC");
    expect(formatLocalDateTime(Number.NaN)).toBe("Invalid Date");
  });
});
