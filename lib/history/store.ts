import "server-only";
import { setImmediate as nextTurn } from "node:timers/promises";
import { sql, type Kysely, type RawBuilder, type SelectQueryBuilder } from "kysely";
import { PERSONAL_FACT_COLUMNS, type StreamFact } from "@/lib/callrecords/stream-facts";
import type { Db } from "@/lib/db/open";
import type { Database } from "@/lib/db/schema";
import { DIMENSIONS } from "./dimensions";
import { createPartitions } from "./partitions";
import { historyReads } from "./reads";
import { DAY_MS, dayOf, peopleOf, rollupOf } from "./rollup";
import { applyPeople, applyRollup, lockSummaries } from "./summaries";
import { factRow, insertFacts } from "./insert-facts";

export interface HistoryCall {
  callId: string;
  version: number;
  startAt: number;
  callType: string | null;
  source: "notification" | "backfill" | "viewed" | "demo";
}

const ROLLUP_COLUMNS = [
  "quality",
  "media",
  "sender_kind",
  "receiver_kind",
  ...DIMENSIONS.flatMap((d) => [`sender_${d.column}`, `receiver_${d.column}`]),
];

/** Facts one retention or erasure statement covers on SQLite (on this thread): tens of milliseconds each. */
const SLICE_ROWS = 150;
/** Calls one statement covers on PostgreSQL (its own process; slices keep its locks and WAL short). */
const SLICE_CALLS = 200;

/**
 * Runs `work` on the facts matching `matching`, oldest first, a slice at a time, until none match (`work` must
 * make them stop matching: delete or mark them). `work` is given the slice as a predicate: on SQLite the facts'
 * row IDs, found along the time index; on PostgreSQL their calls, found by the call index.
 */
async function forEachSlice(
  q: Kysely<Database>,
  dialect: Db["dialect"],
  tenantId: string,
  matching: <O>(
    query: SelectQueryBuilder<Database, "history_streams", O>,
  ) => SelectQueryBuilder<Database, "history_streams", O>,
  work: (slice: RawBuilder<boolean>) => Promise<void>,
): Promise<void> {
  // Where the last slice began: what lies before it was handled, so the next read starts there instead of
  // stepping again over every fact already marked (erasure keeps them).
  let from: { day: number; startAt: number } | null = null;
  for (;;) {
    let select = matching(
      q
        .selectFrom("history_streams")
        .select([
          sql<string | number>`${sql.raw(dialect === "sqlite" ? "rowid" : "call_id")}`.as("key"),
          "day",
          "start_at",
        ])
        .where("tenant_id", "=", tenantId),
    );
    if (from) select = select.where(sql<boolean>`(day, start_at) >= (${from.day}, ${from.startAt})`);
    const rows = await select
      .orderBy("day")
      .orderBy("start_at")
      .limit(dialect === "sqlite" ? SLICE_ROWS : SLICE_CALLS * 4)
      .execute();
    const first = rows[0];
    if (!first) return;
    from = { day: Number(first.day), startAt: Number(first.start_at) };
    const keys = [...new Set(rows.map((row) => row.key))].slice(
      0,
      dialect === "sqlite" ? SLICE_ROWS : SLICE_CALLS,
    );
    await work(
      dialect === "sqlite"
        ? sql<boolean>`rowid IN (${sql.join(keys)})`
        : sql<boolean>`call_id IN (${sql.join(keys)})`,
    );
    await nextTurn();
  }
}

/** A call's row: when, and how many of its streams were classified and poor. */
function callRow(tenantId: string, call: HistoryCall, facts: readonly StreamFact[]) {
  const classified = facts.filter((fact) => fact.values.quality === 0 || fact.values.quality === 1);
  return {
    tenant_id: tenantId,
    call_id: call.callId,
    version: call.version,
    start_at: call.startAt,
    day: dayOf(call.startAt),
    call_type: call.callType,
    streams: classified.length,
    poor: classified.filter((fact) => fact.values.quality === 1).length,
    source: call.source,
  };
}

