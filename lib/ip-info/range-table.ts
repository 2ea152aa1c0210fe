/**
 * IPv4 ranges (start, end, value) sorted by start, looked up by binary search: the shape of the
 * ip-location-db "-num" CSV files, loaded into typed arrays so 400,000 ranges cost a few megabytes.
 */
export interface RangeTable<T> {
  find(value: number): T | null;
  size: number;
}

export function rangeTable<T>(starts: Uint32Array, ends: Uint32Array, values: readonly T[]): RangeTable<T> {
  return {
    size: starts.length,
    find(value) {
      let low = 0;
      let high = starts.length - 1;
      while (low <= high) {
        const middle = (low + high) >>> 1;
        const start = starts[middle] ?? 0;
        if (value < start) high = middle - 1;
        else if (value > (ends[middle] ?? 0)) low = middle + 1;
        else return values[middle] ?? null;
      }
      return null;
    },
  };
}
