import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { demoCalls } from "../lib/demo/calls";
import { sizedCallId } from "./data/store";
import { DEMO_APP, OTHER_TENANT_APP, UNCONSENTED_APP } from "./entra/registry";
import { ORIGIN, testEmulator } from "./testing";

interface Page {
  value: { id: string; segments?: unknown[]; caller?: unknown }[];
  "@odata.nextLink"?: string;
}

const townHall = demoCalls.find((c) => c.scenario === "town-hall")?.id ?? "";

async function json<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

describe("Graph callRecords emulator", () => {
  it("pages a 3,000-session call in 50 pages of 60 whose nextLinks chain to the end", async () => {
    const emu = await testEmulator();
    const auth = { headers: { Authorization: `Bearer ${await emu.token()}` } };
    const record = await json<{ sessions: Page["value"]; "sessions@odata.nextLink"?: string }>(
      await emu.request(
        `/v1.0/communications/callRecords/${townHall}?$expand=sessions($expand=segments)`,
        auth,
      ),
    );
    expect(record.sessions).toHaveLength(60);
    expect(record.sessions[0]?.segments?.length).toBeGreaterThan(0);
    let link = record["sessions@odata.nextLink"];
    const ids = record.sessions.map((s) => s.id);
    let pages = 1;
    while (link) {
      expect(
        link.startsWith(
          `${ORIGIN}/v1.0/communications/callRecords/${townHall}/sessions?$expand=segments&$skiptoken=`,
        ),
      ).toBe(true);
      const page = await json<Page>(await emu.request(link.slice(ORIGIN.length), auth));
      expect(page.value.length).toBeLessThanOrEqual(60);
      ids.push(...page.value.map((s) => s.id));
      link = page["@odata.nextLink"];
      pages++;
    }
    // 3,000 generated sessions plus the two that real data repeats.
    expect(ids).toHaveLength(3002);
    expect(pages).toBe(Math.ceil(3002 / 60));
    expect(new Set(ids).size).toBe(3000);
  });

  it("honours Prefer: odata.maxpagesize up to 60 and says so in Preference-Applied", async () => {
    const emu = await testEmulator();
    const token = await emu.token();
    const small = await emu.request(`/v1.0/communications/callRecords/${sizedCallId(61)}/sessions`, {
      headers: { Authorization: `Bearer ${token}`, Prefer: "odata.maxpagesize=25" },
    });
    expect(small.headers.get("preference-applied")).toContain("odata.maxpagesize=25");
    expect((await json<Page>(small)).value).toHaveLength(25);
    const big = await emu.request(`/v1.0/communications/callRecords/${sizedCallId(61)}/sessions`, {
      headers: { Authorization: `Bearer ${token}`, Prefer: "odata.maxpagesize=500" },
    });
    expect(big.headers.get("preference-applied")).toBeNull();
    const page = await json<Page>(big);
    expect(page.value).toHaveLength(60);
    expect(page["@odata.nextLink"]).toBeDefined();
  });

  it("applies $select on sessions and keeps it in the nextLink", async () => {
    const emu = await testEmulator();
    const auth = { headers: { Authorization: `Bearer ${await emu.token()}` } };
    const page = await json<Page & { value: Record<string, unknown>[] }>(
      await emu.request(
        `/v1.0/communications/callRecords/${sizedCallId(61)}/sessions?$select=id,modalities`,
        auth,
      ),
    );
    expect(Object.keys(page.value[0] ?? {}).sort()).toEqual(["id", "modalities"]);
    expect(page["@odata.nextLink"]).toContain("$select=id,modalities");
    const bad = await emu.request(
      `/v1.0/communications/callRecords/${sizedCallId(61)}/sessions?$select=nope`,
      auth,
    );
    expect(bad.status).toBe(400);
  });

  it("answers with Graph's status codes and error shape", async () => {
    const emu = await testEmulator();
    const path = `/v1.0/communications/callRecords/${sizedCallId(1)}`;
    const none = await emu.request(path);
    expect(none.status).toBe(401);
    const body = await json<{ error: { code: string; message: string; innerError: Record<string, string> } }>(
      none,
    );
    expect(body.error.code).toBe("InvalidAuthenticationToken");
    expect(body.error.innerError["request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.error.innerError.date).toBeTruthy();

    const wrongAudience = await emu.token(DEMO_APP, `api://${DEMO_APP.clientId}/.default`);
    expect((await emu.request(path, { headers: { Authorization: `Bearer ${wrongAudience}` } })).status).toBe(
      401,
    );
    const forged = (await emu.token()).slice(0, -4) + "AAAA";
    expect((await emu.request(path, { headers: { Authorization: `Bearer ${forged}` } })).status).toBe(401);
    const noRole = await emu.token(UNCONSENTED_APP);
    const forbidden = await emu.request(path, { headers: { Authorization: `Bearer ${noRole}` } });
    expect(forbidden.status).toBe(403);
    expect((await json<{ error: { message: string } }>(forbidden)).error.message).toContain(
      "CallRecords.Read.All",
    );

    const token = await emu.token();
    expect(
      (
        await emu.request("/v1.0/communications/callRecords/not-a-guid", {
          headers: { Authorization: `Bearer ${token}` },
        })
      ).status,
    ).toBe(400);
    const unknown = await emu.request(
      "/v1.0/communications/callRecords/00000000-0000-4000-8000-000000000000",
      { headers: { Authorization: `Bearer ${token}` } },
    );
    expect(unknown.status).toBe(404);
    expect((await json<{ error: { code: string } }>(unknown)).error.code).toBe("NotFound");
    // A record belongs to its tenant: another tenant's app does not see it.
    const other = await emu.token(OTHER_TENANT_APP);
    expect((await emu.request(path, { headers: { Authorization: `Bearer ${other}` } })).status).toBe(404);
    // A forged skiptoken is refused rather than served.
    const tampered = await emu.request(
      `/v1.0/communications/callRecords/${sizedCallId(61)}/sessions?$skiptoken=WzYwLDYwLDFd.forged`,
      { headers: { Authorization: `Bearer ${token}` } },
    );
    expect(tampered.status).toBe(400);
  });

  it("hides evolvable enum members unless the client opts in", async () => {
    const emu = await testEmulator();
    const token = await emu.token();
    const path = `/v1.0/communications/callRecords/${townHall}/sessions?$expand=segments`;
    const plain = await (
      await emu.request(path, {
        headers: { Authorization: `Bearer ${token}`, Prefer: "odata.maxpagesize=60" },
      })
    ).text();
    const all: string[] = [];
    let link: string | undefined = path;
    while (link) {
      const response: Response = await emu.request(link.replace(ORIGIN, ""), {
        headers: { Authorization: `Bearer ${token}`, Prefer: "include-unknown-enum-members" },
      });
      expect(response.headers.get("preference-applied")).toContain("include-unknown-enum-members");
      const text = await response.text();
      all.push(text);
      link = (JSON.parse(text) as Page)["@odata.nextLink"];
    }
    expect(all.join("")).toContain('"productFamily":"azureCommunicationServices"');
    expect(plain).not.toContain("azureCommunicationServices");
  });

  it("enforces the per-record throttling limits with Retry-After", async () => {
    const emu = await testEmulator({ throttle: true });
    const auth = { headers: { Authorization: `Bearer ${await emu.token()}` } };
    const path = `/v1.0/communications/callRecords/${sizedCallId(1)}`;
    for (let i = 0; i < 10; i++) expect((await emu.request(path, auth)).status).toBe(200);
    const throttled = await emu.request(path, auth);
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await json<{ error: { code: string } }>(throttled)).error.code).toBe("TooManyRequests");
    // Another record has its own budget.
    expect((await emu.request(`/v1.0/communications/callRecords/${sizedCallId(2)}`, auth)).status).toBe(200);
  });

  it("injects faults deterministically under a seed", async () => {
    const emu = await testEmulator();
    const auth = { headers: { Authorization: `Bearer ${await emu.token()}` } };
    const path = `/v1.0/communications/callRecords/${sizedCallId(3)}`;
    const statuses = async () => {
      emu.faults.set({ rate429: 0.3, rate503: 0.3, seed: 42, retryAfterSeconds: 2 });
      const out: number[] = [];
      for (let i = 0; i < 20; i++) out.push((await emu.request(path, auth)).status);
      return out;
    };
    const first = await statuses();
    expect(first).toEqual(await statuses());
    expect(first).toContain(429);
    expect(first).toContain(503);
    expect(first).toContain(200);

    emu.faults.set({ rateTruncated: 1 });
    const truncated = await (await emu.request(path, auth)).text();
    expect(() => JSON.parse(truncated)).toThrow();

    const control = await emu.request("/_emulator/faults", {
      method: "PUT",
      body: JSON.stringify({ latencyMs: 30 }),
      headers: { "Content-Type": "application/json" },
    });
    expect(control.status).toBe(200);
    const started = performance.now();
    await emu.request(path, auth);
    expect(performance.now() - started).toBeGreaterThanOrEqual(28);
  });

  it("serves and pages a record placed in EMULATOR_DATA_DIR", async () => {
    const dir = mkdtempSync(join(tmpdir(), "callscope-data-"));
    const id = "0badc0de-1111-4222-8333-444455556666";
    const sessions = Array.from({ length: 75 }, (_, i) => ({
      id: `aaaaaaaa-0000-4000-8000-${String(i).padStart(12, "0")}`,
      modalities: ["audio"],
      startDateTime: "2026-11-19T10:00:00Z",
      endDateTime: "2026-11-19T10:30:00Z",
      segments: [],
    }));
    writeFileSync(
      join(dir, "exported.json"),
      JSON.stringify({
        id,
        version: 3,
        type: "groupCall",
        startDateTime: "2026-11-19T10:00:00Z",
        endDateTime: "2026-11-19T10:30:00Z",
        sessions,
      }),
    );
    const emu = await testEmulator({ dataDir: dir });
    const auth = { headers: { Authorization: `Bearer ${await emu.token()}` } };
    const first = await json<{ version: number; sessions: unknown[]; "sessions@odata.nextLink": string }>(
      await emu.request(`/v1.0/communications/callRecords/${id}?$expand=sessions($expand=segments)`, auth),
    );
    expect(first.version).toBe(3);
    expect(first.sessions).toHaveLength(60);
    const second = await json<Page>(
      await emu.request(first["sessions@odata.nextLink"].replace(ORIGIN, ""), auth),
    );
    expect(second.value.map((s) => s.id)).toEqual(sessions.slice(60).map((s) => s.id));
    expect(second["@odata.nextLink"]).toBeUndefined();
  });

  it("generates the same records for the same seed", async () => {
    const a = await testEmulator();
    const b = await testEmulator();
    const id = demoCalls[1]?.id ?? "";
    const tenant = DEMO_APP.tenantId;
    expect(JSON.stringify(a.store.get(id, tenant))).toBe(JSON.stringify(b.store.get(id, tenant)));
  });
});

