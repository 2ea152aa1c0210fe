// Both databases a store must work on: a fresh SQLite file, and the PostgreSQL .ci/run starts.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase, type Db } from "../open";

export const tempSqlitePath = (prefix = "callscope-db-") =>
  join(mkdtempSync(join(tmpdir(), prefix)), "callscope.db");

/**
 * Runs `suite` once per database. PostgreSQL runs when TEST_DATABASE_URL is set; on CI it must be
 * (a suite silently skipped there would pass without testing anything). Tests share that database, so
 * they use tenants of their own.
 */
export function eachDatabase(suite: (name: string, open: () => Db) => void): void {
  suite("SQLite", () => openDatabase({ sqlitePath: tempSqlitePath() }));
  const url = process.env.TEST_DATABASE_URL;
  if (url) suite("PostgreSQL", () => openDatabase({ databaseUrl: url }));
  else
    describe("PostgreSQL", () => {
      it("needs TEST_DATABASE_URL (set by .ci/run, which starts Debian's postgresql)", () => {
        expect(process.env.CI, "CI must provide a PostgreSQL for this suite").not.toBe("true");
      });
    });
}

/** A second connection to the same database as `db` (another instance's, in a two-instance test). */
export function openAgain(db: Db): Db {
  return db.sqlitePath
    ? openDatabase({ sqlitePath: db.sqlitePath })
    : openDatabase({ databaseUrl: process.env.TEST_DATABASE_URL ?? "" });
}
