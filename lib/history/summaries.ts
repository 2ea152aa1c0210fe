import "server-only";
import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "@/lib/db/schema";
import type { Dialect } from "@/lib/db/types";
import type { PersonDayRow, RollupRow } from "./rollup";

/** Rows per upsert: a few columns each, far below either engine's bound-parameter limit. */
const UPSERT_ROWS = 500;

/**
 * Adds counts to a summary table keyed by `key` (tenant first), creating rows as needed; rows whose first
 * count falls to zero or below are removed (a fact taken back leaves no empty day behind).
 */
async function addCounts(
  tx: Transaction<Database>,
  table: "history_daily" | "history_people_daily",
  tenantId: string,
  rows: readonly object[],
  key: readonly string[],
  counts: readonly string[],
) {
  // The two tables share the shape; kysely's types cannot follow a table chosen at run time.
  const q = tx as unknown as Kysely<Record<string, Record<string, unknown>>>;
  for (let i = 0; i < rows.length; i += UPSERT_ROWS) {
    const slice = rows.slice(i, i + UPSERT_ROWS).map((row) => ({ tenant_id: tenantId, ...row }));
    await q
      .insertInto(table)
      .values(slice)
      .onConflict((conflict) =>
        conflict
          .columns(["tenant_id", ...key])
          .doUpdateSet(
            Object.fromEntries(
              counts.map((count) => [
                count,
                sql`${sql.ref(`${table}.${count}`)} + ${sql.ref(`excluded.${count}`)}`,
              ]),
            ),
          ),
      )
      .execute();
  }
  const first = counts[0] as string;
  if (rows.some((row) => Number((row as Record<string, unknown>)[first]) < 0))
    await q.deleteFrom(table).where("tenant_id", "=", tenantId).where(first, "<=", 0).execute();
}

/** Adds (or takes back) streams and poor streams per day, media, dimension and value. */
export const applyRollup = (tx: Transaction<Database>, tenantId: string, rows: readonly RollupRow[]) =>
  addCounts(tx, "history_daily", tenantId, rows, ["day", "media", "dimension", "value"], ["streams", "poor"]);

/** Adds (or takes back) people per day; a person no fact names any more that day is removed. */
export const applyPeople = (tx: Transaction<Database>, tenantId: string, rows: readonly PersonDayRow[]) =>
  addCounts(tx, "history_people_daily", tenantId, rows, ["day", "person"], ["streams"]);

/**
 * Keeps the summaries equal to the facts while a building file is re-applied on PostgreSQL, where writers run
 * at once: writing a call takes the tenant's history lock shared, re-applying a day takes it alone (one
 * transaction each). SQLite runs one transaction at a time already.
 */
export async function lockSummaries(
  tx: Transaction<Database>,
  dialect: Dialect,
  tenantId: string,
  mode: "write" | "rewrite",
): Promise<void> {
  if (dialect !== "postgres") return;
  const key = sql`hashtext(${`callscope-history:${tenantId}`})`;
  await sql`SELECT ${sql.raw(mode === "write" ? "pg_advisory_xact_lock_shared" : "pg_advisory_xact_lock")}(${key})`.execute(
    tx,
  );
}
