import { describe, expect, it } from "vitest";
import { inboxPath } from "./feed";
import { DEFAULT_INBOX, inboxFromParams, inboxQuery, isFresh, isNewToYou } from "./inbox-state";

describe("the inbox's state in the URL", () => {
  it("round-trips every filter and leaves out defaults", () => {
    const filters = {
      poorOnly: true,
      order: "newest" as const,
      watchedOnly: true,
      person: "6a0c2e4f-1b3d-4e5f-8a7b-9c0d1e2f3a01",
    };
    const query = inboxQuery(filters, new URLSearchParams("other=x"));
    expect(query).toBe("?other=x&order=newest&poor=1&watched=1&person=6a0c2e4f-1b3d-4e5f-8a7b-9c0d1e2f3a01");
    expect(inboxFromParams(new URLSearchParams(query))).toEqual(filters);
    expect(inboxQuery(DEFAULT_INBOX, new URLSearchParams("poor=1&order=newest"))).toBe("");
  });

  it("asks the API with the same parameters, and the cursor", () => {
    expect(inboxPath(DEFAULT_INBOX, null)).toBe("/api/feed");
    expect(inboxPath({ ...DEFAULT_INBOX, poorOnly: true, order: "newest" }, "abc")).toBe(
      "/api/feed?order=newest&poor=1&cursor=abc",
    );
  });

  it("falls back to defaults for what it cannot read", () => {
    expect(inboxFromParams(new URLSearchParams("order=sideways&poor=yes&person=../../x"))).toEqual(
      DEFAULT_INBOX,
    );
  });

  it("marks calls judged in the last minute as new", () => {
    expect(isFresh(1_000, 30_000)).toBe(true);
    expect(isFresh(1_000, 70_000)).toBe(false);
  });

  it("marks calls judged since the person's previous visit as new to them, however long ago", () => {
    const lastVisit = 1_000_000;
    expect(isNewToYou(lastVisit + 1, lastVisit, lastVisit + 86_400_000)).toBe(true);
    expect(isNewToYou(lastVisit - 1, lastVisit, lastVisit + 10)).toBe(false);
    // A first visit: only what was judged in the last minute.
    expect(isNewToYou(5_000, null, 30_000)).toBe(true);
    expect(isNewToYou(5_000, null, 200_000)).toBe(false);
  });
});
