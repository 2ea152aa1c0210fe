import "server-only";
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { setImmediate } from "node:timers/promises";
import { parseCsv } from "@/lib/format/csv";
import { rangeTable, type RangeTable } from "./range-table";

/** Growable typed arrays for the two ends of each range. */
function columns<A extends Uint32Array | BigUint64Array>(make: (length: number) => A) {
  let starts = make(1 << 16);
  let ends = make(1 << 16);
  let size = 0;
  const grow = (old: A) => {
    const next = make(old.length * 2);
    next.set(old as never);
    return next;
  };
  return {
    push(start: A[number], end: A[number]) {
      if (size === starts.length) {
        starts = grow(starts);
        ends = grow(ends);
      }
      starts[size] = start;
      ends[size] = end;
      size += 1;
    },
    done: () => ({ starts: starts.subarray(0, size) as A, ends: ends.subarray(0, size) as A }),
  };
}

/**
 * Each line of a "-num" CSV, read from a stream: loading shares the thread with requests instead of blocking it.
 * A chunk of the file holds hundreds of lines that readline hands over at once, so every 250 lines yield to the
 * event loop, and no request waits behind a chunk's worth of parsing.
 */
async function eachRow(path: string, row: (cells: string[]) => void): Promise<void> {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  let count = 0;
  for await (const line of lines) {
    if (!line || line.startsWith("#")) continue;
    row(parseCsv(line)[0] ?? []);
    if (++count % 250 === 0) await setImmediate();
  }
}

/** Reads an IPv4 "-num" CSV (start,end,…) into a range table; other rows are skipped. */
export async function loadRangeCsv<T>(path: string, value: (cells: string[]) => T): Promise<RangeTable<T>> {
  const table = columns((length) => new Uint32Array(length));
  const values: T[] = [];
  await eachRow(path, (cells) => {
    const start = Number(cells[0]);
    const end = Number(cells[1]);
    if (!Number.isInteger(start) || !Number.isInteger(end) || end > 0xffffffff) return;
    table.push(start, end);
    values.push(value(cells));
  });
  const { starts, ends } = table.done();
  return rangeTable(starts, ends, values);
}

/** Reads an IPv6 "-num" CSV (128-bit start,end,…) into a range table keyed by the upper 64 bits. */
export async function loadRangeCsv6<T>(
  path: string,
  value: (cells: string[]) => T,
): Promise<RangeTable<T, bigint>> {
  const table = columns((length) => new BigUint64Array(length));
  const values: T[] = [];
  await eachRow(path, (cells) => {
    if (!/^\d+$/.test(cells[0] ?? "") || !/^\d+$/.test(cells[1] ?? "")) return;
    const start = BigInt(cells[0] ?? "0") >> 64n;
    const end = BigInt(cells[1] ?? "0") >> 64n;
    if (end >= 1n << 64n) return;
    table.push(start, end);
    values.push(value(cells));
  });
  const { starts, ends } = table.done();
  return rangeTable(starts, ends, values);
}
