import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { buildCallRecord } from "../../emulator/data/scenarios";
import { FULL_VIEW } from "@/lib/callrecords/view";
import type { RawPart } from "@/lib/graph/callrecords";
import { INVESTIGATOR_ROLE, READER_ROLE, type Principal } from "@/lib/auth/roles";
import type { ReportQuotas } from "@/lib/config/schema";
import { createReportService } from "./service";
import { openDatabase } from "@/lib/db/open";
import { tempSqlitePath } from "@/lib/db/testing/databases";
import { createReportStore } from "./db-store";
import { parseCallRecordBody } from "@/lib/callrecords/parse";
import { verdictSummary } from "@/lib/callrecords/verdict-summary";

const openStore = () => createReportStore(openDatabase({ sqlitePath: tempSqlitePath() }));

const principal = (overrides: Partial<Principal> = {}): Principal => ({
  kind: "user",
  oid: "ada",
  name: "Ada",
  username: null,
  tenantId: "t1",
  roles: [INVESTIGATOR_ROLE],
  seesPersonalData: true,
  ...overrides,
});

const QUOTAS: ReportQuotas = {
  perUser: { count: 3, bytes: 50 * 1024 * 1024 },
  perTenant: { count: 100, bytes: 500 * 1024 * 1024 },
  concurrent: 2,
};
const opened: { close(): void }[] = [];
afterAll(() => opened.forEach((store) => store.close()));

async function setup() {
  const store = openStore();
  opened.push(store);
  // Opening, listing and deleting reports never touch Graph: the call service is not used here.
  const service = createReportService({
    store,
    appVersion: "test",
    viewFor: () => FULL_VIEW,
    quotas: QUOTAS,
  });
  const { sessions, ...record } = buildCallRecord({
    id: "2f4c9a51-7c1e-4b7a-9d1e-3a1c5b7e9f01",
    scenario: "poor-wifi",
    seed: "s",
    end: Date.parse("2026-11-20T12:00:00Z"),
    tenantId: "t1",
  });
  const add = (id: string, expiresAt: number | null, createdBy = "ada") =>
    store.create(
      {
        id,
        tenantId: "t1",
        callId: record.id,
        title: id,
        note: null,
        redacted: false,
        createdAt: Date.now(),
        createdBy,
        createdByName: createdBy,
        expiresAt,
        appVersion: "test",
        sessionCount: sessions.length,
        callStart: null,
        callType: null,
        quality: null,
        poorShare: null,
      },
      gzipSync(JSON.stringify({ record, sessions })),
    );
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
    await expect(service.open(principal(), ID("b"))).rejects.toMatchObject({
      status: 410,
      code: "report_expired",
    });
    expect(await service.list(principal())).toEqual([]);
  });

  it("redacts an unredacted report for a Reader", async () => {
    const { service, add } = await setup();
    await add(ID("c"), null);
    const full = await service.open(principal(), ID("c"));
    const masked = await service.open(
      principal({ oid: "rui", roles: [READER_ROLE], seesPersonalData: false }),
      ID("c"),
    );
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
    expect(await store.list("t1", Date.now())).toEqual([]);
  });
});

