// The one stream table callscope exports: a call's "Export streams CSV" and the history's CSV and Parquet have
// these columns, in this order. Built on the stream facts (stream-facts.ts) plus what a spreadsheet needs to
// pivot: both times, the direction in words, and one unit per metric, said in the column's name.
import { csvCell } from "@/lib/format/csv";
import {
  FACT_COLUMNS,
  PERSONAL_FACT_COLUMNS,
  streamFacts,
  type FactContext,
  type FactValue,
} from "./stream-facts";
import type { CallSummary, Session } from "./model";

export type ExportRow = Record<string, FactValue>;

export interface ExportColumn {
  name: string;
  type: "time" | "text" | "integer" | "real";
  doc: string;
  value: (row: ExportRow) => FactValue;
  /**
   * The stored column this one shows, for an encoder reading rows as arrays (the history export): as kept, as a
   * percentage, or a time in ms as ISO 8601. A column without one is computed by `value` from the stored
   * columns in `inputs`. `export.test.ts` checks both ways give the same file.
   */
  reads?: { column: string; as?: "percent" | "isoTime" };
  inputs?: readonly string[];
}

/** Who a side is in words, for the direction column: their name, the meeting's server, or "a participant". */
function sideWords(row: ExportRow, side: "sender" | "receiver"): string {
  const name = row[`${side}_name`];
  if (typeof name === "string" && name) return name;
  return row[`${side}_kind`] === "service" ? "the meeting" : "a participant";
}

export const percent = (value: FactValue) =>
  typeof value === "number" ? Math.round(value * 10_000) / 100 : null;

/** Fact columns shown in another unit than they are kept in (fractions as percentages, like frame loss). */
const AS_PERCENT: Record<string, { name: string; doc: string }> = {
  packet_loss: { name: "packet_loss_percent", doc: "average packet loss (%)" },
  concealed_ratio: { name: "concealed_percent", doc: "average share of concealed audio samples (%)" },
};
const RENAMED: Record<string, string> = { frame_loss: "frame_loss_percent" };

export const EXPORT_COLUMNS: readonly ExportColumn[] = [
  {
    name: "start_time",
    type: "time",
    doc: "when the stream started (UTC, ISO 8601)",
    value: (r) => r.start_time ?? null,
    reads: { column: "start_at", as: "isoTime" },
  },
  {
    name: "end_time",
    type: "time",
    doc: "when the stream ended (UTC, ISO 8601)",
    value: (r) => r.end_time ?? null,
    reads: { column: "end_time" },
  },
  {
    name: "call_id",
    type: "text",
    doc: "Graph's call record ID",
    value: (r) => r.call_id ?? null,
    reads: { column: "call_id" },
  },
  {
    name: "call_version",
    type: "integer",
    doc: "the record's version the facts come from",
    value: (r) => r.call_version ?? null,
    reads: { column: "version" },
  },
  {
    name: "direction_words",
    type: "text",
    doc: 'who sent the stream to whom: "Priya Raman → Owen Franklin", "the meeting → Owen Franklin"',
    value: (r) => `${sideWords(r, "sender")} → ${sideWords(r, "receiver")}`,
    inputs: ["sender_name", "sender_kind", "receiver_name", "receiver_kind"],
  },
  ...FACT_COLUMNS.filter((column) => column.name !== "end_time").map((column): ExportColumn => {
    const asPercent = AS_PERCENT[column.name];
    if (asPercent)
      return {
        name: asPercent.name,
        type: "real",
        doc: asPercent.doc,
        value: (r) => percent(r[column.name] ?? null),
        reads: { column: column.name, as: "percent" },
      };
    return {
      name: RENAMED[column.name] ?? column.name,
      type: column.type,
      doc: column.doc,
      value: (r) => r[column.name] ?? null,
      reads: { column: column.name },
    };
  }),
];

/** A fact as the export reads it: the stored columns, and the call it belongs to. */
export function exportRow(
  call: { callId: string; version: number },
  startAt: number,
  values: Record<string, FactValue>,
  masked: boolean,
): ExportRow {
  const row: ExportRow = {
    ...values,
    start_time: new Date(startAt).toISOString(),
    call_id: call.callId,
    call_version: call.version,
  };
  if (masked) for (const column of PERSONAL_FACT_COLUMNS) row[column] = null;
  return row;
}

/** The header line (UTF-8 BOM first, so Excel on Windows reads accents right). */
export const csvHeader = () => `\uFEFF${EXPORT_COLUMNS.map((column) => column.name).join(",")}\r\n`;

export const csvLine = (row: ExportRow) =>
  EXPORT_COLUMNS.map((column) => csvCell(column.value(row))).join(",");

/** A whole call's streams as CSV, in the browser (the call page's "Export streams CSV"). */
export function callStreamsCsv(
  call: CallSummary,
  sessions: readonly Session[],
  context: Omit<FactContext, "call" | "session">,
): string {
  const lines = streamFacts(call, sessions, context).map((fact) =>
    csvLine(exportRow({ callId: call.id, version: call.version }, fact.startAt, fact.values, false)),
  );
  return `${csvHeader()}${lines.map((line) => `${line}\r\n`).join("")}`;
}
