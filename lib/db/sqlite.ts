import "server-only";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteDriver,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Kysely,
} from "kysely";

const busy = (error: unknown) =>
  error instanceof Error &&
  "code" in error &&
  String((error as { code: unknown }).code).startsWith("SQLITE_BUSY");

/**
 * Waits for a busy database asynchronously. SQLite's own busy wait (`busy_timeout`) would block this
 * thread, and with it every request, while another writer (the report writer thread, another process)
 * holds the lock.
 */
async function patiently<T>(work: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (let wait = 2; ; wait = Math.min(100, wait * 2)) {
    try {
      return await work();
    } catch (error) {
      if (!busy(error) || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

/**
 * Kysely's SQLite driver with two changes: a transaction takes the write lock when it begins
 * (`BEGIN IMMEDIATE`, so two read-then-write transactions cannot deadlock on the upgrade), and a busy
 * database is retried as above. Kysely already gives the one connection to one transaction at a time.
 */
class PatientSqliteDriver extends SqliteDriver {
  override async acquireConnection(): Promise<DatabaseConnection> {
    const inner = await super.acquireConnection();
    return {
      executeQuery: (query) => patiently(() => inner.executeQuery(query)),
      streamQuery: (query, chunkSize) => inner.streamQuery(query, chunkSize),
    };
  }
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("BEGIN IMMEDIATE"));
  }
}

/**
 * SQLite runs DDL in transactions. Saying so makes kysely's migrator run every pending step, and its reading
 * of which steps ran, inside one `BEGIN IMMEDIATE` transaction: two processes (or two instances in one)
 * opening the same file migrate one after the other instead of both applying the same step.
 */
class TransactionalSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

export function sqliteDialect(path: string): Dialect {
  mkdirSync(dirname(path), { recursive: true });
  const database = new Database(path);
  // Acknowledged work (a report, a notification Graph heard 202 for) survives a crash or kill -9.
  database.pragma("journal_mode = WAL");
  database.pragma("synchronous = FULL");
  database.pragma("busy_timeout = 0");
  // Erased means gone from the file: deleted and overwritten content is zeroed, not left in free space for a
  // backup or a byte search to find (names erased after the personal-data window, expired reports).
  database.pragma("secure_delete = ON");
  // ANALYZE (run by PRAGMA optimize) samples at most this many rows an index: approximate statistics in
  // milliseconds however large the history grows, where a full analysis would hold this thread for seconds.
  database.pragma("analysis_limit = 400");
  // Prepared once per text: kysely prepares on every query, and the feed's few statements run often.
  const statements = new Map<string, Database.Statement>();
  const cached = {
    close: () => database.close(),
    prepare: (sql: string) => {
      let statement = statements.get(sql);
      if (!statement) {
        statement = database.prepare(sql);
        if (statements.size > 500) statements.clear();
        statements.set(sql, statement);
      }
      return statement;
    },
  };
  return {
    createAdapter: () => new TransactionalSqliteAdapter(),
    createDriver: () => new PatientSqliteDriver({ database: cached }),
    createIntrospector: (db: Kysely<unknown>) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  };
}