describe("report creation", () => {
  const {
    sessions: [session],
    ...record
  } = buildCallRecord({
    id: "2f4c9a51-7c1e-4b7a-9d1e-3a1c5b7e9f01",
    scenario: "poor-wifi",
    seed: "s",
    end: Date.parse("2026-11-20T12:00:00Z"),
    tenantId: "t1",
  });
  /** A call of `pages` pages of 60 sessions, as the call service hands it over. */
  const bigCall = (pages: number, pause?: Promise<void>) =>
    async function* rawCall(): AsyncGenerator<RawPart> {
      await pause;
      for (let page = 0; page < pages; page++) {
        const items = Array.from({ length: 60 }, (_, i) => ({ ...session, id: `${page}-${i}` }));
        yield { rawSessions: items.map((item) => JSON.stringify(item)), count: items.length };
      }
      yield { record, rawParticipants: null };
    };

  async function creator(calls: ReturnType<typeof bigCall>, quotas: ReportQuotas = QUOTAS) {
    const store = openStore();
    opened.push(store);
    const service = createReportService({ store, appVersion: "test", viewFor: () => FULL_VIEW, quotas });
    return {
      store,
      service: {
        ...service,
        create: (principal: Principal, body: unknown) => service.create(principal, body, calls),
      },
    };
  }

  it("keeps the call's start, type and verdict for the list, the same verdict the drill-down reaches", async () => {
    const clean = buildCallRecord({
      id: "7d1e3a1c-5b7e-4f01-9c1e-2f4c9a517c1e",
      scenario: "clean-one-to-one",
      seed: "s",
      end: Date.parse("2026-11-20T12:00:00Z"),
      tenantId: "t1",
    });
    for (const [call, quality] of [
      [{ ...record, sessions: [session] }, "poor"],
      [clean, "good"],
    ] as const) {
      const { sessions: own, ...rest } = call;
      const store = openStore();
      opened.push(store);
      const service = createReportService({
        store,
        appVersion: "test",
        viewFor: () => FULL_VIEW,
        quotas: QUOTAS,
      });
      const meta = await service.create(principal(), { callId: rest.id }, async function* () {
        yield { rawSessions: own.map((item) => JSON.stringify(item)), count: own.length };
        yield { record: rest, rawParticipants: null };
      });
      const expected = verdictSummary(parseCallRecordBody(call).sessions, rest.type ?? null);
      expect(meta).toMatchObject({ callStart: rest.startDateTime, callType: rest.type, quality });
      expect(meta.poorShare).toBeCloseTo(expected.poorShare, 6);
      expect(expected.quality).toBe(quality);
      expect((await service.list(principal())).find((listed) => listed.id === meta.id)).toMatchObject({
        quality,
        callStart: rest.startDateTime,
      });
    }
  });

  it("builds a 3,000-session snapshot a page at a time, letting other work run between pages", async () => {
    const { service } = await creator(bigCall(50));
    let turns = 0;
    let probing = true;
    const probe = () => {
      turns += 1;
      if (probing) setImmediate(probe);
    };
    setImmediate(probe);
    const meta = await service.create(principal(), { callId: record.id, redact: true });
    probing = false;
    expect(meta.sessionCount).toBe(3000);
    // A synchronous build would let the probe run a handful of times at most.
    expect(turns).toBeGreaterThanOrEqual(50);
    const opened = JSON.parse(await service.open(principal(), meta.id)) as {
      sessions: { id: string; caller: unknown }[];
    };
    expect(opened.sessions).toHaveLength(3000);
    expect(JSON.stringify(opened.sessions[0]?.caller)).toContain("Participant A");
  });

  it("keeps a redacted report's title and note only when the creator says they name no one", async () => {
    const { service } = await creator(bigCall(1));
    const text = { title: "Priya Raman's bad Monday", note: "Priya says the Wi-Fi drops" };
    const unchecked = await service.create(principal(), { callId: record.id, redact: true, ...text });
    expect(unchecked.title).toBe(`Redacted report of call ${record.id.toLowerCase()}`);
    expect(unchecked.note).toBeNull();
    const checked = await service.create(principal(), {
      callId: record.id,
      redact: true,
      textHasNoPersonalData: true,
      title: "Floor 3 Wi-Fi",
      note: "Access point 3-B",
    });
    expect([checked.title, checked.note]).toEqual(["Floor 3 Wi-Fi", "Access point 3-B"]);
    // Not redacted: the text is kept as written.
    const plain = await service.create(principal(), { callId: record.id, ...text });
    expect([plain.title, plain.note]).toEqual([text.title, text.note]);
  });

  it("stops a person at their report quota with 429 and says what to do", async () => {
    const { service } = await creator(bigCall(1), {
      ...QUOTAS,
      perUser: { count: 2, bytes: QUOTAS.perUser.bytes },
    });
    await service.create(principal(), { callId: record.id });
    await service.create(principal(), { callId: record.id });
    await expect(service.create(principal(), { callId: record.id })).rejects.toMatchObject({
      status: 429,
      code: "report_quota",
      message: expect.stringContaining("Delete reports"),
    });
    // Another person of the tenant is not held back by Ada's quota.
    await expect(service.create(principal({ oid: "rui" }), { callId: record.id })).resolves.toMatchObject({
      createdBy: "rui",
    });
  });

  it("refuses a report larger than the storage left with 413, storing nothing", async () => {
    const { service, store } = await creator(bigCall(50), {
      ...QUOTAS,
      perUser: { count: 10, bytes: 20 * 1024 },
    });
    await expect(service.create(principal(), { callId: record.id })).rejects.toMatchObject({
      status: 413,
      code: "report_too_large",
    });
    expect(await store.list("t1", Date.now())).toEqual([]);
  });

  it("builds one report per person at a time, and queues a crowd instead of building it all at once", async () => {
    let release = () => undefined as void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { service } = await creator(bigCall(1, gate), {
      ...QUOTAS,
      perUser: { count: 100, bytes: QUOTAS.perUser.bytes },
      concurrent: 1,
    });
    const first = service.create(principal(), { callId: record.id });
    await new Promise((resolve) => setImmediate(resolve));
    await expect(service.create(principal(), { callId: record.id })).rejects.toMatchObject({
      status: 429,
      code: "report_in_progress",
    });
    const others = Array.from({ length: 4 }, (_, i) =>
      service.create(principal({ oid: `user-${i}` }), { callId: record.id }),
    );
    // Four may wait for the one slot; the fifth is told to come back.
    await expect(
      service.create(principal({ oid: "user-late" }), { callId: record.id }),
    ).rejects.toMatchObject({ status: 429, code: "reports_busy" });
    release();
    await expect(first).resolves.toMatchObject({ sessionCount: 60 });
    expect((await Promise.all(others)).map((meta) => meta.createdBy)).toEqual([
      "user-0",
      "user-1",
      "user-2",
      "user-3",
    ]);
  });
});
