import { describe, expect, it } from "vitest";
import { grewEnoughToJudge, parseCallPage, sessionCount, takePageJson, type CallPage } from "./call-page";

describe("a live page's JSON kept for the analysis worker", () => {
  const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).buffer as ArrayBuffer;
  const json = bytes({ sessions: [], page: 1, loaded: 0, nextCursor: "abc" });

  it("parses the page and gives its bytes back exactly once", () => {
    const page = parseCallPage(json);
    expect(page).toEqual({ sessions: [], page: 1, loaded: 0, nextCursor: "abc" });
    expect(takePageJson(page)).toBe(json);
    expect(takePageJson(page)).toBeNull();
  });

  it("has no bytes for a page that did not come from the API's JSON (a saved report's)", () => {
    const page: CallPage = { sessions: [], page: 1, loaded: 0, nextCursor: null };
    expect(takePageJson(page)).toBeNull();
  });

  it("keeps each page's own bytes", () => {
    const other = bytes({ sessions: [], page: 2, loaded: 0, nextCursor: null });
    const [first, second] = [parseCallPage(json), parseCallPage(other)];
    expect(takePageJson(second)).toBe(other);
    expect(takePageJson(first)).toBe(json);
  });
});

describe("parseCallPage", () => {
  it("reads UTF-8 names whole", () => {
    const json = new TextEncoder().encode(
      '{"sessions":[],"page":1,"loaded":0,"nextCursor":null,"note":"Zoë Ångström"}',
    ).buffer as ArrayBuffer;
    expect((parseCallPage(json) as CallPage & { note: string }).note).toBe("Zoë Ångström");
  });
});

describe("judging a call again while it loads", () => {
  const page = (sessions: number): CallPage => ({
    sessions: Array.from({ length: sessions }, () => ({}) as CallPage["sessions"][number]),
    page: 1,
    loaded: sessions,
    nextCursor: null,
  });

  it("counts the sessions of every page", () => {
    expect(sessionCount([page(60), page(60), page(7)])).toBe(127);
    expect(sessionCount(undefined)).toBe(0);
  });

  it("waits until the call has grown by half since it was last judged", () => {
    const judged = [page(60), page(60)];
    expect(grewEnoughToJudge(judged, [...judged, page(59)])).toBe(false);
    expect(grewEnoughToJudge(judged, [...judged, page(60)])).toBe(true);
    // Nothing judged yet: any page is worth judging.
    expect(grewEnoughToJudge(undefined, [page(60)])).toBe(true);
  });

  it("judges a 5,000-session call about a dozen times, over about three times its sessions", () => {
    let judged: CallPage[] = [page(60)];
    let loaded: CallPage[] = [page(60)];
    let judgings = 1;
    let judgedSessions = 60;
    while (loaded.length < 84) {
      loaded = [...loaded, page(60)];
      if (grewEnoughToJudge(judged, loaded)) {
        judged = loaded;
        judgings++;
        judgedSessions += sessionCount(loaded);
      }
    }
    // The last page in, the call is judged whole whatever it grew by.
    if (judged !== loaded) {
      judgings++;
      judgedSessions += sessionCount(loaded);
    }
    expect(judgings).toBeLessThanOrEqual(12);
    expect(judgedSessions).toBeLessThan(3.5 * sessionCount(loaded));
  });
});
