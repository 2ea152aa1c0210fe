import type { Kysely } from "kysely";
import type { Database } from "./schema";

export type Dialect = "sqlite" | "postgres";

/** The process's one database: SQLite on one instance, PostgreSQL when several share it. */
export interface Db {
  readonly dialect: Dialect;
  /** The database once migrated (the first call migrates; later calls reuse the answer). */
  ready(): Promise<Kysely<Database>>;
  /**
   * Writes of facts that can be derived again (a call's streams in the history, subnets seen in calls), on the
   * one connection, committed without waiting for the disk: on SQLite `synchronous = NORMAL` for their duration
   * (durable across a crash or kill -9 of the process; the last moments may be lost with the power, and are
   * written again when the call is next read). Committing a 600-session call's streams took 21–57 ms with FULL
   * and 5–8 ms with NORMAL on this machine (a checkpoint now and then: ~30 ms), on the request thread. Acknowledged
   * work (a notification Graph heard 202 for, a report) keeps FULL.
   */
  derived<T>(write: (q: Kysely<Database>) => Promise<T>): Promise<T>;
  /**
   * Refreshes the planner's statistics after a large load (SQLite's `PRAGMA optimize`, bounded by its analysis
   * limit); PostgreSQL's autovacuum analyses on its own, so there it does nothing.
   */
  optimize(): Promise<void>;
  /** SQLite's file, for work on a thread of its own (the report writer, exports); null on PostgreSQL. */
  readonly sqlitePath: string | null;
  /** PostgreSQL's address, for work on a thread of its own (exports); null on SQLite. */
  readonly databaseUrl: string | null;
  close(): Promise<void>;
}

/** Rows a write changed, from kysely's result (a bigint on both drivers). */
export const changed = (
  result:
    | { numInsertedOrUpdatedRows?: bigint }
    | { numUpdatedRows?: bigint }
    | { numDeletedRows?: bigint }
    | undefined,
): number => {
  if (!result) return 0;
  const count =
    "numInsertedOrUpdatedRows" in result
      ? result.numInsertedOrUpdatedRows
      : "numUpdatedRows" in result
        ? result.numUpdatedRows
        : "numDeletedRows" in result
          ? result.numDeletedRows
          : undefined;
  return Number(count ?? 0);
};