/** The quality history: a row per stream, the days' rollups, and a row per call. Every query is scoped by tenant. */
export function createHistoryStore(db: Db, options: { walkBatch?: number } = {}) {
  const reads = historyReads(db, options.walkBatch);
  const partitions = db.dialect === "postgres" ? createPartitions(() => db.ready()) : null;
  const ensurePartitions = (facts: readonly { startAt: number }[]) =>
    partitions?.ensure(new Set(facts.map((fact) => dayOf(fact.startAt)))) ?? Promise.resolve();
  return {
    ...reads,

    /** The tenant's pseudonym key, made once (the first caller's candidate wins). */
    async pseudonymKey(tenantId: string, candidate: string): Promise<string> {
      const q = await db.ready();
      await q
        .insertInto("history_keys")
        .values({ tenant_id: tenantId, pseudonym_key: candidate })
        .onConflict((conflict) => conflict.column("tenant_id").doNothing())
        .execute();
      const row = await q
        .selectFrom("history_keys")
        .select("pseudonym_key")
        .where("tenant_id", "=", tenantId)
        .executeTakeFirst();
      return row?.pseudonym_key ?? candidate;
    },

    /**
     * Keeps a call's facts, replacing an earlier version's (their rollups taken back first). An older version
     * than the one kept is ignored: false.
     */
    async saveCall(tenantId: string, call: HistoryCall, facts: readonly StreamFact[]): Promise<boolean> {
      await ensurePartitions(facts);
      // Derived from the call record: written again when the call is next read, so no fsync on this thread.
      return db.derived((q) =>
        q.transaction().execute(async (tx) => {
          await lockSummaries(tx, db.dialect, tenantId, "write");
          const kept = await tx
            .selectFrom("history_calls")
            .select(["version"])
            .where("tenant_id", "=", tenantId)
            .where("call_id", "=", call.callId)
            .executeTakeFirst();
          if (kept && Number(kept.version) > call.version) return false;
          if (kept) {
            const old = (
              await tx
                .selectFrom("history_streams")
                .select(["start_at", "sender_person", "receiver_person", ...ROLLUP_COLUMNS])
                .where("tenant_id", "=", tenantId)
                .where("call_id", "=", call.callId)
                .execute()
            ).map((row) => ({
              startAt: Number(row.start_at),
              values: row as Record<string, string | number | null>,
            }));
            await applyRollup(tx, tenantId, rollupOf(old, -1));
            await applyPeople(tx, tenantId, peopleOf(old, -1));
            await tx
              .deleteFrom("history_streams")
              .where("tenant_id", "=", tenantId)
              .where("call_id", "=", call.callId)
              .execute();
          }
          // A big call's facts go in with other requests served between slices (SQLite runs on this thread).
          await insertFacts(
            tx,
            db.dialect,
            facts.map((fact) => factRow(tenantId, call, fact)),
          );
          await applyRollup(tx, tenantId, rollupOf(facts));
          await applyPeople(tx, tenantId, peopleOf(facts));
          const row = callRow(tenantId, call, facts);
          await tx
            .insertInto("history_calls")
            .values(row)
            .onConflict((conflict) =>
              conflict.columns(["tenant_id", "call_id"]).doUpdateSet((eb) => ({
                version: eb.ref("excluded.version"),
                start_at: eb.ref("excluded.start_at"),
                day: eb.ref("excluded.day"),
                call_type: eb.ref("excluded.call_type"),
                streams: eb.ref("excluded.streams"),
                poor: eb.ref("excluded.poor"),
                source: eb.ref("excluded.source"),
              })),
            )
            .execute();
          return true;
        }),
      );
    },

    /**
     * Forgets what is older than `keepDays` and erases the personal values of facts older than `personalDays`
     * (names, sign-in names, addresses, machine names, free text). Every statement touches a slice — a few
     * hundred calls' facts, or a day of a summary table — with requests served between slices: SQLite runs on
     * this thread, and one statement over a day of a busy tenant froze the app for up to a second. The
     * pseudonym stays: a person's page still finds their rows.
     */
    async retain(
      tenantId: string,
      now: number,
      keepDays: number,
      personalDays: number,
    ): Promise<{ erased: number }> {
      const q = await db.ready();
      const oldest = dayOf(now) - keepDays;
      // Whole months past the retention go at once (PostgreSQL); the month at the edge loses its old days below.
      await partitions?.dropBefore(oldest);
      await forEachSlice(
        q,
        db.dialect,
        tenantId,
        (query) => query.where("day", "<", oldest),
        async (slice) => {
          await q
            .deleteFrom("history_streams")
            .where("tenant_id", "=", tenantId)
            .where(slice)
            .where("day", "<", oldest)
            .execute();
        },
      );
      for (const table of ["history_daily", "history_people_daily", "history_calls"] as const) {
        const first = await q
          .selectFrom(table)
          .select((eb) => eb.fn.min("day").as("day"))
          .where("tenant_id", "=", tenantId)
          .executeTakeFirst();
        for (let day = Number(first?.day ?? oldest); day < oldest; day++) {
          await q.deleteFrom(table).where("tenant_id", "=", tenantId).where("day", "=", day).execute();
          await nextTurn();
        }
      }
      const before = now - personalDays * DAY_MS;
      const erase = Object.fromEntries(PERSONAL_FACT_COLUMNS.map((column) => [column, null]));
      let erased = 0;
      await forEachSlice(
        q,
        db.dialect,
        tenantId,
        (query) =>
          query
            .where("day", ">=", oldest)
            .where("day", "<=", dayOf(before))
            .where("personal_erased", "=", 0)
            .where("start_at", "<", before),
        async (slice) => {
          const result = await q
            .updateTable("history_streams")
            .set({ ...erase, personal_erased: 1 })
            .where("tenant_id", "=", tenantId)
            .where(slice)
            .where("personal_erased", "=", 0)
            .where("start_at", "<", before)
            .executeTakeFirst();
          erased += Number(result.numUpdatedRows);
        },
      );
      return { erased };
    },

    /**
     * Adds calls known to be new (the demo's synthetic past) in one transaction: no replacement check, so
     * a day of calls costs one transaction. Calls already kept are skipped.
     */
    async addNew(
      tenantId: string,
      calls: readonly { call: HistoryCall; facts: readonly StreamFact[] }[],
    ): Promise<void> {
      await ensurePartitions(calls.flatMap((entry) => entry.facts));
      await db.derived((q) =>
        q.transaction().execute(async (tx) => {
          await lockSummaries(tx, db.dialect, tenantId, "write");
          const facts = calls.flatMap(({ call, facts: list }) =>
            list.map((fact) => factRow(tenantId, call, fact)),
          );
          await insertFacts(tx, db.dialect, facts);
          const all = calls.flatMap(({ facts: list }) => list);
          await applyRollup(tx, tenantId, rollupOf(all));
          await applyPeople(tx, tenantId, peopleOf(all));
          const rows = calls.map(({ call, facts: list }) => callRow(tenantId, call, list));
          for (let i = 0; i < rows.length; i += 500)
            await tx
              .insertInto("history_calls")
              .values(rows.slice(i, i + 500))
              .execute();
        }),
      );
      // A large load changes the tables' shape: the planner's statistics follow.
      await db.optimize();
    },
  };
}

export type HistoryStore = ReturnType<typeof createHistoryStore>;
