import "server-only";
import { CompiledQuery, type Kysely } from "kysely";
import { setImmediate as nextTurn } from "node:timers/promises";
import { FACT_COLUMNS, type FactValue, type StreamFact } from "@/lib/callrecords/stream-facts";
import type { Database } from "@/lib/db/schema";
import type { Dialect } from "@/lib/db/types";
import { dayOf } from "./rollup";

/** A fact's row as stored, its values in COLUMNS' order: its call, time and day, then its fact columns. */
export type FactRow = FactValue[];

const COLUMNS: readonly { name: string; type: "text" | "integer" | "bigint" | "real" }[] = [
  { name: "tenant_id", type: "text" },
  { name: "call_id", type: "text" },
  { name: "version", type: "integer" },
  { name: "start_at", type: "bigint" },
  { name: "day", type: "integer" },
  ...FACT_COLUMNS.map((column) => ({ name: column.name, type: column.type })),
];
const NAMES = COLUMNS.map((column) => `"${column.name}"`).join(", ");

/** A fact's row: the values written straight into an array, no object per fact (a day is tens of thousands). */
export function factRow(
  tenantId: string,
  call: { callId: string; version: number },
  fact: StreamFact,
): FactRow {
  const row: FactValue[] = [tenantId, call.callId, call.version, fact.startAt, dayOf(fact.startAt)];
  for (const column of FACT_COLUMNS) row.push(fact.values[column.name] ?? null);
  return row;
}

/**
 * PostgreSQL: each column sent as one array and unnested, a statement per PG_ROWS facts (one parameter per
 * column, not per value: at ~90 columns a plain multi-row INSERT stops at 728 rows, PostgreSQL's 65,535
 * parameters).
 */
const PG_ROWS = 2_000;
const PG_TYPES = { text: "text[]", integer: "integer[]", bigint: "bigint[]", real: "double precision[]" };
const PG_INSERT = `INSERT INTO history_streams (${NAMES}) SELECT * FROM unnest(${COLUMNS.map(
  (column, i) => `$${i + 1}::${PG_TYPES[column.type]}`,
).join(", ")})`;

/**
 * SQLite: multi-row INSERTs of SQLITE_ROWS facts, one statement text prepared once and run again (the rest one
 * row at a time), with a turn of the event loop between statements: SQLite writes on this thread.
 */
const SQLITE_ROWS = 100;
const sqliteInsert = (rows: number) =>
  `INSERT INTO history_streams (${NAMES}) VALUES ${Array.from(
    { length: rows },
    () => `(${COLUMNS.map(() => "?").join(", ")})`,
  ).join(", ")}`;
const SQLITE_MANY = sqliteInsert(SQLITE_ROWS);
const SQLITE_ONE = sqliteInsert(1);
/** Statements between turns of the event loop: a few milliseconds of writing. */
const SQLITE_STATEMENTS_PER_TURN = 5;

/** Writes facts in the batches each engine takes fastest, inside the caller's transaction. */
export async function insertFacts(q: Kysely<Database>, dialect: Dialect, rows: readonly FactRow[]) {
  if (dialect === "postgres") {
    for (let start = 0; start < rows.length; start += PG_ROWS) {
      const slice = rows.slice(start, start + PG_ROWS);
      await q.executeQuery(
        CompiledQuery.raw(
          PG_INSERT,
          COLUMNS.map((_, i) => slice.map((row) => row[i] ?? null)),
        ),
      );
    }
    return;
  }
  let start = 0;
  for (let statements = 1; start + SQLITE_ROWS <= rows.length; start += SQLITE_ROWS, statements++) {
    await q.executeQuery(CompiledQuery.raw(SQLITE_MANY, rows.slice(start, start + SQLITE_ROWS).flat()));
    if (statements % SQLITE_STATEMENTS_PER_TURN === 0) await nextTurn();
  }
  for (; start < rows.length; start++)
    await q.executeQuery(CompiledQuery.raw(SQLITE_ONE, rows[start] as FactRow));
}
