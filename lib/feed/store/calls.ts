import "server-only";
import type { Kysely, Transaction } from "kysely";
import type { Db } from "@/lib/db/open";
import type { Database } from "@/lib/db/schema";
import { changed } from "@/lib/db/types";
import type { FeedEntry } from "../model";

export interface PageQuery {
  poorOnly: boolean;
  order: "poor" | "newest";
  /** Only calls with one of these people (the watch list, or one person). */
  people: string[] | null;
  after: { poor: number; start: number; callId: string } | null;
  limit: number;
}

/**
 * Stores a judged call and who was in it. A judging of an older version never replaces a newer one:
 * false when the stored row was newer and nothing changed.
 */
export async function saveJudged(
  tx: Transaction<Database>,
  tenantId: string,
  entry: FeedEntry,
  personIds: string[],
): Promise<boolean> {
  const row = {
    tenant_id: tenantId,
    call_id: entry.callId,
    version: entry.version,
    start_at: Date.parse(entry.startDateTime) || 0,
    poor: entry.quality === "poor" ? 1 : 0,
    summary: JSON.stringify(entry),
    notified_at: entry.notifiedAt,
    judged_at: entry.judgedAt,
    source: entry.source,
  };
  const result = await tx
    .insertInto("feed_calls")
    .values(row)
    .onConflict((conflict) =>
      conflict
        .columns(["tenant_id", "call_id"])
        .doUpdateSet((eb) => ({
          version: eb.ref("excluded.version"),
          start_at: eb.ref("excluded.start_at"),
          poor: eb.ref("excluded.poor"),
          summary: eb.ref("excluded.summary"),
          judged_at: eb.ref("excluded.judged_at"),
          notified_at: eb.ref("excluded.notified_at"),
          source: eb.ref("excluded.source"),
        }))
        .where("feed_calls.version", "<=", (eb) => eb.ref("excluded.version")),
    )
    .executeTakeFirst();
  if (changed(result) === 0) return false;
  await tx
    .deleteFrom("feed_people")
    .where("tenant_id", "=", tenantId)
    .where("call_id", "=", entry.callId)
    .execute();
  const people = [...new Set(personIds)].map((personId) => ({
    tenant_id: tenantId,
    person_id: personId,
    call_id: entry.callId,
  }));
  if (people.length > 0) await tx.insertInto("feed_people").values(people).execute();
  return true;
}

/** Judged calls in SQL's IN lists of at most this many (SQLite's limit on bound parameters is far above). */
const IN_CHUNK = 500;

/** Judged calls: the inbox's rows and who was in each. */
export function callsTable(db: Db) {
  return {
    /** Versions already judged, for the backfill to skip what it has. */
    async judgedVersions(tenantId: string, callIds: string[]): Promise<Map<string, number>> {
      const q = await db.ready();
      const versions = new Map<string, number>();
      for (let i = 0; i < callIds.length; i += IN_CHUNK) {
        const rows = await q
          .selectFrom("feed_calls")
          .select(["call_id", "version"])
          .where("tenant_id", "=", tenantId)
          .where("call_id", "in", callIds.slice(i, i + IN_CHUNK))
          .execute();
        for (const row of rows) versions.set(row.call_id, row.version);
      }
      return versions;
    },

    /** A page of the inbox, in keyset order (poorest first or newest first). */
    async page(tenantId: string, query: PageQuery): Promise<FeedEntry[]> {
      if (query.people?.length === 0) return [];
      const q: Kysely<Database> = await db.ready();
      let select = q
        .selectFrom("feed_calls as c")
        .select([
          "c.call_id",
          "c.poor",
          "c.start_at",
          "c.summary",
          "c.notified_at",
          "c.judged_at",
          "c.source",
        ])
        .where("c.tenant_id", "=", tenantId);
      if (query.poorOnly) select = select.where("c.poor", "=", 1);
      const people = query.people;
      if (people)
        select = select.where(({ exists, selectFrom }) =>
          exists(
            selectFrom("feed_people as p")
              .select("p.person_id")
              .whereRef("p.tenant_id", "=", "c.tenant_id")
              .whereRef("p.call_id", "=", "c.call_id")
              .where("p.person_id", "in", people),
          ),
        );
      const after = query.after;
      if (after)
        select = select.where(({ eb, or, and }) => {
          const newer = or([
            eb("c.start_at", "<", after.start),
            and([eb("c.start_at", "=", after.start), eb("c.call_id", "<", after.callId)]),
          ]);
          return query.order === "poor"
            ? or([eb("c.poor", "<", after.poor), and([eb("c.poor", "=", after.poor), newer])])
            : newer;
        });
      if (query.order === "poor") select = select.orderBy("c.poor", "desc");
      const rows = await select
        .orderBy("c.start_at", "desc")
        .orderBy("c.call_id", "desc")
        .limit(query.limit)
        .execute();
      return rows.map((row) => ({
        ...(JSON.parse(row.summary) as FeedEntry),
        notifiedAt: row.notified_at,
        judgedAt: row.judged_at,
        source: row.source as FeedEntry["source"],
      }));
    },

    /** Graph keeps records 30 days: the inbox forgets them then too (they hold names). */
    async purge(tenantId: string, before: number): Promise<void> {
      const q = await db.ready();
      await q.transaction().execute(async (tx) => {
        await tx
          .deleteFrom("feed_people")
          .where("tenant_id", "=", tenantId)
          .where("call_id", "in", (eb) =>
            eb
              .selectFrom("feed_calls")
              .select("call_id")
              .where("tenant_id", "=", tenantId)
              .where("start_at", "<", before),
          )
          .execute();
        await tx
          .deleteFrom("feed_calls")
          .where("tenant_id", "=", tenantId)
          .where("start_at", "<", before)
          .execute();
      });
    },
  };
}
