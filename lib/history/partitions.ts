import "server-only";
import { sql, type Kysely } from "kysely";
import type { Database } from "@/lib/db/schema";
import { DAY_MS } from "./rollup";

/** The month (UTC) a day falls in, as the partition's name and its range of days. */
export function monthOf(day: number): { name: string; from: number; to: number } {
  const date = new Date(day * DAY_MS);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  const from = Date.UTC(year, month, 1) / DAY_MS;
  const to = Date.UTC(year, month + 1, 1) / DAY_MS;
  return { name: `history_streams_p${year}${String(month + 1).padStart(2, "0")}`, from, to };
}

/** How long a partition's detach may wait for a lock before it steps back and tries again later. */
const LOCK_TIMEOUT = "1s";
const LOCK_TRIES = 5;
/** PostgreSQL's codes: lock_timeout expired; object not in the state the command needs (a detach left pending). */
const LOCK_NOT_AVAILABLE = "55P03";
const PENDING_DETACH = "55000";

/**
 * Takes a month out of `history_streams` without stopping its readers, then drops it. DETACH … CONCURRENTLY
 * (PostgreSQL 14+) waits for running queries without taking the lock that queues new ones behind it, as DROP on a
 * partition does (a reader's 3 s query then held every other reader for as long); a short lock_timeout bounds
 * any wait there is, and the detach is tried again after a pause. A detach interrupted before (an instance
 * stopped midway) leaves the partition pending: FINALIZE completes it.
 */
async function detachAndDrop(q: Kysely<Database>, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await q.connection().execute(async (connection) => {
        await sql`SET lock_timeout = ${sql.lit(LOCK_TIMEOUT)}`.execute(connection);
        try {
          try {
            await sql`ALTER TABLE history_streams DETACH PARTITION ${sql.table(name)} CONCURRENTLY`.execute(
              connection,
            );
          } catch (error) {
            if ((error as { code?: string }).code !== PENDING_DETACH) throw error;
            await sql`ALTER TABLE history_streams DETACH PARTITION ${sql.table(name)} FINALIZE`.execute(
              connection,
            );
          }
          await sql`DROP TABLE IF EXISTS ${sql.table(name)}`.execute(connection);
        } finally {
          await sql`RESET lock_timeout`.execute(connection);
        }
      });
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== LOCK_NOT_AVAILABLE || attempt >= LOCK_TRIES) throw error;
      await new Promise((resolve) => setTimeout(resolve, attempt * 2_000));
    }
  }
}

/** PostgreSQL's codes for "already exists" when two instances make the same partition at once. */
const ALREADY_EXISTS = new Set(["42P07", "23505", "42710"]);

/**
 * The monthly partitions of `history_streams` on PostgreSQL: made before facts of a new month are written
 * (remembered per process), dropped whole when a month falls out of the retention.
 */
export function createPartitions(db: () => Promise<Kysely<Database>>) {
  const known = new Set<string>();
  return {
    async ensure(days: Iterable<number>): Promise<void> {
      const months = new Map<string, ReturnType<typeof monthOf>>();
      for (const day of days) {
        const month = monthOf(day);
        if (!known.has(month.name)) months.set(month.name, month);
      }
      if (months.size === 0) return;
      const q = await db();
      for (const month of months.values()) {
        try {
          await sql`CREATE TABLE IF NOT EXISTS ${sql.table(month.name)} PARTITION OF history_streams FOR VALUES FROM (${sql.lit(month.from)}) TO (${sql.lit(month.to)})`.execute(
            q,
          );
        } catch (error) {
          const code = (error as { code?: string }).code;
          if (!code || !ALREADY_EXISTS.has(code)) throw error;
        }
        known.add(month.name);
      }
    },

    /** Drops the partitions whose whole month is before `oldestDay`; returns their names. */
    async dropBefore(oldestDay: number): Promise<string[]> {
      const q = await db();
      const { rows } = await sql<{ name: string }>`
        SELECT c.relname AS name FROM pg_inherits i
        JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
        WHERE p.relname = 'history_streams'`.execute(q);
      const dropped: string[] = [];
      for (const { name } of rows) {
        const match = /^history_streams_p(\d{4})(\d{2})$/.exec(name);
        if (!match) continue;
        const to = Date.UTC(Number(match[1]), Number(match[2]), 1) / DAY_MS;
        if (to > oldestDay) continue;
        await detachAndDrop(q, name);
        known.delete(name);
        dropped.push(name);
      }
      return dropped;
    },
  };
}
