import { describe, expect, it } from "vitest";
import { parseCallPage, takePageJson, type CallPage } from "./call-page";

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
