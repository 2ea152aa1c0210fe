import { describe, expect, it } from "vitest";
import { callSummary, person, session } from "./fixtures";
import { reportTitles } from "./report-title";

describe("a report's default title", () => {
  it("names a 1:1 by its two people, and leaves them out when redacted", () => {
    const call = callSummary({ type: "peerToPeer", startDateTime: "2026-12-01T09:30:00Z" });
    const titles = reportTitles(call, [session("s1", person("Priya Raman"), person("Owen Franklin"), [])]);
    expect(titles.named).toBe("Peer-to-peer call, 1 Dec 2026, 09:30 UTC, Priya Raman and Owen Franklin");
    expect(titles.anonymous).toBe("Peer-to-peer call, 1 Dec 2026, 09:30 UTC");
  });

  it("names a meeting by its organizer", () => {
    const organizer = person("Ada Admin").identity;
    const call = callSummary({ type: "groupCall", startDateTime: "2026-12-01T09:30:00Z", organizer });
    expect(reportTitles(call, []).named).toBe(
      "Group call (meeting), 1 Dec 2026, 09:30 UTC, organized by Ada Admin",
    );
  });
});
