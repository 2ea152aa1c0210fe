import "server-only";
import { setImmediate as nextTurn } from "node:timers/promises";
import { ByteWriter, ParquetWriter } from "hyparquet-writer";
import {
  csvHeader,
  csvLine,
  EXPORT_COLUMNS,
  exportRow,
  type ExportRow,
} from "@/lib/callrecords/export-table";
import { FACT_COLUMNS, type FactValue } from "@/lib/callrecords/stream-facts";
import { positionOf, type FactPosition } from "./reads";
import type { HistoryStore } from "./store";

// The exported table is the one a call page exports too (lib/callrecords/export-table.ts; docs/history.md).
export { EXPORT_COLUMNS };

/** Facts read per query: memory stays flat however long the window. */
const PAGE = 2_000;
/** Rows per Parquet row group. */
const ROW_GROUP = 20_000;

type Row = ExportRow;

/** Every fact of the window in time order, a page at a time; personal values left out for `masked`. */
async function* rowsOf(
  store: HistoryStore,
  tenantId: string,
  fromDay: number,
  toDay: number,
  masked: boolean,
) {
  let after: FactPosition | null = null;
  for (;;) {
    const page = await store.facts(tenantId, fromDay, toDay, after, PAGE);
    for (const fact of page) {
      const values: Record<string, FactValue> = {};
      for (const column of FACT_COLUMNS) values[column.name] = (fact[column.name] as FactValue) ?? null;
      yield exportRow(
        { callId: String(fact.call_id), version: Number(fact.version) },
        Number(fact.start_at),
        values,
        masked,
      );
    }
    const last = page.at(-1);
    if (!last || page.length < PAGE) return;
    after = positionOf(last);
    // Between pages, other requests run.
    await nextTurn();
  }
}

const encoder = new TextEncoder();

/** The window's facts as CSV: UTF-8 with a BOM (Excel reads it as UTF-8), a header row, a row per stream. */
export function factsCsv(
  store: HistoryStore,
  tenantId: string,
  fromDay: number,
  toDay: number,
  masked: boolean,
) {
  const rows = rowsOf(store, tenantId, fromDay, toDay, masked);
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(csvHeader()));
        return;
      }
      const lines: string[] = [];
      for (let i = 0; i < 500; i++) {
        const next = await rows.next();
        if (next.done) break;
        const row = next.value;
        lines.push(csvLine(row));
      }
      if (lines.length === 0) controller.close();
      else controller.enqueue(encoder.encode(`${lines.join("\r\n")}\r\n`));
    },
    async cancel() {
      await rows.return(undefined);
    },
  });
}

const PARQUET_TYPES = { time: "TIMESTAMP", text: "STRING", integer: "INT32", real: "DOUBLE" } as const;

/**
 * The window's facts as Parquet (for Power BI, Kusto, DuckDB), written a row group at a time: each group's
 * bytes go out as soon as they are encoded, so memory holds one group, not the file.
 */
export function factsParquet(
  store: HistoryStore,
  tenantId: string,
  fromDay: number,
  toDay: number,
  masked: boolean,
) {
  const rows = rowsOf(store, tenantId, fromDay, toDay, masked);
  const writer: ByteWriter & { flush?: () => void } = new ByteWriter();
  const schema = [
    { name: "root", num_children: EXPORT_COLUMNS.length },
    ...EXPORT_COLUMNS.map((column) => ({
      name: column.name,
      repetition_type: "OPTIONAL" as const,
      ...(column.type === "time"
        ? { type: "INT64" as const, converted_type: "TIMESTAMP_MILLIS" as const }
        : column.type === "text"
          ? { type: "BYTE_ARRAY" as const, converted_type: "UTF8" as const }
          : column.type === "integer"
            ? { type: "INT32" as const }
            : { type: "DOUBLE" as const }),
    })),
  ];
  let parquet: ParquetWriter | null = null;
  return new ReadableStream<Uint8Array>({
    // One row group per pull: the reader's pace sets the writer's, so memory holds one group, not the file.
    async pull(controller) {
      const flush = () => {
        if (writer.index > 0) controller.enqueue(new Uint8Array(writer.buffer.slice(0, writer.index)));
        writer.index = 0;
      };
      writer.flush = flush;
      writer.finish = flush;
      parquet ??= new ParquetWriter({ writer, schema, createdBy: "callscope" });
      const batch: Row[] = [];
      while (batch.length < ROW_GROUP) {
        const next = await rows.next();
        if (next.done) break;
        batch.push(next.value);
      }
      if (batch.length > 0) {
        const columnData = EXPORT_COLUMNS.map((column) => ({
          name: column.name,
          type: PARQUET_TYPES[column.type],
          data: batch.map((row) => {
            const value = column.value(row);
            return column.type === "time" && value !== null ? new Date(String(value)) : value;
          }),
        }));
        await parquet.write({ columnData, rowGroupSize: ROW_GROUP });
        flush();
      }
      if (batch.length < ROW_GROUP) {
        await parquet.finish();
        flush();
        controller.close();
      }
    },
    async cancel() {
      await rows.return(undefined);
    },
  });
}
