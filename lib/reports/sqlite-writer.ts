import { createRequire } from "node:module";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { META_COLUMNS } from "./rows";

// The worker's whole program. It is evaluated as CommonJS and requires better-sqlite3 by the path
// this process resolved, so it works the same under Next's server bundle, tsx and vitest.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma("journal_mode = WAL");
db.pragma("synchronous = FULL");
db.pragma("busy_timeout = 5000");
const insert = db.prepare(workerData.insertSql);
parentPort.on("message", ({ id, row }) => {
  try {
    insert.run(row);
    parentPort.postMessage({ id, ok: true });
  } catch (error) {
    parentPort.postMessage({ id, ok: false, message: error && error.message ? error.message : String(error) });
  }
});
`;

export const INSERT_SQL = `INSERT INTO reports (${META_COLUMNS}, payload) VALUES (@id, @tenant_id, @call_id, @title, @note, @redacted, @created_at, @created_by, @created_by_name, @expires_at, @app_version, @session_count, @payload)`;

type Pending = { resolve: () => void; reject: (error: Error) => void };

/**
 * Inserts on a thread of their own. A report's payload is a megabyte or more, and writing it with
 * `synchronous = FULL` (an fsync per commit, a checkpoint now and then) takes milliseconds to tens of
 * milliseconds: on the request thread, every other user would wait that long.
 */
export function createSqliteWriter(path: string) {
  // Resolved from the app's root: the one place better-sqlite3 is installed, bundled server or not.
  const driver = createRequire(join(process.cwd(), "package.json")).resolve("better-sqlite3");
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { path, driver, insertSql: INSERT_SQL },
  });
  // The writer must not keep a finished process (a test, a script) alive.
  worker.unref();
  const pending = new Map<number, Pending>();
  let next = 0;
  let failure: Error | null = null;
  worker.on("message", (message: { id: number; ok: boolean; message?: string }) => {
    const waiting = pending.get(message.id);
    pending.delete(message.id);
    if (message.ok) waiting?.resolve();
    else waiting?.reject(new Error(message.message));
  });
  const fail = (error: Error) => {
    failure = error;
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
  };
  worker.on("error", fail);
  worker.on("exit", (code) => fail(new Error(`the report writer stopped (exit ${code})`)));

  return {
    insert(row: Record<string, unknown>): Promise<void> {
      if (failure) return Promise.reject(failure);
      const id = next++;
      return new Promise<void>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.ref();
        worker.postMessage({ id, row });
      }).finally(() => {
        if (pending.size === 0) worker.unref();
      });
    },
    close(): Promise<number> {
      return worker.terminate();
    },
  };
}
