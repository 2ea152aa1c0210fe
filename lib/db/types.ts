import type { Kysely } from "kysely";
import type { Database } from "./schema";

export type Dialect = "sqlite" | "postgres";

/** The process's one database: SQLite on one instance, PostgreSQL when several share it. */
export interface Db {
  readonly dialect: Dialect;
  /** The database once migrated (the first call migrates; later calls reuse the answer). */
  ready(): Promise<Kysely<Database>>;
  /** SQLite's file, for work on a thread of its own (the report writer); null on PostgreSQL. */
  readonly sqlitePath: string | null;
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
