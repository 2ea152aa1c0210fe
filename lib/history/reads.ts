import "server-only";
import { sql, type Kysely } from "kysely";
import { FACT_COLUMNS } from "@/lib/callrecords/stream-facts";
import type { Db } from "@/lib/db/open";
import type { Database } from "@/lib/db/schema";
import { DAY_MS, TOTAL, type RollupRow } from "./rollup";

const HOUR_MS = 3_600_000;

/** Facts read a time by the call lists' walk: a common value's 100 calls are in the first one or two. */
const WALK_BATCH = 2_000;

/** The media of a row summed over every media (the overview without a media filter). */
const ALL_MEDIA = "*";

/** Where a page of facts ended, in the export's order. */
export interface FactPosition {
  day: number;
  startAt: number;
  callId: string;
  sessionId: string;
  segmentId: string;
  stream: string;
}

/** Where a fact stands in the time index's order (the row read must carry those six columns). */
export function positionOf(row: Readonly<Record<string, unknown>>): FactPosition {
  return {
    day: Number(row.day),
    startAt: Number(row.start_at),
    callId: String(row.call_id),
    sessionId: String(row.session_id),
    segmentId: String(row.segment_id),
    stream: String(row.stream),
  };
}

/** The facts after (`>`) or before (`<`) a position in the time index's order: a range of that index. */
const beyond = (position: FactPosition, direction: "<" | ">") =>
  sql<boolean>`(day, start_at, call_id, session_id, segment_id, stream) ${sql.raw(direction)} (${position.day}, ${position.startAt}, ${position.callId}, ${position.sessionId}, ${position.segmentId}, ${position.stream})`;

/** A fact's columns as the facts are read: the call, its time, and every fact column. */
const FACT_SELECT = [
  "call_id",
  "version",
  "start_at",
  "day",
  "personal_erased",
  ...FACT_COLUMNS.map((c) => c.name),
];

/** The window's facts in the time index's order (day, time, call, session, segment, stream). */
const factsInOrder = (q: Kysely<Database>, tenantId: string, fromDay: number, toDay: number) =>
  q
    .selectFrom("history_streams")
    .select(FACT_SELECT)
    .where("tenant_id", "=", tenantId)
    .where("day", ">=", fromDay)
    .where("day", "<=", toDay)
    .orderBy("day")
    .orderBy("start_at")
    .orderBy("call_id")
    .orderBy("session_id")
    .orderBy("segment_id")
    .orderBy("stream");

