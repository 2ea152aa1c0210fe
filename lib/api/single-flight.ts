/** Concurrent callers with the same key share one in-flight promise instead of each doing the work. */
export function createSingleFlight<T>() {
  const inFlight = new Map<string, Promise<T>>();
  return {
    run(key: string, work: () => Promise<T>): { promise: Promise<T>; shared: boolean } {
      const existing = inFlight.get(key);
      if (existing) return { promise: existing, shared: true };
      const promise = work().finally(() => inFlight.delete(key));
      inFlight.set(key, promise);
      return { promise, shared: false };
    },
    get size() {
      return inFlight.size;
    },
  };
}
