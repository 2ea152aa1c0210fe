import { createRequire } from "node:module";
import { join } from "node:path";
import { Worker } from "node:worker_threads";

// The worker's whole program. It is evaluated as CommonJS and requires better-sqlite3 by the path
// this process resolved, so it works the same under Next's server bundle, tsx and vitest.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma("journal_mode = WAL");
db.pragma("synchronous = FULL");
db.pragma("busy_timeout = 5000");
db.pragma("secure_delete = ON");
parentPort.on("message", ({ id, sql, parameters }) => {
  try {
    db.prepare(sql).run(parameters);
    parentPort.postMessage({ id, ok: true });
  } catch (error) {
    parentPort.postMessage({ id, ok: false, message: error && error.message ? error.message : String(error) });
  }
});
`;

type Pending = { resolve: () => void; reject: (error: Error) => void };

/**
 * Runs writes (kysely's compiled statements) on a thread of its own, with its own connection to the same
 * SQLite file: the one place a second connection is opened. A report's payload is a megabyte or more, and
 * writing it with `synchronous = FULL` (an fsync per commit, a checkpoint now and then) takes milliseconds to
 * tens of milliseconds: on the request thread, every other user would wait that long.
 */
export function createSqliteWriter(path: string) {
  // Resolved from the app's root: the one place better-sqlite3 is installed, bundled server or not.
  const driver = createRequire(join(process.cwd(), "package.json")).resolve("better-sqlite3");
  let worker: Worker | null = null;
  const pending = new Map<number, Pending>();
  let next = 0;
  let failure: Error | null = null;
  const fail = (error: Error) => {
    failure = error;
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
  };
  // Started on the first write: the schema exists by then (the caller migrated), and a process that never
  // saves a report never starts a thread.
  const started = () => {
    if (worker) return worker;
    worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, driver } });
    // The writer must not keep a finished process (a test, a script) alive.
    worker.unref();
    worker.on("message", (message: { id: number; ok: boolean; message?: string }) => {
      const waiting = pending.get(message.id);
      pending.delete(message.id);
      if (message.ok) waiting?.resolve();
      else waiting?.reject(new Error(message.message));
    });
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`the report writer stopped (exit ${code})`)));
    return worker;
  };

  return {
    run(statement: { sql: string; parameters: readonly unknown[] }): Promise<void> {
      if (failure) return Promise.reject(failure);
      const thread = started();
      const id = next++;
      return new Promise<void>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        thread.ref();
        thread.postMessage({ id, sql: statement.sql, parameters: statement.parameters });
      }).finally(() => {
        if (pending.size === 0) thread.unref();
      });
    },
    async close(): Promise<void> {
      await worker?.terminate();
    },
  };
}