/** The calls kept in a window. */
async function countCalls(q: Kysely<Database>, tenantId: string, fromDay: number, toDay: number) {
  const row = await q
    .selectFrom("history_calls")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("tenant_id", "=", tenantId)
    .where("day", ">=", fromDay)
    .where("day", "<=", toDay)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * The people in a window, from the people kept per day (lib/history/rollup.ts peopleOf), not the window's
 * facts. Grouped, then counted: PostgreSQL hashes a GROUP BY where COUNT(DISTINCT) sorts (80 against 137 ms for
 * 8,000 people over 30 days).
 */
async function countPeople(q: Kysely<Database>, tenantId: string, fromDay: number, toDay: number) {
  const row = await q
    .selectFrom((eb) =>
      eb
        .selectFrom("history_people_daily")
        .select("person")
        .where("tenant_id", "=", tenantId)
        .where("day", ">=", fromDay)
        .where("day", "<=", toDay)
        .groupBy("person")
        .as("people"),
    )
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** What the pages and exports read from the history: rollups, counts, facts, a value's calls, a person's streams. */
export function historyReads(db: Db, walkBatch = WALK_BATCH) {
  /**
   * Calls with a stream matching `where` in the window, newest first, each with its classified and poor matching
   * streams. The facts are walked newest first along the time index, a batch at a time, until `limit` calls are
   * found, and only those calls are then counted: grouping every fact of a month (1.2 million at 20,000 calls a
   * day) to show 100 calls took a second or more. The calls are those whose newest matching stream is newest,
   * shown in the order of their first matching stream.
   */
  async function callsWhere(
    tenantId: string,
    fromDay: number,
    toDay: number,
    limit: number,
    where: ReturnType<typeof sql<boolean>>,
  ) {
    const q = await db.ready();
    const found = new Set<string>();
    let after: FactPosition | null = null;
    while (found.size < limit) {
      let batch = q
        .selectFrom("history_streams")
        .select(["call_id", "day", "start_at", "session_id", "segment_id", "stream"])
        .where("tenant_id", "=", tenantId)
        .where("day", ">=", fromDay)
        .where("day", "<=", toDay)
        .where(where);
      if (after) batch = batch.where(beyond(after, "<"));
      const rows = await batch
        .orderBy("day", "desc")
        .orderBy("start_at", "desc")
        .orderBy("call_id", "desc")
        .orderBy("session_id", "desc")
        .orderBy("segment_id", "desc")
        .orderBy("stream", "desc")
        .limit(walkBatch)
        .execute();
      for (const row of rows) {
        if (found.size >= limit) break;
        found.add(String(row.call_id));
      }
      const last = rows.at(-1);
      if (!last || rows.length < walkBatch) break;
      after = positionOf(last);
    }
    if (found.size === 0) return [];
    const rows = await q
      .selectFrom("history_streams")
      .select((eb) => [
        "call_id",
        eb.fn.min("start_at").as("start_at"),
        eb.fn.max("call_type").as("call_type"),
        eb.fn.sum<number>(sql`CASE WHEN quality IN (0, 1) THEN 1 ELSE 0 END`).as("streams"),
        eb.fn.sum<number>(sql`CASE WHEN quality = 1 THEN 1 ELSE 0 END`).as("poor"),
      ])
      .where("tenant_id", "=", tenantId)
      .where("call_id", "in", [...found])
      .where("day", ">=", fromDay)
      .where("day", "<=", toDay)
      .where(where)
      .groupBy("call_id")
      .execute();
    return rows
      .map((row) => ({
        callId: String(row.call_id),
        startAt: Number(row.start_at),
        callType: (row.call_type as string | null) ?? null,
        streams: Number(row.streams),
        poor: Number(row.poor),
      }))
      .sort((a, b) => b.startAt - a.startAt || (a.callId < b.callId ? 1 : -1));
  }

  return {
    /** Rollup rows over days [fromDay, toDay], for some dimensions (the total and the hours by name). */
    async rollups(
      tenantId: string,
      fromDay: number,
      toDay: number,
      dimensions: readonly string[],
      value?: string,
    ): Promise<RollupRow[]> {
      if (dimensions.length === 0) return [];
      const q = await db.ready();
      let select = q
        .selectFrom("history_daily")
        .select(["day", "media", "dimension", "value", "streams", "poor"])
        .where("tenant_id", "=", tenantId)
        .where("day", ">=", fromDay)
        .where("day", "<=", toDay)
        .where("dimension", "in", [...dimensions]);
      if (value !== undefined) select = select.where("value", "=", value);
      const rows = await select.execute();
      return rows.map((row) => ({
        ...row,
        day: Number(row.day),
        streams: Number(row.streams),
        poor: Number(row.poor),
      }));
    },

    /**
     * What the overview reads, summed by the database rather than here: the total per day and media over
     * [baselineFrom, toDay] (for the days and the status), and per dimension value and per hour over
     * [fromDay, toDay] — one row each, as rollup rows dated `toDay`. A big tenant's month is 40,000–115,000 rollup
     * rows; summed, a few thousand.
     */
    async overviewRows(
      tenantId: string,
      baselineFrom: number,
      fromDay: number,
      toDay: number,
      media: string | null,
    ): Promise<RollupRow[]> {
      const q = await db.ready();
      const totals = await q
        .selectFrom("history_daily")
        .select(["day", "media", "dimension", "value", "streams", "poor"])
        .where("tenant_id", "=", tenantId)
        .where("dimension", "=", TOTAL)
        .where("day", ">=", baselineFrom)
        .where("day", "<=", toDay)
        .execute();
      let summed = q
        .selectFrom("history_daily")
        .select((eb) => [
          "dimension",
          "value",
          eb.fn.sum<number>("streams").as("streams"),
          eb.fn.sum<number>("poor").as("poor"),
        ])
        .where("tenant_id", "=", tenantId)
        .where("dimension", "!=", TOTAL)
        .where("day", ">=", fromDay)
        .where("day", "<=", toDay)
        .groupBy(["dimension", "value"]);
      if (media !== null) summed = summed.where("media", "=", media);
      const sums = await summed.execute();
      const number = (value: unknown) => Number(value);
      return [
        ...totals.map((row) => ({
          ...row,
          day: number(row.day),
          streams: number(row.streams),
          poor: number(row.poor),
        })),
        ...sums.map((row) => ({
          day: toDay,
          media: media ?? ALL_MEDIA,
          dimension: String(row.dimension),
          value: String(row.value),
          streams: number(row.streams),
          poor: number(row.poor),
        })),
      ];
    },

    /** Calls and distinct people kept in the window (people by pseudonym). */
    async counts(
      tenantId: string,
      fromDay: number,
      toDay: number,
    ): Promise<{ calls: number; people: number }> {
      const q = await db.ready();
      // Both at once: on PostgreSQL each runs on a connection of its own.
      const [calls, people] = await Promise.all([
        countCalls(q, tenantId, fromDay, toDay),
        countPeople(q, tenantId, fromDay, toDay),
      ]);
      return { calls, people };
    },

    /** The facts of a window, in time order, a page at a time (for exports and tests). */
    async facts(tenantId: string, fromDay: number, toDay: number, after: FactPosition | null, limit: number) {
      let select = factsInOrder(await db.ready(), tenantId, fromDay, toDay);
      // Keyset paging in the export index's order (day, time, call, session, segment, stream): each page is a
      // range read of that index, however deep into a month it is.
      if (after) select = select.where(beyond(after, ">"));
      return select.limit(limit).execute();
    },

    /**
     * The export's one query over the window, compiled here for the export's own thread and connection
     * (export-worker.ts), with where that thread finds the database and the order its columns come in.
     */
    async exportQuery(tenantId: string, fromDay: number, toDay: number) {
      const compiled = factsInOrder(await db.ready(), tenantId, fromDay, toDay).compile();
      return {
        source: db.sqlitePath ? { sqlitePath: db.sqlitePath } : { databaseUrl: db.databaseUrl ?? "" },
        sql: compiled.sql,
        parameters: compiled.parameters,
        columns: FACT_SELECT,
      };
    },

    /**
     * The calls with a stream whose sender or receiver has `column` = `value` (a side column, or `person` for a
     * pseudonym), newest first: each with its time and its classified and poor streams.
     */
    async callsWith(
      tenantId: string,
      column: string,
      value: string,
      fromDay: number,
      toDay: number,
      limit: number,
    ) {
      return callsWhere(
        tenantId,
        fromDay,
        toDay,
        limit,
        sql<boolean>`(${sql.ref(`sender_${column}`)} = ${value} OR ${sql.ref(`receiver_${column}`)} = ${value})`,
      );
    },

    /** The calls with a stream in one hour of one weekday (UTC; 0 = Sunday), newest first: a heatmap cell's. */
    async callsAtHour(
      tenantId: string,
      weekday: number,
      hour: number,
      fromDay: number,
      toDay: number,
      limit: number,
    ) {
      // The cell's hours as time ranges on the days of its weekday (day 0 of the epoch was a Thursday, weekday 4):
      // ranges of the time index, where a filter on every fact of the window read 1.2 million facts at 20,000
      // calls a day for a cell's 100 calls.
      const ranges = [];
      for (let day = fromDay; day <= toDay; day++) {
        if ((day + 4) % 7 !== weekday) continue;
        const start = day * DAY_MS + hour * HOUR_MS;
        ranges.push(sql<boolean>`(day = ${day} AND start_at >= ${start} AND start_at < ${start + HOUR_MS})`);
      }
      if (ranges.length === 0) return [];
      return callsWhere(tenantId, fromDay, toDay, limit, sql<boolean>`(${sql.join(ranges, sql` OR `)})`);
    },

    /** A person's streams (by pseudonym) in the window, newest first, at most `limit`. */
    async personStreams(tenantId: string, person: string, fromDay: number, toDay: number, limit: number) {
      const q = await db.ready();
      return q
        .selectFrom("history_streams")
        .select(["call_id", "start_at", ...FACT_COLUMNS.map((c) => c.name)])
        .where("tenant_id", "=", tenantId)
        .where("day", ">=", fromDay)
        .where("day", "<=", toDay)
        .where((eb) => eb.or([eb("sender_person", "=", person), eb("receiver_person", "=", person)]))
        .orderBy("start_at", "desc")
        .limit(limit)
        .execute();
    },

    /**
     * Classified and poor streams per value of one dimension for streams that started in [from, to), by hour
     * bucket (ms, UTC) — the alerts' windows shorter than a day. A stream counts once per value its person ends
     * have (as the daily rollups count it); `media` null: every media.
     */
    async hourlyTallies(
      tenantId: string,
      column: string,
      from: number,
      to: number,
      media: string | null,
    ): Promise<{ hour: number; value: string; streams: number; poor: number }[]> {
      if (!/^[a-z_]+$/.test(column)) throw new Error(`not a fact column: ${column}`);
      const q = await db.ready();
      const side = (prefix: "sender" | "receiver") => {
        const value = sql.ref(`${prefix}_${column}`);
        const kind = sql.ref(`${prefix}_kind`);
        return sql`SELECT call_id, session_id, segment_id, stream, start_at, quality, ${value} AS value
          FROM history_streams
          WHERE tenant_id = ${tenantId} AND day >= ${Math.floor(from / 86_400_000)} AND day <= ${Math.floor(to / 86_400_000)}
            AND start_at >= ${from} AND start_at < ${to} AND quality IN (0, 1)
            AND ${value} IS NOT NULL AND ${value} <> '' AND (${kind} IS NULL OR ${kind} <> 'service')
            ${media === null ? sql`` : sql`AND media = ${media}`}`;
      };
      // UNION (not UNION ALL): a stream with the same value at both ends counts once.
      const result = await sql<{
        hour: number | string;
        value: string;
        streams: number | string;
        poor: number | string;
      }>`
        SELECT (start_at / 3600000) * 3600000 AS hour, value, COUNT(*) AS streams,
               SUM(CASE WHEN quality = 1 THEN 1 ELSE 0 END) AS poor
        FROM (${side("sender")} UNION ${side("receiver")}) AS ends
        GROUP BY 1, 2`.execute(q);
      return result.rows.map((row) => ({
        hour: Number(row.hour),
        value: String(row.value),
        streams: Number(row.streams),
        poor: Number(row.poor),
      }));
    },

    /** Whether any call of this source is kept (the demo's past: written once, whatever came before it). */
    async hasSource(tenantId: string, source: string): Promise<boolean> {
      const q = await db.ready();
      const row = await q
        .selectFrom("history_calls")
        .select("call_id")
        .where("tenant_id", "=", tenantId)
        .where("source", "=", source)
        .limit(1)
        .executeTakeFirst();
      return Boolean(row);
    },

    /** Whether anything is kept for the tenant. */
    async isEmpty(tenantId: string): Promise<boolean> {
      const q = await db.ready();
      const row = await q
        .selectFrom("history_calls")
        .select("call_id")
        .where("tenant_id", "=", tenantId)
        .limit(1)
        .executeTakeFirst();
      return !row;
    },
  };
}
