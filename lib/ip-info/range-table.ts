/**
 * Ranges (start, end, value) sorted by start, looked up by binary search: the shape of the ip-location-db
 * "-num" CSV files, loaded into typed arrays so 400,000 ranges cost a few megabytes. IPv4 ranges are 32-bit
 * numbers; IPv6 ranges are kept by their upper 64 bits (the routing prefix: the tables' ranges are /64 or
 * wider), in 64-bit arrays.
 */
export interface RangeTable<T, K extends number | bigint = number> {
  find(value: K): T | null;
  size: number;
}

export function rangeTable<T, K extends number | bigint>(
  starts: ArrayLike<K>,
  ends: ArrayLike<K>,
  values: readonly T[],
): RangeTable<T, K> {
  return {
    size: starts.length,
    find(value) {
      let low = 0;
      let high = starts.length - 1;
      while (low <= high) {
        const middle = (low + high) >>> 1;
        const start = starts[middle] as K;
        if (value < start) high = middle - 1;
        else if (value > (ends[middle] as K)) low = middle + 1;
        else return values[middle] ?? null;
      }
      return null;
    },
  };
}
