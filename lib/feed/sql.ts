import "server-only";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { Pool, type PoolClient } from "pg";

/**
 * The few SQL operations the feed needs, written once with `?` placeholders and run on the report
 * database: SQLite on one instance, PostgreSQL when several share it.
 */
export interface SqlDb {
  readonly dialect: "sqlite" | "postgres";
  all<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Rows changed. */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
  /** Everything in `work` commits together or not at all. */
  transaction<T>(work: (db: SqlDb) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** `?` → `$1, $2, …` for PostgreSQL (the feed's SQL has no `?` inside literals). */
const numbered = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

export function openSqliteDb(path: string): SqlDb {
  mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  // Same durability as saved reports: a notification acknowledged to Graph survives kill -9.
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  // No busy wait inside SQLite: it would block this thread (every request) while another writer holds the
  // lock. A busy database is waited for here, asynchronously, instead.
  db.pragma("busy_timeout = 0");
  const statements = new Map<string, Database.Statement>();
  const prepare = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  const busy = (error: unknown) =>
    error instanceof Error &&
    "code" in error &&
    String((error as { code: unknown }).code).startsWith("SQLITE_BUSY");
  const patiently = async <T>(work: () => T): Promise<T> => {
    const deadline = Date.now() + 10_000;
    for (let wait = 2; ; wait = Math.min(100, wait * 2)) {
      try {
        return work();
      } catch (error) {
        if (!busy(error) || Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
  };
  // One connection: a transaction holds it, so nothing else runs inside another's transaction.
  let turn: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const result = turn.then(work, work);
    turn = result.catch(() => undefined);
    return result;
  };
  const allSync = <T>(sql: string, params: readonly unknown[] = []): T[] => {
    const statement = prepare(sql);
    return (statement.reader ? statement.all(...params) : (statement.run(...params), [])) as T[];
  };
  const runSync = (sql: string, params: readonly unknown[] = []): number =>
    prepare(sql).run(...params).changes;
  const inside: SqlDb = {
    dialect: "sqlite",
    all: async <T>(sql: string, params?: readonly unknown[]) => allSync<T>(sql, params),
    run: async (sql, params) => runSync(sql, params),
    transaction: (work) => work(inside),
    close: async () => undefined,
  };
  return {
    dialect: "sqlite",
    all: <T>(sql: string, params?: readonly unknown[]) =>
      exclusive(() => patiently(() => allSync<T>(sql, params))),
    run: (sql, params) => exclusive(() => patiently(() => runSync(sql, params))),
    transaction: (work) =>
      exclusive(async () => {
        await patiently(() => db.exec("BEGIN IMMEDIATE"));
        try {
          const result = await work(inside);
          await patiently(() => db.exec("COMMIT"));
          return result;
        } catch (error) {
          if (db.inTransaction) db.exec("ROLLBACK");
          throw error;
        }
      }),
    close: async () => {
      await turn;
      db.close();
    },
  };
}

function onClient(client: Pool | PoolClient): Omit<SqlDb, "transaction" | "close"> {
  return {
    dialect: "postgres",
    async all<T>(sql: string, params: readonly unknown[] = []) {
      return (await client.query(numbered(sql), [...params])).rows as T[];
    },
    async run(sql: string, params: readonly unknown[] = []) {
      return (await client.query(numbered(sql), [...params])).rowCount ?? 0;
    },
  };
}

export function openPostgresDb(url: string): SqlDb {
  const pool = new Pool({ connectionString: url, max: 4 });
  pool.on("error", () => undefined);
  return {
    ...onClient(pool),
    async transaction(work) {
      const client = await pool.connect();
      const db: SqlDb = {
        ...onClient(client),
        transaction: (nested) => nested(db),
        close: async () => undefined,
      };
      try {
        await client.query("BEGIN");
        const result = await work(db);
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
