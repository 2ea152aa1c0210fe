import "server-only";
import { join } from "node:path";
import { Kysely, sql } from "kysely";
import { Migrator, type MigrationProvider } from "kysely";
import { migrations } from "./migrations";
import { postgresDialect } from "./postgres";
import type { Database } from "./schema";
import { sqliteDialect } from "./sqlite";
import type { Db, Dialect } from "./types";

export type { Db } from "./types";

/** Brings a database to the newest schema; throws (naming the step) when a step fails. */
export async function migrateToLatest(db: Kysely<Database>, dialect: Dialect): Promise<void> {
  const provider: MigrationProvider = { getMigrations: async () => migrations(dialect) };
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === "Error")?.migrationName;
    throw new Error(
      `The database could not be migrated${failed ? ` (step ${failed})` : ""}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/**
 * Opens the one database of this process: PostgreSQL when `databaseUrl` is set, else SQLite in
 * `dataDir/callscope.db`. Reports, sites and the feed all use it.
 */
export function openDatabase(options: {
  databaseUrl?: string | null;
  dataDir?: string;
  sqlitePath?: string;
}): Db {
  const dialect: Dialect = options.databaseUrl ? "postgres" : "sqlite";
  const sqlitePath =
    dialect === "sqlite" ? (options.sqlitePath ?? join(options.dataDir ?? ".data", "callscope.db")) : null;
  const kysely = new Kysely<Database>({
    dialect: options.databaseUrl ? postgresDialect(options.databaseUrl) : sqliteDialect(sqlitePath ?? ""),
  });
  let migrated: Promise<Kysely<Database>> | null = null;
  // Without statistics SQLite's planner can pick a scan over an index (a person's page took 16× longer before an
  // ANALYZE): at open it analyses what needs it, as SQLite recommends for long-lived connections.
  const optimize = async (atOpen: boolean) => {
    if (dialect === "sqlite") await sql.raw(`PRAGMA optimize${atOpen ? "=0x10002" : ""}`).execute(kysely);
  };
  const ready = () => {
    migrated ??= migrateToLatest(kysely, dialect)
      .then(() => optimize(true))
      .then(() => kysely);
    // A failed migration is tried again on the next use rather than remembered for ever.
    migrated.catch(() => (migrated = null));
    return migrated;
  };
  return {
    dialect,
    sqlitePath,
    databaseUrl: options.databaseUrl || null,
    ready,
    async derived(write) {
      const q = await ready();
      // PostgreSQL's commits wait on the network, not on this thread.
      if (dialect !== "sqlite") return write(q);
      // One connection held for the whole write: nothing else commits while durability is relaxed.
      return q.connection().execute(async (connection) => {
        await sql`PRAGMA synchronous = NORMAL`.execute(connection);
        try {
          return await write(connection);
        } finally {
          await sql`PRAGMA synchronous = FULL`.execute(connection);
        }
      });
    },
    optimize: async () => {
      await ready();
      await optimize(false);
    },
    close: () => kysely.destroy(),
  };
}
