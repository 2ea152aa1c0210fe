import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import { randomUUID } from "node:crypto";
import { GraphFailure } from "@/lib/graph/errors";
import type { SharedRedis } from "./shared/redis-client";

/** Graph's per-call-record limits: requests in a sliding window, for first pages and for later pages. */
export interface BudgetLimits {
  firstPage: { requests: number; windowMs: number };
  laterPage: { requests: number; windowMs: number };
}

/** The stricter of Microsoft's two published versions: 10 first pages / 20 s, 50 later pages / 5 min. */
export const PUBLISHED_LIMITS: BudgetLimits = {
  firstPage: { requests: 10, windowMs: 20_000 },
  laterPage: { requests: 50, windowMs: 300_000 },
};

export type PageKind = keyof BudgetLimits;

/**
 * A call record's share of Graph: every instance draws from the same one (in Redis), so callscope
 * waits, or answers 429, before Graph has to.
 */
export interface GraphBudget {
  /** Counts one request when the window allows it (0), else says how many ms until it would. */
  take(callId: string, kind: PageKind): Promise<number>;
}

export function createMemoryBudget(limits: BudgetLimits, now: () => number = Date.now): GraphBudget {
  const windows = new Map<string, number[]>();
  return {
    async take(callId, kind) {
      const { requests, windowMs } = limits[kind];
      const key = `${callId}:${kind}`;
      const time = now();
      const recent = (windows.get(key) ?? []).filter((at) => at > time - windowMs);
      if (recent.length >= requests) {
        windows.set(key, recent);
        return Math.max(1, (recent[0] ?? time) + windowMs - time);
      }
      recent.push(time);
      windows.set(key, recent);
      if (windows.size > 100_000) windows.delete(windows.keys().next().value ?? "");
      return 0;
    },
  };
}

// A sliding window in a sorted set, checked and counted in one step so two instances cannot both take the last slot.
const TAKE = `
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
redis.call("zremrangebyscore", KEYS[1], 0, now - window)
if redis.call("zcard", KEYS[1]) >= tonumber(ARGV[3]) then
  local oldest = redis.call("zrange", KEYS[1], 0, 0, "withscores")
  return math.max(1, tonumber(oldest[2]) + window - now)
end
redis.call("zadd", KEYS[1], now, ARGV[4])
redis.call("pexpire", KEYS[1], window)
return 0`;

/** The budget in Redis, shared by every instance; while Redis is down, each instance keeps its own. */
export function createRedisBudget(
  redis: SharedRedis,
  limits: BudgetLimits,
  prefix = "callscope:",
): GraphBudget {
  const local = createMemoryBudget(limits);
  return {
    async take(callId, kind) {
      if (!redis.available) return local.take(callId, kind);
      const { requests, windowMs } = limits[kind];
      try {
        const wait = await redis.client.eval(
          TAKE,
          1,
          `${prefix}budget:${callId}:${kind}`,
          String(Date.now()),
          String(windowMs),
          String(requests),
          randomUUID(),
        );
        return Number(wait);
      } catch {
        return local.take(callId, kind);
      }
    },
  };
}

/**
 * Spends one request of the record's budget before a Graph request: waits when the window frees up
 * within `maxWaitMs`, else fails as Graph would (throttled, with when to retry) without asking Graph.
 */
export async function spend(budget: GraphBudget, callId: string, kind: PageKind, maxWaitMs: number) {
  const deadline = Date.now() + maxWaitMs;
  for (;;) {
    const wait = await budget.take(callId, kind);
    if (wait === 0) return;
    if (Date.now() + wait > deadline)
      throw new GraphFailure(
        "throttled",
        "callscope is holding back requests for this call record to stay within Graph's limits.",
        { retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)) },
      );
    await sleep(wait);
  }
}
