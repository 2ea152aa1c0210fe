import { describe, expect, it } from "vitest";
import {
  callSearchApiPath,
  callSearchHref,
  fromLocalInput,
  parseCallSearch,
  parsePhoneLogSearch,
  personIn,
  phoneLogApiPath,
  phoneLogHref,
  toLocalInput,
} from "./search-state";

describe("search state in the URL", () => {
  it("reads back exactly what it wrote", () => {
    const search = {
      participant: "priya.raman@contoso.example",
      from: "2026-11-20T09:00:00.000Z",
      to: null,
      type: "groupCall",
      modality: "video",
      join: "19:meeting_NjQyMzA3YjctY2FkNi00@thread.v2",
    };
    const href = callSearchHref(search);
    expect(href).toBe(
      "/calls?participant=priya.raman%40contoso.example&from=2026-11-20T09%3A00%3A00.000Z&type=groupCall&modality=video&join=19%3Ameeting_NjQyMzA3YjctY2FkNi00%40thread.v2",
    );
    expect(parseCallSearch(new URL(href, "https://x").searchParams)).toEqual(search);
    // The API gets the person and the window; type and modality are filtered on what arrives.
    expect(callSearchApiPath(search)).toBe(
      "/api/calls?participant=priya.raman%40contoso.example&from=2026-11-20T09%3A00%3A00.000Z",
    );
    const log = { kind: "directRouting" as const, participant: null, from: null, to: null, failedOnly: true };
    expect(parsePhoneLogSearch(new URL(phoneLogHref(log), "https://x").searchParams)).toEqual(log);
    expect(phoneLogApiPath(log)).toBe("/api/phone-logs?kind=directRouting&failed=1");
  });

  it("drops what it does not understand instead of failing", () => {
    expect(parseCallSearch(new URLSearchParams("participant=&type=x"))).toBeNull();
    expect(
      parseCallSearch(new URLSearchParams("participant=a@b.example&type=nonsense&modality=smell")),
    ).toEqual({
      participant: "a@b.example",
      from: null,
      to: null,
      type: null,
      modality: null,
      join: null,
    });
    expect(parsePhoneLogSearch(new URLSearchParams("kind=fax"))).toBeNull();
  });

  it("round-trips the browser's local time through datetime-local inputs", () => {
    const iso = "2026-11-20T09:30:00.000Z";
    expect(fromLocalInput(toLocalInput(iso))).toBe(iso);
    expect(fromLocalInput("")).toBeNull();
    expect(toLocalInput("not a date")).toBe("");
  });

  it("tells a person from a call ID in the home page's box", () => {
    expect(personIn(" priya.raman@contoso.example ")).toBe("priya.raman@contoso.example");
    expect(personIn("+1 425 555 0143")).toBe("+1 425 555 0143");
    expect(personIn("2f4c9a51-7c1e-4b7a-9d1e-3a1c5b7e9f01")).toBeNull();
    expect(personIn("hello")).toBeNull();
  });
});

describe("times in a search's URL", () => {
  it("reads a time without a zone (the browser's datetime-local) in the browser's own zone", () => {
    const search = parseCallSearch(
      new URLSearchParams("participant=a@b.example&from=2026-11-20T09:00&to=2026-11-21T09:00Z"),
    );
    expect(search?.from).toBe(new Date("2026-11-20T09:00").toISOString());
    expect(search?.to).toBe("2026-11-21T09:00Z");
  });
});
