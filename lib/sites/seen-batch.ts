import "server-only";

export type SeenWriter = (callId: string, subnets: string[], at: number) => Promise<void>;

/**
 * Subnets seen in the pages of calls, written together a moment later (one statement per call) instead of one
 * write per page: a write on the request thread between a page's arrival and the next request is time taken
 * from Graph's sequential chain.
 */
export function createSeenBatch(
  write: SeenWriter,
  {
    delayMs = 2_000,
    beforeWrite,
  }: {
    delayMs?: number;
    /** Awaited before a timed flush writes (the runtime waits for Graph's reads to go quiet); not before `flush()`. */
    beforeWrite?: () => Promise<void>;
  } = {},
) {
  let pending = new Map<string, { subnets: Set<string>; at: number }>();
  let timer: NodeJS.Timeout | null = null;

  async function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    const batch = pending;
    pending = new Map();
    for (const [callId, { subnets, at }] of batch)
      // Remembering subnets is a convenience: a failed write is dropped, never retried into a loop.
      await write(callId, [...subnets], at).catch(() => undefined);
  }

  return {
    add(callId: string, subnets: readonly string[], at = Date.now()): void {
      if (subnets.length === 0) return;
      const entry = pending.get(callId) ?? { subnets: new Set<string>(), at };
      for (const subnet of subnets) entry.subnets.add(subnet);
      entry.at = Math.max(entry.at, at);
      pending.set(callId, entry);
      if (!timer) {
        timer = setTimeout(
          () => void (beforeWrite ? beforeWrite() : Promise.resolve()).then(flush, flush),
          delayMs,
        );
        timer.unref?.();
      }
    },
    /** Writes what is pending now, without waiting for quiet: before the sites page reads them, tests. */
    flush,
  };
}
