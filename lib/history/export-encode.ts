// The history export's bytes from the facts' rows as the database returns them (arrays, in `columns`' order):
// CSV or Parquet, in the one table both exports have (lib/callrecords/export-table.ts). Runs on the export's
// own thread (export-worker.ts), so it imports nothing server-only; a quarter's export is hundreds of
// thousands of rows, so each column reads its value straight from the row's array.
import { ByteWriter, ParquetWriter } from "hyparquet-writer";
import { csvHeader, EXPORT_COLUMNS, percent, type ExportRow } from "@/lib/callrecords/export-table";
import { PERSONAL_FACT_COLUMNS, type FactValue } from "@/lib/callrecords/stream-facts";
import { csvCell } from "@/lib/format/csv";

export type ExportFormat = "csv" | "parquet";

/** Rows per Parquet row group: its encoded columns are what the export holds at once (tens of megabytes). */
export const ROW_GROUP = 10_000;

export interface ExportEncoder {
  /** Takes one row; returns bytes when enough have gathered to send (a CSV block, a Parquet row group). */
  add(values: readonly unknown[]): Uint8Array | null;
  /** What is left, and the file's end. */
  finish(): Promise<Uint8Array>;
}

const encoder = new TextEncoder();

const PLAIN = 0;
const PERCENT = 1;
const ISO_TIME = 2;
const HIDDEN = 3;
const COMPUTED = 4;

/**
 * How each export column gets its value from a row of `columns`' values: a column that shows a stored one
 * reads it by index (most of them); a computed one is given a small row of its inputs, reused from row to row.
 * Kinds and indexes in flat arrays, read in one loop: an export runs it for every cell.
 */
function columnPlan(columns: readonly string[], masked: boolean) {
  const index = new Map(columns.map((name, i) => [name, i]));
  const personal = new Set<string>(PERSONAL_FACT_COLUMNS);
  const at = (name: string) => {
    const i = index.get(name);
    if (i === undefined) throw new Error(`the export needs the column ${name}`);
    return i;
  };
  const kinds = new Uint8Array(EXPORT_COLUMNS.length);
  const indexes = new Int32Array(EXPORT_COLUMNS.length);
  const computed: (((values: readonly unknown[]) => FactValue) | null)[] = [];
  EXPORT_COLUMNS.forEach((column, c) => {
    computed.push(null);
    const reads = column.reads;
    if (reads) {
      kinds[c] =
        masked && personal.has(reads.column)
          ? HIDDEN
          : reads.as === "percent"
            ? PERCENT
            : reads.as === "isoTime"
              ? ISO_TIME
              : PLAIN;
      indexes[c] = at(reads.column);
      return;
    }
    const inputs = (column.inputs ?? []).map((name) => ({
      name,
      i: at(name),
      hidden: masked && personal.has(name),
    }));
    const row: ExportRow = {};
    kinds[c] = COMPUTED;
    computed[c] = (values) => {
      for (const input of inputs)
        row[input.name] = input.hidden ? null : ((values[input.i] ?? null) as FactValue);
      return column.value(row);
    };
  });
  /** Column `c`'s value in `values`. */
  return (values: readonly unknown[], c: number): FactValue => {
    switch (kinds[c]) {
      case PLAIN:
        return (values[indexes[c] as number] ?? null) as FactValue;
      case PERCENT:
        return percent((values[indexes[c] as number] ?? null) as FactValue);
      case ISO_TIME:
        return new Date(Number(values[indexes[c] as number])).toISOString();
      case HIDDEN:
        return null;
      default:
        return (computed[c] as (values: readonly unknown[]) => FactValue)(values);
    }
  };
}

/** CSV: a BOM and the header first, then blocks of about `blockBytes`. */
function csvEncoder(columns: readonly string[], masked: boolean, blockBytes: number): ExportEncoder {
  const valueOf = columnPlan(columns, masked);
  const count = EXPORT_COLUMNS.length;
  let lines: string[] = [csvHeader()];
  let size = 0;
  const take = () => {
    const bytes = encoder.encode(lines.join(""));
    lines = [];
    size = 0;
    return bytes;
  };
  return {
    add(values) {
      let line = csvCell(valueOf(values, 0));
      for (let c = 1; c < count; c++) line += `,${csvCell(valueOf(values, c))}`;
      line += "\r\n";
      lines.push(line);
      size += line.length;
      return size >= blockBytes ? take() : null;
    },
    finish: async () => take(),
  };
}

/** Parquet, a row group at a time: each group's bytes leave as soon as it is encoded. */
function parquetEncoder(columns: readonly string[], masked: boolean): ExportEncoder {
  const writer = new ByteWriter();
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
  const parquet = new ParquetWriter({ writer, schema, createdBy: "callscope" });
  const types = { time: "TIMESTAMP", text: "STRING", integer: "INT32", real: "DOUBLE" } as const;
  const valueOf = columnPlan(columns, masked);
  const isTime = EXPORT_COLUMNS.map((column) => column.type === "time");
  let data: unknown[][] = EXPORT_COLUMNS.map(() => []);
  let count = 0;
  const drain = () => {
    const bytes = writer.buffer.slice(0, writer.index);
    writer.index = 0;
    return new Uint8Array(bytes);
  };
  const group = () => {
    if (count === 0) return;
    parquet.write({
      columnData: EXPORT_COLUMNS.map((column, i) => ({
        name: column.name,
        type: types[column.type],
        data: data[i] as unknown[],
      })),
      rowGroupSize: ROW_GROUP,
    });
    data = EXPORT_COLUMNS.map(() => []);
    count = 0;
  };
  return {
    add(values) {
      for (let c = 0; c < data.length; c++) {
        const value = valueOf(values, c);
        (data[c] as unknown[]).push(isTime[c] && value !== null ? new Date(String(value)) : value);
      }
      if (++count < ROW_GROUP) return null;
      group();
      return drain();
    },
    async finish() {
      group();
      parquet.finish();
      return drain();
    },
  };
}

/** An encoder for `format`, reading rows whose values come in `columns`' order. */
export function exportEncoder(
  format: ExportFormat,
  columns: readonly string[],
  masked: boolean,
  blockBytes = 256 * 1024,
): ExportEncoder {
  return format === "csv" ? csvEncoder(columns, masked, blockBytes) : parquetEncoder(columns, masked);
}