describe("participants_v2 and real-shaped output", () => {
  const realTenant = demoCalls.find((c) => c.scenario === "real-tenant")?.id ?? "";
  const legacy = demoCalls.find((c) => c.scenario === "legacy-only")?.id ?? "";

  it("pages participants_v2 by 130 with nextLinks, derived from the sessions when a record has no list", async () => {
    const emu = await testEmulator();
    const auth = { headers: { Authorization: `Bearer ${await emu.token()}` } };
    const first = await json<{ value: { id: string }[]; "@odata.nextLink"?: string }>(
      await emu.request(`/v1.0/communications/callRecords/${townHall}/participants_v2`, auth),
    );
    expect(first.value).toHaveLength(130);
    const ids = first.value.map((p) => p.id);
    let link = first["@odata.nextLink"];
    while (link) {
      expect(
        link.startsWith(`${ORIGIN}/v1.0/communications/callRecords/${townHall}/participants_v2?$skiptoken=`),
      ).toBe(true);
      const page = await json<{ value: { id: string }[]; "@odata.nextLink"?: string }>(
        await emu.request(link.slice(ORIGIN.length), auth),
      );
      ids.push(...page.value.map((p) => p.id));
      link = page["@odata.nextLink"];
    }
    expect(new Set(ids).size).toBe(3000);
    expect(emu.stats.get(`${townHall}/participants_v2`)).toEqual({
      firstPage: 1,
      laterPage: Math.ceil(3000 / 130) - 1,
    });
  });

  it("serves a stored list as it is (with a person who had no session) and an empty one for a legacy record", async () => {
    const emu = await testEmulator();
    const auth = { headers: { Authorization: `Bearer ${await emu.token()}` } };
    const people = await json<{ value: { identity: { user: { displayName: string } } }[] }>(
      await emu.request(`/v1.0/communications/callRecords/${realTenant}/participants_v2`, auth),
    );
    expect(people.value.map((p) => p.identity.user.displayName)).toEqual([
      "Rui Alves",
      "Mei Chen",
      "Jonas Berg",
      "Ana Costa",
    ]);
    const none = await json<{ value: unknown[] }>(
      await emu.request(`/v1.0/communications/callRecords/${legacy}/participants_v2`, auth),
    );
    expect(none.value).toEqual([]);
    // A relationship, not a property: inline only with $expand=participants_v2.
    const record = await json<Record<string, unknown>>(
      await emu.request(`/v1.0/communications/callRecords/${realTenant}`, auth),
    );
    expect(record.participants_v2).toBeUndefined();
    const expanded = await json<{ participants_v2: unknown[] }>(
      await emu.request(`/v1.0/communications/callRecords/${realTenant}?$expand=participants_v2`, auth),
    );
    expect(expanded.participants_v2).toHaveLength(4);
  });

  it("drops every @odata.type and context for Accept: odata.metadata=none, and keeps nextLinks", async () => {
    const emu = await testEmulator();
    const headers = {
      Authorization: `Bearer ${await emu.token()}`,
      Accept: "application/json;odata.metadata=none",
    };
    const response = await emu.request(
      `/v1.0/communications/callRecords/${townHall}?$expand=sessions($expand=segments)`,
      { headers },
    );
    expect(response.headers.get("content-type")).toContain("odata.metadata=none");
    const text = await response.text();
    expect(text).not.toContain("@odata.type");
    expect(text).not.toContain("@odata.context");
    expect(text).toContain("sessions@odata.nextLink");
    const minimal = await (
      await emu.request(`/v1.0/communications/callRecords/${townHall}?$expand=sessions($expand=segments)`, {
        headers: { Authorization: headers.Authorization },
      })
    ).text();
    expect(minimal).toContain("#microsoft.graph.callRecords.participantEndpoint");
  });

  it("serves a record only to its own tenant, even after another request built it", async () => {
    const emu = await testEmulator();
    const own = await emu.request(`/v1.0/communications/callRecords/${realTenant}`, {
      headers: { Authorization: `Bearer ${await emu.token()}` },
    });
    expect(own.status).toBe(200);
    const other = await emu.request(`/v1.0/communications/callRecords/${realTenant}`, {
      headers: { Authorization: `Bearer ${await emu.token(OTHER_TENANT_APP)}` },
    });
    expect(other.status).toBe(404);
  });
});
