// The history store on both databases: facts from the docs' example records and the demo's, replacement by a
// later version, rollups equal to the raw facts, retention and the erasure of personal values.
import { createHmac, randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { buildCallRecord } from "../../emulator/data/scenarios";
import { parseCallRecordBody } from "@/lib/callrecords/parse";
import { FACT_COLUMNS, PERSONAL_FACT_COLUMNS, streamFacts } from "@/lib/callrecords/stream-facts";
import { streamRows } from "@/lib/callrecords/streams";
import { eachDatabase } from "@/lib/db/testing/databases";
import getExpanded from "@/lib/graph/fixtures/get-callrecord-example-2.json";
import { DIMENSIONS } from "./dimensions";
import { DAY_MS, dayOf, HOUR, rollupOf, TOTAL } from "./rollup";
import { monthOf } from "./partitions";
import { demoHistory } from "./demo-history";
import { overviewOf } from "./overview";
import { createHistoryStore } from "./store";

const pseudonym = (id: string) =>
  createHmac("sha256", "test-secret").update(id).digest("base64url").slice(0, 16);
const CALL = "2f4c9a51-7c1e-4b7a-9d1e-3a1c5b7e9f01";

/** A demo scenario's record, parsed, ending at `end`. */
function demoCall(end: number, scenario: "poor-wifi" | "clean-one-to-one" = "poor-wifi", id = CALL) {
  return parseCallRecordBody(buildCallRecord({ id, scenario, seed: "history", end, tenantId: "t" }));
}

const sorted = <T extends object>(rows: T[]) =>
  [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

eachDatabase((name, open) => {
  describe(`history store on ${name}`, () => {
    const db = open();
    const store = createHistoryStore(db);
    afterAll(() => db.close());
    const tenant = () => `t-${randomBytes(6).toString("hex")}`;
    const allDimensions = [TOTAL, HOUR, ...DIMENSIONS.map((d) => d.name)];

    it("keeps a stream per row from the docs' example record, every column present", async () => {
      const t = tenant();
      const parsed = parseCallRecordBody(getExpanded);
      const facts = streamFacts(parsed.call, parsed.sessions, { pseudonym });
      expect(facts).toHaveLength(streamRows(parsed.sessions).length);
      await store.saveCall(
        t,
        {
          callId: parsed.call.id,
          version: parsed.call.version,
          startAt: Date.parse(parsed.call.startDateTime),
          callType: parsed.call.type,
          source: "notification",
        },
        facts,
      );
      const back = await store.facts(t, 0, 1e6, null, 100);
      expect(back).toHaveLength(facts.length);
      for (const column of FACT_COLUMNS) expect(back[0]).toHaveProperty(column.name);
      expect(back.map((row) => row.media).sort()).toEqual(facts.map((f) => f.values.media).sort());
    });

    it("replaces a call by its later version, rollups included, and ignores an older one", async () => {
      const t = tenant();
      const end = Date.parse("2026-11-20T12:00:00Z");
      const poor = demoCall(end, "poor-wifi");
      const clean = demoCall(end, "clean-one-to-one");
      const save = (version: number, parsed: typeof poor) =>
        store.saveCall(
          t,
          {
            callId: CALL,
            version,
            startAt: Date.parse(parsed.call.startDateTime),
            callType: parsed.call.type,
            source: "notification",
          },
          streamFacts(parsed.call, parsed.sessions, { pseudonym }),
        );
      expect(await save(1, poor)).toBe(true);
      const poorCount = (await store.rollups(t, 0, 1e6, [TOTAL])).reduce((n, r) => n + r.poor, 0);
      expect(poorCount).toBeGreaterThan(0);
      expect(await save(2, clean)).toBe(true);
      const after = await store.rollups(t, 0, 1e6, [TOTAL]);
      expect(after.reduce((n, r) => n + r.poor, 0)).toBe(0);
      expect(await store.facts(t, 0, 1e6, null, 1000)).toHaveLength(
        streamFacts(clean.call, clean.sessions, { pseudonym }).length,
      );
      expect(await save(1, poor)).toBe(false);
      expect((await store.rollups(t, 0, 1e6, [TOTAL])).reduce((n, r) => n + r.poor, 0)).toBe(0);
    });

    it("keeps rollups equal to the raw facts across many calls and replacements", async () => {
      const t = tenant();
      const start = Date.parse("2026-11-01T08:00:00Z");
      for (let i = 0; i < 12; i++) {
        const id = `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`;
        const parsed = demoCall(
          start + i * 7 * 3_600_000,
          i % 3 === 0 ? "clean-one-to-one" : "poor-wifi",
          id,
        );
        await store.saveCall(
          t,
          {
            callId: id,
            version: 1,
            startAt: Date.parse(parsed.call.startDateTime),
            callType: parsed.call.type,
            source: "backfill",
          },
          streamFacts(parsed.call, parsed.sessions, { pseudonym }),
        );
        if (i % 4 === 1) {
          const again = demoCall(start + i * 7 * 3_600_000, "clean-one-to-one", id);
          await store.saveCall(
            t,
            {
              callId: id,
              version: 2,
              startAt: Date.parse(again.call.startDateTime),
              callType: again.call.type,
              source: "notification",
            },
            streamFacts(again.call, again.sessions, { pseudonym }),
          );
        }
      }
      const raw = await store.facts(t, 0, 1e6, null, 10_000);
      const expected = rollupOf(
        raw.map((row) => ({
          startAt: Number(row.start_at),
          values: row as Record<string, string | number | null>,
        })),
      );
      const kept = await store.rollups(t, 0, 1e6, allDimensions);
      expect(sorted(kept)).toEqual(sorted(expected.filter((row) => row.streams > 0)));
    });

    it("counts people from the people kept per day, equal to a recount from the raw facts after loads, replacements and retention", async () => {
      const t = tenant();
      const now = Date.parse("2026-11-20T12:00:00Z");
      const past = demoHistory(now, pseudonym, { days: 6, callsPerWorkday: 25 });
      await store.addNew(t, past);
      const recount = async (from: number, to: number) => {
        const rows = await store.facts(t, from, to, null, 100_000);
        const people = new Set(
          rows.flatMap((row) => [row.sender_person, row.receiver_person]).filter(Boolean),
        );
        return people.size;
      };
      const days = [...new Set(past.map(({ call }) => dayOf(call.startAt)))];
      const check = async () => {
        for (const [from, to] of [
          [0, 1e6],
          ...days.map((day) => [day, day]),
          [days[1] ?? 0, days[3] ?? 0],
        ] as const)
          expect((await store.counts(t, from, to)).people, `days ${from}–${to}`).toBe(
            await recount(from, to),
          );
      };
      await check();
      expect((await store.counts(t, 0, 1e6)).people).toBeGreaterThan(5);
      // A later version names other people: the earlier version's people leave the days they alone were on.
      for (const { call, facts } of past.slice(0, 8)) {
        const others = facts.map((fact, i) => ({
          ...fact,
          values: { ...fact.values, sender_person: `replaced-${call.callId}-${i}`, receiver_person: null },
        }));
        expect(await store.saveCall(t, { ...call, version: call.version + 1 }, others)).toBe(true);
      }
      await check();
      await store.retain(t, now, 3, 30);
      await check();
      expect((await store.counts(t, 0, dayOf(now) - 4)).people).toBe(0);
    });

    it("leaves the planner statistics of the facts after a large load (SQLite's PRAGMA optimize)", async () => {
      if (!db.sqlitePath) return;
      const t = tenant();
      await store.addNew(
        t,
        demoHistory(Date.parse("2026-11-20T12:00:00Z"), pseudonym, { days: 3, callsPerWorkday: 40 }),
      );
      const { sql } = await import("kysely");
      const stats = await sql<{
        idx: string;
      }>`SELECT idx FROM sqlite_stat1 WHERE tbl = 'history_streams'`.execute(await db.ready());
      expect(stats.rows.map((row) => row.idx)).toEqual(
        expect.arrayContaining(["history_streams_by_sender", "history_streams_by_time"]),
      );
    });

    it("sums the overview in the database to the same answer as every rollup row summed here", async () => {
      const t = tenant();
      const now = Date.parse("2026-11-20T12:00:00Z");
      await store.addNew(t, demoHistory(now, pseudonym, { days: 45, callsPerWorkday: 20 }));
      const toDay = dayOf(now) - 1;
      for (const [fromDay, media] of [
        [toDay - 29, null],
        [toDay - 29, "audio"],
        [toDay - 6, "video"],
      ] as const) {
        const every = await store.rollups(t, Math.min(fromDay, toDay - 36), toDay, allDimensions);
        const summed = await store.overviewRows(t, Math.min(fromDay, toDay - 36), fromDay, toDay, media);
        const window = (rows: typeof every) => rows.filter((row) => row.day >= fromDay);
        const expected = overviewOf(window(every), fromDay, toDay, undefined, media);
        const actual = overviewOf(window(summed), fromDay, toDay, undefined, media);
        expect(actual).toEqual(expected);
        expect(actual.totals.streams).toBeGreaterThan(0);
        expect(summed.length).toBeLessThan(every.length);
      }
    });

    it("lists a value's newest calls by walking the facts newest first, as a recount from the raw facts does", async () => {
      const t = tenant();
      const now = Date.parse("2026-11-20T12:00:00Z");
      await store.addNew(t, demoHistory(now, pseudonym, { days: 12, callsPerWorkday: 25 }));
      // Small batches, so the walk pages through the facts as it would through a big tenant's month.
      const walking = createHistoryStore(db, { walkBatch: 7 });
      const raw = await store.facts(t, 0, 1e6, null, 100_000);
      const key = (row: (typeof raw)[number]) =>
        [
          String(row.day).padStart(8, "0"),
          String(row.start_at).padStart(15, "0"),
          row.call_id,
          row.session_id,
          row.segment_id,
          row.stream,
        ].join("|");
      const reference = (
        matches: (row: (typeof raw)[number]) => boolean,
        fromDay: number,
        toDay: number,
        limit: number,
      ) => {
        const matching = raw.filter(
          (row) => Number(row.day) >= fromDay && Number(row.day) <= toDay && matches(row),
        );
        const calls = new Map<string, { newest: string; startAt: number; streams: number; poor: number }>();
        for (const row of matching) {
          const call = calls.get(String(row.call_id)) ?? {
            newest: "",
            startAt: Infinity,
            streams: 0,
            poor: 0,
          };
          if (key(row) > call.newest) call.newest = key(row);
          call.startAt = Math.min(call.startAt, Number(row.start_at));
          if (row.quality === 0 || row.quality === 1) call.streams += 1;
          if (row.quality === 1) call.poor += 1;
          calls.set(String(row.call_id), call);
        }
        return [...calls]
          .sort((a, b) => (a[1].newest < b[1].newest ? 1 : -1))
          .slice(0, limit)
          .map(([callId, c]) => ({ callId, startAt: c.startAt, streams: c.streams, poor: c.poor }))
          .sort((a, b) => b.startAt - a.startAt || (a.callId < b.callId ? 1 : -1));
      };
      const toDay = dayOf(now) - 1;
      for (const [column, value, limit] of [
        ["site", "Lisbon HQ", 9],
        ["site", "Lisbon HQ", 100],
        ["isp", "Example Cable (AS64501)", 5],
        ["site", "nowhere", 10],
      ] as const) {
        const expected = reference(
          (row) => row[`sender_${column}`] === value || row[`receiver_${column}`] === value,
          toDay - 9,
          toDay,
          limit,
        );
        const listed = await walking.callsWith(t, column, value, toDay - 9, toDay, limit);
        expect(
          listed.map(({ callId, startAt, streams, poor }) => ({ callId, startAt, streams, poor })),
        ).toEqual(expected);
        if (value !== "nowhere") expect(listed.length).toBeGreaterThan(0);
      }
      // A heatmap cell: one hour of one weekday (UTC) over the window.
      for (const [weekday, hour, limit] of [
        [2, 10, 100],
        [4, 15, 3],
      ] as const) {
        const at = (row: (typeof raw)[number]) => new Date(Number(row.start_at));
        const expected = reference(
          (row) => at(row).getUTCDay() === weekday && at(row).getUTCHours() === hour,
          toDay - 9,
          toDay,
          limit,
        );
        const listed = await walking.callsAtHour(t, weekday, hour, toDay - 9, toDay, limit);
        expect(
          listed.map(({ callId, startAt, streams, poor }) => ({ callId, startAt, streams, poor })),
        ).toEqual(expected);
        expect(listed.length).toBeGreaterThan(0);
      }
    });

    it("forgets and erases a busy history slice by slice, leaving every summary equal to a recount of what is kept", async () => {
      const t = tenant();
      const now = Date.parse("2026-11-20T12:00:00Z");
      const past = demoHistory(now, pseudonym, { days: 20, callsPerWorkday: 30 });
      await store.addNew(t, past);
      expect(past.length).toBeGreaterThan(400);
      await store.retain(t, now, 12, 5);
      const rows = await store.facts(t, 0, 1e6, null, 100_000);
      const oldest = dayOf(now) - 12;
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((row) => Number(row.day) >= oldest)).toBe(true);
      const old = rows.filter((row) => Number(row.start_at) < now - 5 * DAY_MS);
      const recent = rows.filter((row) => Number(row.start_at) >= now - 5 * DAY_MS);
      expect(old.length).toBeGreaterThan(200);
      for (const row of old) {
        expect(row.personal_erased).toBe(1);
        for (const column of PERSONAL_FACT_COLUMNS) expect(row[column], column).toBeNull();
      }
      expect(recent.every((row) => row.personal_erased === 0)).toBe(true);
      const kept = await store.rollups(t, 0, 1e6, allDimensions);
      const expected = rollupOf(
        rows.map((row) => ({
          startAt: Number(row.start_at),
          values: row as Record<string, string | number | null>,
        })),
      );
      expect(sorted(kept)).toEqual(sorted(expected));
      const people = new Set(rows.flatMap((row) => [row.sender_person, row.receiver_person]).filter(Boolean));
      expect((await store.counts(t, 0, 1e6)).people).toBe(people.size);
      expect((await store.counts(t, 0, oldest - 1)).calls).toBe(0);
    });

    it("forgets old facts and erases personal values after the personal window, keeping the pseudonym", async () => {
      const t = tenant();
      const now = Date.parse("2026-12-01T12:00:00Z");
      const ages = [2, 40, 500];
      for (const [i, age] of ages.entries()) {
        const id = `00000000-0000-4000-8000-${String(100 + i).padStart(12, "0")}`;
        const parsed = demoCall(now - age * DAY_MS, "poor-wifi", id);
        await store.saveCall(
          t,
          {
            callId: id,
            version: 1,
            startAt: Date.parse(parsed.call.startDateTime),
            callType: parsed.call.type,
            source: "notification",
          },
          streamFacts(parsed.call, parsed.sessions, { pseudonym }),
        );
      }
      const { erased } = await store.retain(t, now, 400, 30);
      expect(erased).toBeGreaterThan(0);
      const rows = await store.facts(t, 0, 1e6, null, 10_000);
      expect(rows.every((row) => Number(row.start_at) >= now - 401 * DAY_MS)).toBe(true);
      const old = rows.filter((row) => Number(row.start_at) < now - 30 * DAY_MS);
      const recent = rows.filter((row) => Number(row.start_at) >= now - 30 * DAY_MS);
      expect(old.length).toBeGreaterThan(0);
      for (const row of old)
        for (const column of PERSONAL_FACT_COLUMNS) expect(row[column], column).toBeNull();
      expect(old.some((row) => row.sender_person || row.receiver_person)).toBe(true);
      expect(recent.some((row) => row.sender_name !== null)).toBe(true);
      // The person's page still finds their old rows, by the pseudonym of their object ID.
      const someone = String(old.find((row) => row.sender_person)?.sender_person);
      const theirs = await store.personStreams(t, someone, 0, 1e6, 1000);
      expect(theirs.some((row) => Number(row.start_at) < now - 30 * DAY_MS)).toBe(true);
      expect(await store.rollups(t, 0, dayOf(now - 401 * DAY_MS), [TOTAL])).toEqual([]);
    });
  });
});

describe("history partitions on PostgreSQL", () => {
  const url = process.env.TEST_DATABASE_URL;
  it.runIf(Boolean(url))(
    "keeps facts in monthly partitions and drops a month whole when it leaves the retention",
    async () => {
      const { openDatabase } = await import("@/lib/db/open");
      const { sql } = await import("kysely");
      const db = openDatabase({ databaseUrl: url });
      const store = createHistoryStore(db);
      const t = `t-${randomBytes(6).toString("hex")}`;
      const now = Date.parse("2026-12-01T12:00:00Z");
      for (const [i, age] of [3, 45, 460].entries()) {
        const id = `00000000-0000-4000-8000-${String(200 + i).padStart(12, "0")}`;
        const parsed = demoCall(now - age * DAY_MS, "poor-wifi", id);
        await store.saveCall(
          t,
          {
            callId: id,
            version: 1,
            startAt: Date.parse(parsed.call.startDateTime),
            callType: parsed.call.type,
            source: "notification",
          },
          streamFacts(parsed.call, parsed.sessions, { pseudonym }),
        );
      }
      const q = await db.ready();
      const partitions = async () =>
        (
          await sql<{
            name: string;
          }>`SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'history_streams'`.execute(
            q,
          )
        ).rows.map((row) => row.name);
      const oldMonth = monthOf(dayOf(now - 460 * DAY_MS)).name;
      expect(await partitions()).toContain(oldMonth);
      await store.retain(t, now, 400, 30);
      expect(await partitions()).not.toContain(oldMonth);
      expect(
        (await store.facts(t, 0, 1e6, null, 10_000)).every(
          (row) => Number(row.start_at) >= now - 401 * DAY_MS,
        ),
      ).toBe(true);
      expect((await store.facts(t, 0, 1e6, null, 10_000)).length).toBeGreaterThan(0);
      await db.close();
    },
  );
});

describe("the people kept per day, for a database written before them", () => {
  it("are counted once from the facts it already holds when it migrates", async () => {
    const { Kysely, Migrator } = await import("kysely");
    const { migrations } = await import("@/lib/db/migrations");
    const { sqliteDialect } = await import("@/lib/db/sqlite");
    const { openDatabase } = await import("@/lib/db/open");
    const { tempSqlitePath } = await import("@/lib/db/testing/databases");
    const path = tempSqlitePath();
    const before = new Kysely<import("@/lib/db/schema").Database>({ dialect: sqliteDialect(path) });
    const provider = { getMigrations: async () => migrations("sqlite") };
    const { error } = await new Migrator({ db: before, provider }).migrateTo("0008_report_call_facts");
    expect(error).toBeUndefined();
    const fact = (
      call: string,
      stream: string,
      day: number,
      sender: string | null,
      receiver: string | null,
    ) => ({
      tenant_id: "t",
      call_id: call,
      version: 1,
      start_at: day * DAY_MS,
      day,
      session_id: "s",
      segment_id: "g",
      stream,
      sender_person: sender,
      receiver_person: receiver,
    });
    await before
      .insertInto("history_streams")
      .values([
        fact("c1", "1", 100, "ada", "bo"),
        fact("c1", "2", 100, "bo", "ada"),
        fact("c2", "1", 101, "cy", null),
        fact("c3", "1", 102, null, "ada"),
      ])
      .execute();
    await before.destroy();
    const db = openDatabase({ sqlitePath: path });
    const store = createHistoryStore(db);
    expect((await store.counts("t", 100, 102)).people).toBe(3);
    expect((await store.counts("t", 101, 102)).people).toBe(2);
    expect((await store.counts("t", 100, 100)).people).toBe(2);
    await db.close();
  });
});
