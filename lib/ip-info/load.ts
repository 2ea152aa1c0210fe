import "server-only";
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { parseCsv } from "@/lib/format/csv";
import { rangeTable, type RangeTable } from "./range-table";

/**
 * Reads a "-num" CSV (start,end,…) into a range table. Line by line from a stream, so loading the
 * 400,000-line ASN file at start-up shares the thread with requests instead of blocking it.
 */
export async function loadRangeCsv<T>(path: string, value: (cells: string[]) => T): Promise<RangeTable<T>> {
  let starts = new Uint32Array(1 << 16);
  let ends = new Uint32Array(1 << 16);
  const values: T[] = [];
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line) continue;
    const cells = parseCsv(line)[0] ?? [];
    const start = Number(cells[0]);
    const end = Number(cells[1]);
    // IPv6 rows, or anything unreadable, are skipped: callscope looks up IPv4 public addresses.
    if (!Number.isInteger(start) || !Number.isInteger(end) || end > 0xffffffff) continue;
    if (values.length === starts.length) {
      const grow = (old: Uint32Array) => {
        const next = new Uint32Array(old.length * 2);
        next.set(old);
        return next;
      };
      starts = grow(starts);
      ends = grow(ends);
    }
    starts[values.length] = start;
    ends[values.length] = end;
    values.push(value(cells));
  }
  return rangeTable(starts.subarray(0, values.length), ends.subarray(0, values.length), values);
}
