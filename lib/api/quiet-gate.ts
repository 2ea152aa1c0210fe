import "server-only";
import { setTimeout as sleep } from "node:timers/promises";

/**
 * Background writes (a viewed call's streams into the history, subnets seen in calls) wait for a quiet moment:
 * no Graph read in flight for `quietMs`, or `maxWaitMs` at the most. Graph's pages are a sequential chain, and a
 * write on this thread while a page arrives delays the next request by the write's length (SQLite runs here):
 * measured 100–350 ms a call, 3–7 % of a 3,000-session call's paging. The person waiting for pages goes first.
 */
export function createQuietGate({ quietMs = 250, maxWaitMs = 30_000, now = Date.now } = {}) {
  let inFlight = 0;
  let lastActive = Number.NEGATIVE_INFINITY;
  return {
    /** `read`, counted as activity while it runs. */
    track<A extends unknown[], R>(read: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
      return async (...args: A) => {
        inFlight += 1;
        try {
          return await read(...args);
        } finally {
          inFlight -= 1;
          lastActive = now();
        }
      };
    },
    /** Resolves once reads have been quiet for `quietMs`, or after `maxWaitMs` whatever they do. */
    async wait(): Promise<void> {
      const deadline = now() + maxWaitMs;
      for (;;) {
        const quietFor = now() - lastActive;
        if ((inFlight === 0 && quietFor >= quietMs) || now() >= deadline) return;
        await sleep(Math.max(1, Math.min(deadline - now(), inFlight === 0 ? quietMs - quietFor : quietMs)));
      }
    },
  };
}

export type QuietGate = ReturnType<typeof createQuietGate>;
