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
        await sql`DROP TABLE IF EXISTS ${sql.table(name)}`.execute(q);
        known.delete(name);
        dropped.push(name);
      }
      return dropped;
    },
  };
}
