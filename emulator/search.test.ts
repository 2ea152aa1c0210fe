// The emulator's list of call records, phone logs and directory, against what Graph's docs say.
import { describe, expect, it } from "vitest";
import { demoCalls } from "../lib/demo/calls";
import { demoPeople } from "../lib/demo/people";
import { CALL_RECORDS_ONLY_APP, DEMO_TENANT_ID, UNCONSENTED_APP } from "./entra/registry";
import { ORIGIN, testEmulator } from "./testing";

interface ListPage {
  value: { id: string; startDateTime: string; sessions?: unknown; participants_v2?: unknown }[];
  "@odata.nextLink"?: string;
}

const priya = demoPeople[0]?.id ?? "";
const filterFor = (id: string) => `participants_v2/any(p:p/id eq '${id}')`;

async function readAll(emu: Awaited<ReturnType<typeof testEmulator>>, path: string, token: string) {
  const seen: ListPage["value"] = [];
  let url: string | undefined = `${ORIGIN}${path}`;
  let pages = 0;
  while (url) {
    const response = await emu.app.request(url, { headers: { Authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    const page = (await response.json()) as ListPage;
    seen.push(...page.value);
    url = page["@odata.nextLink"];
    pages += 1;
  }
  return { seen, pages };
}

describe("GET /communications/callRecords", () => {
  it("lists a person's week with both filters, paged, without sessions or participants", async () => {
    const emu = await testEmulator({ pageSizes: { list: 5 } });
    const token = await emu.token();
    const from = "2026-11-13T12:00:00Z";
    const { seen, pages } = await readAll(
      emu,
      `/v1.0/communications/callRecords?$filter=${encodeURIComponent(`startDateTime ge ${from} and ${filterFor(priya)}`)}`,
      token,
    );
    expect(seen.length).toBeGreaterThan(15);
    expect(pages).toBe(Math.ceil(seen.length / 5));
    expect(new Set(seen.map((c) => c.id)).size).toBe(seen.length);
    for (const call of seen) {
      expect(Date.parse(call.startDateTime)).toBeGreaterThanOrEqual(Date.parse(from));
      expect(call.sessions).toBeUndefined();
      expect(call.participants_v2).toBeUndefined();
      const record = emu.store.get(call.id, DEMO_TENANT_ID);
      expect(record && emu.store.participantIds(record).has(priya)).toBe(true);
    }
  });

  it("lists the demo calls and replayed records too, by the people in their sessions", async () => {
    const emu = await testEmulator();
    const token = await emu.token();
    const { seen } = await readAll(emu, "/v1.0/communications/callRecords", token);
    const ids = new Set(seen.map((c) => c.id));
    for (const call of demoCalls) expect(ids.has(call.id)).toBe(true);
    // The docs example has participants_v2 of its own; the generated failed PSTN call derives them.
    const docs = demoCalls.find((c) => c.scenario === "docs-example");
    const { seen: byPerson } = await readAll(
      emu,
      `/v1.0/communications/callRecords?$filter=${encodeURIComponent(filterFor("821809f5-0000-0000-0000-3b5136c0e777"))}`,
      token,
    );
    expect(byPerson.map((c) => c.id)).toContain(docs?.id);
  });

  it("refuses filters and options Graph does not support", async () => {
    const emu = await testEmulator();
    const auth = { headers: { Authorization: `Bearer ${await emu.token()}` } };
    for (const query of [
      `$filter=${encodeURIComponent("endDateTime ge 2026-11-01T00:00:00Z")}`,
      `$filter=${encodeURIComponent("startDateTime ge 2026-11-01T00:00:00Z or startDateTime lt 2026-10-01T00:00:00Z")}`,
      `$filter=${encodeURIComponent("type eq 'groupCall'")}`,
      `$filter=${encodeURIComponent("startDateTime ge yesterday")}`,
      "$expand=sessions",
      "$orderby=startDateTime desc",
    ]) {
      const response = await emu.request(`/v1.0/communications/callRecords?${query}`, auth);
      expect(response.status, query).toBe(400);
    }
  });

  it("does not list records older than 30 days", async () => {
    const emu = await testEmulator({ now: Date.now() - 40 * 86_400_000 });
    const { seen } = await readAll(emu, "/v1.0/communications/callRecords", await emu.token());
    for (const call of seen)
      expect(Date.parse(call.startDateTime)).toBeGreaterThan(Date.now() - 31 * 86_400_000);
  });
});

describe("getPstnCalls and getDirectRoutingCalls", () => {
  it("page by $skip through a window, with the documented fields", async () => {
    const emu = await testEmulator({ pageSizes: { phoneLog: 4 } });
    const token = await emu.token();
    const { seen, pages } = await readAll(
      emu,
      "/v1.0/communications/callRecords/getDirectRoutingCalls(fromDateTime=2026-11-10T00:00:00Z,toDateTime=2026-11-21T00:00:00Z)",
      token,
    );
    expect(pages).toBeGreaterThan(2);
    const rows = seen as unknown as Record<string, unknown>[];
    expect(rows.some((row) => row.successfulCall === false && typeof row.finalSipCode === "number")).toBe(
      true,
    );
    expect(rows.every((row) => typeof row.trunkFullyQualifiedDomainName === "string")).toBe(true);
  });

  it("refuses a window over 90 days, a reversed one, or missing parameters", async () => {
    const emu = await testEmulator();
    const auth = { headers: { Authorization: `Bearer ${await emu.token()}` } };
    for (const args of [
      "fromDateTime=2026-01-01,toDateTime=2026-11-01",
      "fromDateTime=2026-11-10,toDateTime=2026-11-01",
      "fromDateTime=2026-11-10",
    ]) {
      const response = await emu.request(`/v1.0/communications/callRecords/getPstnCalls(${args})`, auth);
      expect(response.status, args).toBe(400);
    }
  });

  it("needs a phone-log or call-records permission", async () => {
    const emu = await testEmulator();
    const response = await emu.request(
      "/v1.0/communications/callRecords/getPstnCalls(fromDateTime=2026-11-10,toDateTime=2026-11-20)",
      { headers: { Authorization: `Bearer ${await emu.token(UNCONSENTED_APP)}` } },
    );
    expect(response.status).toBe(403);
  });
});

describe("GET /users/{sign-in name}", () => {
  it("resolves a demo person, 404s a stranger and 403s an app without a directory permission", async () => {
    const emu = await testEmulator();
    const auth = { headers: { Authorization: `Bearer ${await emu.token()}` } };
    const found = await emu.request(
      `/v1.0/users/${encodeURIComponent("Priya.Raman@contoso.example")}?$select=id`,
      auth,
    );
    expect(((await found.json()) as { id: string }).id).toBe(priya);
    expect((await emu.request("/v1.0/users/nobody%40contoso.example", auth)).status).toBe(404);
    const limited = await emu.request("/v1.0/users/priya.raman%40contoso.example", {
      headers: { Authorization: `Bearer ${await emu.token(CALL_RECORDS_ONLY_APP)}` },
    });
    expect(limited.status).toBe(403);
  });
});
