import "server-only";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { EXPORT_COLUMNS } from "@/lib/callrecords/export-table";
import type { ExportFormat } from "./export-encode";
import type { ExportJob, ExportMessage } from "./export-worker";
import type { HistoryStore } from "./store";

// The exported table is the one a call page exports too (lib/callrecords/export-table.ts; docs/history.md).
export { EXPORT_COLUMNS };

/** Exports running at once in this process; more wait their turn (each takes a core while it runs). */
const THREADS = 2;
/** An export's thread may hold this much heap: a runaway one ends alone, not the server. */
const HEAP_MB = 192;

let running = 0;
const waiting: (() => void)[] = [];
async function slot(): Promise<() => void> {
  if (running >= THREADS) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    running--;
    waiting.shift()?.();
  };
}

/** A thread for the export's job. */
function startWorker(job: ExportJob): Worker {
  const options = { workerData: job, resourceLimits: { maxOldGenerationSizeMb: HEAP_MB } };
  // In Next's server, Turbopack bundles the worker from this very expression (it must stay written this way).
  if (process.env.NEXT_RUNTIME) return new Worker(new URL("./export-worker.ts", import.meta.url), options);
  // Unbundled (tests, scripts): the TypeScript source through tsx's require hook, registered in the worker
  // itself, as a worker ignores --import loaders on Node 20.
  const path = fileURLToPath(new URL("./export-worker.ts", import.meta.url));
  const source = `require("tsx/cjs/api").register(); require(${JSON.stringify(path)});`;
  return new Worker(source, { ...options, eval: true });
}

/**
 * The window's facts as `format`, encoded on a thread of its own and passed on here a block at a time as the
 * reader takes them: the server's thread never reads a fact or encodes a row, and memory holds a block per
 * export (a CSV block, a Parquet row group), however long the window.
 */
export function factsExport(
  store: HistoryStore,
  tenantId: string,
  fromDay: number,
  toDay: number,
  masked: boolean,
  format: ExportFormat,
): ReadableStream<Uint8Array> {
  let worker: Worker | null = null;
  let release: (() => void) | null = null;
  // What the thread said and nobody has taken yet (its end can arrive before the next read asks), and the read
  // waiting for its next message.
  const inbox: ExportMessage[] = [];
  let pending: ((message: ExportMessage) => void) | null = null;
  const next = () =>
    new Promise<ExportMessage>((resolve) => {
      const waiting = inbox.shift();
      if (waiting) return resolve(waiting);
      pending = resolve;
      worker?.postMessage("more");
    });
  const stop = () => {
    void worker?.terminate();
    worker = null;
    release?.();
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!worker) {
          release = await slot();
          worker = startWorker({ ...(await store.exportQuery(tenantId, fromDay, toDay)), masked, format });
          const deliver = (message: ExportMessage) => {
            const resolve = pending;
            pending = null;
            if (resolve) resolve(message);
            else inbox.push(message);
          };
          worker.on("message", deliver);
          worker.on("error", (error) => deliver({ error: error.message }));
          worker.on("exit", (code) => deliver({ error: `the export's thread stopped (exit ${code})` }));
        }
        const message = await next();
        if ("bytes" in message) controller.enqueue(message.bytes);
        else if ("done" in message) {
          controller.close();
          stop();
        } else {
          stop();
          // The response has begun: the reader sees a broken download, and the log says why.
          controller.error(new Error(`The export stopped: ${message.error}`));
        }
      },
      cancel: stop,
    },
    // One block at a time: the next is asked for when this one is read.
    { highWaterMark: 0 },
  );
}

/** The window's facts as CSV: UTF-8 with a BOM (Excel reads it as UTF-8), a header row, a row per stream. */
export const factsCsv = (
  store: HistoryStore,
  tenantId: string,
  fromDay: number,
  toDay: number,
  masked: boolean,
) => factsExport(store, tenantId, fromDay, toDay, masked, "csv");

/** The window's facts as Parquet (for Power BI, Kusto, DuckDB), a row group at a time. */
export const factsParquet = (
  store: HistoryStore,
  tenantId: string,
  fromDay: number,
  toDay: number,
  masked: boolean,
) => factsExport(store, tenantId, fromDay, toDay, masked, "parquet");
