// The exports read back: CSV with the header and BOM, Parquet with a Parquet reader (hyparquet), Readers'
// copies without personal values.
import { createHmac } from "node:crypto";
import { parquetReadObjects } from "hyparquet";
import { afterAll, describe, expect, it } from "vitest";
import { PERSONAL_FACT_COLUMNS } from "@/lib/callrecords/stream-facts";
import { openDatabase } from "@/lib/db/open";
import { tempSqlitePath } from "@/lib/db/testing/databases";
import { parseCsv } from "@/lib/format/csv";
import { demoHistory } from "./demo-history";
import { EXPORT_COLUMNS, factsCsv, factsParquet } from "./export";
import { dayOf } from "./rollup";
import { createHistoryStore } from "./store";

const NOW = Date.parse("2026-12-01T12:00:00Z");
const db = openDatabase({ sqlitePath: tempSqlitePath() });
const store = createHistoryStore(db);
afterAll(() => db.close());
const pseudonym = (id: string) => createHmac("sha256", "k").update(id).digest("base64url").slice(0, 22);

const bytesOf = async (stream: ReadableStream<Uint8Array>) =>
  new Uint8Array(await new Response(stream).arrayBuffer());

describe("history exports", async () => {
  // Ten days of the demo's past: a few thousand streams, more than one page of facts.
  const calls = demoHistory(NOW, pseudonym).filter((c) => c.call.startAt >= NOW - 10 * 86_400_000);
  await store.addNew("t", calls);
  const streams = calls.reduce((n, c) => n + c.facts.length, 0);
  const [from, to] = [dayOf(NOW) - 10, dayOf(NOW)];

  it("writes CSV with a BOM, the documented header and a row per stream, in time order", async () => {
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(
      await bytesOf(factsCsv(store, "t", from, to, false)),
    );
    expect(text.startsWith("\uFEFF")).toBe(true);
    const [header, ...rows] = parseCsv(text.slice(1));
    expect(header).toEqual(EXPORT_COLUMNS.map((c) => c.name));
    expect(rows).toHaveLength(streams);
    const times = rows.map((row) => row[0] ?? "");
    expect([...times].sort()).toEqual(times);
    const name = header?.indexOf("sender_name") ?? -1;
    expect(rows.some((row) => row[name] === "Priya Raman")).toBe(true);
  });

  it("leaves personal values out of a Reader's copy", async () => {
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(
      await bytesOf(factsCsv(store, "t", from, to, true)),
    );
    const [header, ...rows] = parseCsv(text.slice(1));
    for (const column of PERSONAL_FACT_COLUMNS) {
      const index = header?.indexOf(column) ?? -1;
      expect(
        rows.every((row) => row[index] === ""),
        column,
      ).toBe(true);
    }
    expect(text).not.toContain("Priya Raman");
  });

  it("writes Parquet a Parquet reader reads back, with types and the same rows", async () => {
    const bytes = await bytesOf(factsParquet(store, "t", from, to, false));
    const rows = (await parquetReadObjects({ file: bytes.buffer as ArrayBuffer })) as Record<
      string,
      unknown
    >[];
    expect(rows).toHaveLength(streams);
    const first = rows[0] ?? {};
    expect(first.start_time).toBeInstanceOf(Date);
    expect(typeof first.quality).toBe("number");
    expect(Object.keys(first).sort()).toEqual(EXPORT_COLUMNS.map((c) => c.name).sort());
    expect(rows.filter((row) => row.quality === 1).length).toBe(
      calls.flatMap((c) => c.facts).filter((f) => f.values.quality === 1).length,
    );
  });
});
