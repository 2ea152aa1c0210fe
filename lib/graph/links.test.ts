import { describe, expect, it } from "vitest";
import { GraphFailure } from "./errors";
import {
  callListFilter,
  callListUrl,
  checkListLink,
  checkNextLink,
  checkPhoneLogLink,
  nextLinkInBytes,
  phoneLogUrl,
  recordUrl,
} from "./links";

const base = "https://graph.microsoft.com";
const id = "2f4c9a51-7c1e-4b7a-9d1e-3a1c5b7e9f01";
const good = `${base}/v1.0/communications/callRecords/${id}/sessions?$expand=segments&$skiptoken=abc`;

describe("checkNextLink", () => {
  it("returns a link on the Graph host and this call's sessions verbatim", () => {
    expect(checkNextLink(good, base, id)).toBe(good);
    const keyed = `${base}/v1.0/communications/callRecords('${id}')/sessions?$skiptoken=x`;
    expect(checkNextLink(keyed, base, id)).toBe(keyed);
  });

  it.each([
    ["another host", good.replace("graph.microsoft.com", "evil.example")],
    ["a look-alike host", good.replace("graph.microsoft.com", "graph.microsoft.com.evil.example")],
    ["plain http", good.replace("https:", "http:")],
    ["credentials in the URL", good.replace("https://", "https://user:pass@")],
    ["another call", good.replace(id, "11111111-2222-4333-8444-555555555555")],
    ["another collection", `${base}/v1.0/users?$skiptoken=abc`],
    ["a path escape", `${base}/v1.0/communications/callRecords/${id}/sessions/../../../../users`],
    ["not a URL", "sessions?$skiptoken=abc"],
    [
      "a path that cannot be decoded",
      `${base}/v1.0/communications/callRecords/${id}/sessions%E0%A4%A?$skiptoken=x`,
    ],
    ["not a string", 42],
  ])("refuses %s", (_, link) => {
    expect(() => checkNextLink(link, base, id)).toThrow(GraphFailure);
  });

  it("builds the record URL with sessions and segments expanded", () => {
    expect(recordUrl(base, id)).toBe(
      `${base}/v1.0/communications/callRecords/${id}?$expand=sessions($expand=segments)`,
    );
  });
});

describe("the list of call records and the phone logs", () => {
  it("builds Graph's two supported filters, nothing else", () => {
    const from = Date.parse("2026-11-20T09:00:00.500Z");
    const to = Date.parse("2026-11-27T09:00:00Z");
    expect(callListFilter({ from, to })).toBe(
      "startDateTime ge 2026-11-20T09:00:00.500Z and startDateTime lt 2026-11-27T09:00:00Z",
    );
    expect(callListFilter({ from, to, participantId: "821809f5-0000-0000-0000-3b5136c0e777" })).toContain(
      "participants_v2/any(p:p/id eq '821809f5-0000-0000-0000-3b5136c0e777')",
    );
    expect(callListUrl(base, { from, to })).toBe(
      `${base}/v1.0/communications/callRecords?$filter=${encodeURIComponent(callListFilter({ from, to }))}`,
    );
    // Nothing a person typed reaches the filter unless it is an ID: no quote can close the literal.
    expect(() => callListFilter({ from, to, participantId: "x') or (true" })).toThrow(GraphFailure);
  });

  it("follows the docs' own nextLinks, and only to the same log on the Graph host", () => {
    const pstn = `${base}/v1.0/communications/callRecords/getPstnCalls(from=2019-11-01,to=2019-12-01)?$skip=1000`;
    expect(checkPhoneLogLink(pstn, base, "pstn")).toBe(pstn);
    const direct = `${base}/v1.0/communications/callRecords/getDirectRoutingCalls(fromDateTime=2019-11-01,toDateTime=2019-12-01)?$skip=1000`;
    expect(checkPhoneLogLink(direct, base, "directRouting")).toBe(direct);
    expect(() => checkPhoneLogLink(direct, base, "pstn")).toThrow(GraphFailure);
    expect(() =>
      checkPhoneLogLink(direct.replace(base, "https://evil.example"), base, "directRouting"),
    ).toThrow(GraphFailure);
    expect(() =>
      checkPhoneLogLink(`${base}/v1.0/communications/callRecords/getPstnCalls(x)/../../users`, base, "pstn"),
    ).toThrow(GraphFailure);
    const list = `${base}/v1.0/communications/callRecords?$filter=x&$skiptoken=abc`;
    expect(checkListLink(list, base)).toBe(list);
    expect(() => checkListLink(`${base}/v1.0/users?$skiptoken=abc`, base)).toThrow(GraphFailure);
    expect(
      phoneLogUrl(base, "pstn", Date.parse("2026-11-01T00:00:00Z"), Date.parse("2026-11-02T00:00:00Z")),
    ).toBe(
      `${base}/v1.0/communications/callRecords/getPstnCalls(fromDateTime=2026-11-01T00:00:00Z,toDateTime=2026-11-02T00:00:00Z)`,
    );
  });
});

