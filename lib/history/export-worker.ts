// The history export on a thread of its own (started by export.ts): its own connection to the database, one
// query read as arrays in the time index's order (a cursor on PostgreSQL, an iterator on SQLite), encoded here,
// and sent a block at a time when the request's side asks for more, so the reader's pace sets the export's and
// the server's thread only passes bytes on. Nothing here is server-only: a worker has no React Server condition.
import { parentPort, workerData, type MessagePort } from "node:worker_threads";
import Database from "better-sqlite3";
import pg from "pg";
import Cursor from "pg-cursor";
import { exportEncoder, type ExportFormat } from "./export-encode";

export interface ExportJob {
  source: { sqlitePath: string } | { databaseUrl: string };
  /** The facts' query, compiled on the server's thread (one place writes the SQL: reads.ts). */
  sql: string;
  parameters: readonly unknown[];
  /** The selected columns, in the order the rows' values come. */
  columns: readonly string[];
  masked: boolean;
  format: ExportFormat;
}

/** What the export tells the server's thread: a block of bytes, the end, or what went wrong. */
export type ExportMessage = { bytes: Uint8Array } | { done: true } | { error: string };

const BATCH = 2_000;
const INT8 = 20;

/** Rows in batches, as arrays. */
async function* rowsOf(job: ExportJob): AsyncGenerator<unknown[][]> {
  if ("sqlitePath" in job.source) {
    const db = new Database(job.source.sqlitePath, { readonly: true, fileMustExist: true });
    try {
      const rows = db
        .prepare(job.sql)
        .raw(true)
        .iterate(...(job.parameters as unknown[]));
      let batch: unknown[][] = [];
      for (const row of rows) {
        batch.push(row as unknown[]);
        if (batch.length === BATCH) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
    } finally {
      db.close();
    }
    return;
  }
  const client = new pg.Client({
    connectionString: job.source.databaseUrl,
    // Times in ms are BIGINT: read as numbers, as the server's own pool reads them (lib/db/postgres.ts).
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") =>
        oid === INT8
          ? (value: string) => Number(value)
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  await client.connect();
  try {
    const cursor = client.query(new Cursor(job.sql, job.parameters as unknown[], { rowMode: "array" }));
    // The next batch is asked for before this one is encoded: PostgreSQL reads it meanwhile.
    let next = cursor.read(BATCH);
    for (;;) {
      const batch = (await next) as unknown[][];
      if (batch.length === 0) break;
      next = cursor.read(BATCH);
      yield batch;
    }
    await cursor.close();
  } finally {
    await client.end();
  }
}

/** Runs the export, sending a block each time the server's side posts "more". */
async function run(port: MessagePort, job: ExportJob) {
  const asked: (() => void)[] = [];
  let credit = 0;
  port.on("message", () => {
    credit++;
    asked.shift()?.();
  });
  const send = async (bytes: Uint8Array) => {
    if (credit === 0) await new Promise<void>((resolve) => asked.push(resolve));
    credit--;
    port.postMessage({ bytes } satisfies ExportMessage, [bytes.buffer as ArrayBuffer]);
  };
  try {
    const encoder = exportEncoder(job.format, job.columns, job.masked);
    for await (const batch of rowsOf(job))
      for (const row of batch) {
        const bytes = encoder.add(row);
        if (bytes) await send(bytes);
      }
    await send(await encoder.finish());
    port.postMessage({ done: true } satisfies ExportMessage);
  } catch (error) {
    port.postMessage({
      error: error instanceof Error ? error.message : String(error),
    } satisfies ExportMessage);
  }
}

if (parentPort) void run(parentPort, workerData as ExportJob);
