import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { buildCallRecord } from "../../emulator/data/scenarios";
import { FULL_VIEW, type CallService } from "@/lib/api/call-service";
import { INVESTIGATOR_ROLE, READER_ROLE, type Principal } from "@/lib/auth/roles";
import { createReportService } from "./service";
import { openSqliteStore } from "./sqlite-store";

const principal = (overrides: Partial<Principal> = {}): Principal => ({
  kind: "user", oid: "ada", name: "Ada", username: null, tenantId: "t1", roles: [INVESTIGATOR_ROLE], seesPersonalData: true, ...overrides,
});

const opened: { close(): void }[] = [];
afterAll(() => opened.forEach((store) => store.close()));

async function setup() {
  const store = openSqliteStore(join(mkdtempSync(join(tmpdir(), "callscope-svc-")), "r.db"));
  opened.push(store);
  // Opening, listing and deleting reports never touch Graph: the call service is not used here.
  const service = createReportService({ store, calls: {} as CallService, appVersion: "test", viewFor: () => FULL_VIEW });
  const { sessions, ...record } = buildCallRecord({ id: "2f4c9a51-7c1e-4b7a-9d1e-3a1c5b7e9f01", scenario: "poor-wifi", seed: "s", end: Date.parse("2026-11-20T12:00:00Z"), tenantId: "t1" });
  const add = (id: string, expiresAt: number | null, createdBy = "ada") =>
    store.create({ id, tenantId: "t1", callId: record.id, title: id, note: null, redacted: false, createdAt: Date.now(), createdBy, createdByName: createdBy, expiresAt, appVersion: "test", sessionCount: sessions.length }, gzipSync(JSON.stringify({ record, sessions })));
  return { store, service, add };
}

const ID = (c: string) => c.repeat(22);

describe("report access", () => {
  it("opens a report of the same tenant and hides it from another tenant", async () => {
    const { service, add } = await setup();
    await add(ID("a"), null);
    const opened = JSON.parse(await service.open(principal(), ID("a")));
    expect(opened.sessions).toHaveLength(1);
    expect(opened.call.id).toBe("2f4c9a51-7c1e-4b7a-9d1e-3a1c5b7e9f01");
    await expect(service.open(principal({ tenantId: "t2" }), ID("a"))).rejects.toMatchObject({ status: 404 });
    await expect(service.open(principal(), ID("z"))).rejects.toMatchObject({ status: 404 });
    await expect(service.open(principal(), "../../etc/passwd")).rejects.toMatchObject({ status: 404 });
  });

  it("answers 410 once a report has expired", async () => {
    const { service, add } = await setup();
    await add(ID("b"), Date.now() - 1000);
    await expect(service.open(principal(), ID("b"))).rejects.toMatchObject({ status: 410, code: "report_expired" });
  });

  it("redacts an unredacted report for a Reader", async () => {
    const { service, add } = await setup();
    await add(ID("c"), null);
    const full = await service.open(principal(), ID("c"));
    const masked = await service.open(principal({ oid: "rui", roles: [READER_ROLE], seesPersonalData: false }), ID("c"));
    const name = JSON.parse(full).sessions[0].caller.identity.displayName as string;
    expect(full).toContain(name);
    expect(masked).not.toContain(name);
    expect(masked).toContain("Participant A");
  });

  it("lets only the creator or an investigator delete, and lists a reader's own reports", async () => {
    const { service, add, store } = await setup();
    await add(ID("d"), null, "ada");
    await add(ID("e"), null, "rui");
    const rui = principal({ oid: "rui", roles: [READER_ROLE], seesPersonalData: false });
    expect((await service.list(rui)).map((r) => r.id)).toEqual([ID("e")]);
    expect((await service.list(principal())).map((r) => r.id).sort()).toEqual([ID("d"), ID("e")]);
    await expect(service.remove(rui, ID("d"))).rejects.toMatchObject({ status: 403 });
    await service.remove(rui, ID("e"));
    await service.remove(principal(), ID("d"));
    expect(await store.list("t1")).toEqual([]);
  });
});