describe("nextLinkInBytes", () => {
  const nextLinkInText = (text: string, key: string) => nextLinkInBytes(Buffer.from(text), key);
  const link = "https://graph.microsoft.com/v1.0/communications/callRecords/c/sessions?$skiptoken=a%2Fb";
  it("reads a page's one top-level nextLink from its text, escapes and all", () => {
    const text = JSON.stringify({ "@odata.context": "x", value: [{ id: "s" }], "@odata.nextLink": link });
    expect(nextLinkInText(text, "@odata.nextLink")).toBe(link);
    expect(nextLinkInText(text.replace(/\//g, "\\/"), "@odata.nextLink")).toBe(link);
    const record = JSON.stringify({ id: "c", sessions: [], "sessions@odata.nextLink": link });
    expect(nextLinkInText(record, "sessions@odata.nextLink")).toBe(link);
    // "sessions@odata.nextLink" is not "@odata.nextLink".
    expect(nextLinkInText(record, "@odata.nextLink")).toBeNull();
  });

  it("leaves a link quoted inside a value, or a key seen twice, to the parsed page", () => {
    const inValue = JSON.stringify({ value: [{ note: `"@odata.nextLink":"${link}"` }] });
    expect(nextLinkInText(inValue, "@odata.nextLink")).toBeNull();
    const twice = `{"@odata.nextLink":"${link}","value":[],"@odata.nextLink":"${link}x"}`;
    expect(nextLinkInText(twice, "@odata.nextLink")).toBeNull();
    expect(nextLinkInText(JSON.stringify({ value: [] }), "@odata.nextLink")).toBeNull();
  });

  it("reads a link with spaces around the colon, non-ASCII text before it, and gives up on a cut or odd value", () => {
    const pretty = JSON.stringify(
      { value: [{ displayName: "Zoë Ångström 🎧" }], "@odata.nextLink": link },
      null,
      2,
    );
    expect(nextLinkInText(pretty, "@odata.nextLink")).toBe(link);
    expect(nextLinkInText(`{"value":[],"@odata.nextLink" :\n\t"${link}"}`, "@odata.nextLink")).toBe(link);
    expect(nextLinkInText(`{"value":[],"@odata.nextLink":"${link}`, "@odata.nextLink")).toBeNull();
    expect(nextLinkInText(`{"value":[],"@odata.nextLink":null}`, "@odata.nextLink")).toBeNull();
    expect(nextLinkInText(`{"value":[],"@odata.nextLink":"a\\qb"}`, "@odata.nextLink")).toBeNull();
    const escapedQuote = JSON.stringify({ "@odata.nextLink": `${link}&x="y"` });
    expect(nextLinkInText(escapedQuote, "@odata.nextLink")).toBe(`${link}&x="y"`);
  });
});
