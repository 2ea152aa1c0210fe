import { describe, expect, it } from "vitest";
import { GraphFailure } from "./errors";
import { checkNextLink, recordUrl } from "./links";

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
