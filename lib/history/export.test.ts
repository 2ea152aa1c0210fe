// The exports read back, on both databases: CSV with the header and BOM, equal line for line to the export
// table applied to the stored facts; Parquet with a Parquet reader (hyparquet); Readers' copies without personal
// values; a download stopped part way frees its thread for the next.
import { createHmac, randomBytes } from "node:crypto";
import { parquetReadObjects } from "hyparquet";
import { afterAll, describe, expect, it } from "vitest";
import { csvHeader, csvLine, exportRow } from "@/lib/callrecords/export-table";
import { FACT_COLUMNS, PERSONAL_FACT_COLUMNS, type FactValue } from "@/lib/callrecords/stream-facts";
import { eachDatabase } from "@/lib/db/testing/databases";
import { parseCsv } from "@/lib/format/csv";
import { demoHistory } from "./demo-history";
import { EXPORT_COLUMNS, factsCsv, factsParquet } from "./export";
import { dayOf } from "./rollup";
import { createHistoryStore } from "./store";

const NOW = Date.parse("2026-12-01T12:00:00Z");
const pseudonym = (id: string) => createHmac("sha256", "k").update(id).digest("base64url").slice(0, 22);

const bytesOf = async (stream: ReadableStream<Uint8Array>) =>
  new Uint8Array(await new Response(stream).arrayBuffer());
const textOf = async (stream: ReadableStream<Uint8Array>) =>
  new TextDecoder("utf-8", { ignoreBOM: true }).decode(await bytesOf(stream));

eachDatabase((name, open) => {
  describe(`history exports on ${name}`, async () => {
    const db = open();
    const store = createHistoryStore(db);
    afterAll(() => db.close());
    const t = `t-${randomBytes(6).toString("hex")}`;
    // Ten days of the demo's past: a few thousand streams, more than one block of CSV and one Parquet row group.
    const calls = demoHistory(NOW, pseudonym).filter((c) => c.call.startAt >= NOW - 10 * 86_400_000);
    await store.addNew(t, calls);
    const streams = calls.reduce((n, c) => n + c.facts.length, 0);
    const [from, to] = [dayOf(NOW) - 10, dayOf(NOW)];

    it("writes CSV with a BOM and the documented header, each line the export table's line for its stored fact", async () => {
      const text = await textOf(factsCsv(store, t, from, to, false));
      expect(text.startsWith("\uFEFF")).toBe(true);
      const [header, ...rows] = parseCsv(text.slice(1));
      expect(header).toEqual(EXPORT_COLUMNS.map((c) => c.name));
      expect(rows).toHaveLength(streams);
      // The same rows made the slow, plain way: every fact as an object, through exportRow.
      const facts = await store.facts(t, from, to, null, 100_000);
      const expected =
        csvHeader() +
        facts
          .map((fact) => {
            const values: Record<string, FactValue> = {};
            for (const column of FACT_COLUMNS) values[column.name] = (fact[column.name] as FactValue) ?? null;
            return `${csvLine(exportRow({ callId: String(fact.call_id), version: Number(fact.version) }, Number(fact.start_at), values, false))}\r\n`;
          })
          .join("");
      expect(text).toBe(expected);
      const name = header?.indexOf("sender_name") ?? -1;
      expect(rows.some((row) => row[name] === "Priya Raman")).toBe(true);
    });

    it("leaves personal values out of a Reader's copy", async () => {
      const text = await textOf(factsCsv(store, t, from, to, true));
      const [header, ...rows] = parseCsv(text.slice(1));
      expect(rows).toHaveLength(streams);
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
      const bytes = await bytesOf(factsParquet(store, t, from, to, false));
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

    it("reaches the file's end for a reader slower than the thread (a compressing proxy, a slow network)", async () => {
      const reader = factsCsv(store, t, from, to, false).getReader();
      let text = "";
      const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
      for (;;) {
        // The thread finishes while the reader is still busy with the last block: its end must wait for it.
        await new Promise((resolve) => setTimeout(resolve, 30));
        const chunk = await reader.read();
        if (chunk.done) break;
        text += decoder.decode(chunk.value, { stream: true });
      }
      expect(parseCsv(text.slice(1))).toHaveLength(streams + 1);
    }, 20_000);

    it("frees a download's thread when the reader stops part way: the exports after it still run", async () => {
      // More stopped downloads than exports may run at once: each must give its place back.
      for (let i = 0; i < 3; i++) {
        const reader = factsCsv(store, t, from, to, false).getReader();
        expect((await reader.read()).done).toBe(false);
        await reader.cancel();
      }
      const rows = parseCsv((await textOf(factsCsv(store, t, from, to, false))).slice(1));
      expect(rows).toHaveLength(streams + 1);
    });
  });
});
