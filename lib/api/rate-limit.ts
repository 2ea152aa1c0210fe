import type { SharedRedis } from "./shared/redis-client";

export interface RateLimiter {
  /** 0 when allowed, else the seconds until a request would be. */
  take(key: string): Promise<number>;
}

/** A token bucket per key: `perMinute` requests a minute on average, bursts up to `burst`. */
export function createRateLimiter(
  perMinute: number,
  burst: number,
  now: () => number = Date.now,
): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const refillPerMs = perMinute / 60_000;
  return {
    async take(key: string): Promise<number> {
      const time = now();
      const bucket = buckets.get(key) ?? { tokens: burst, at: time };
      bucket.tokens = Math.min(burst, bucket.tokens + (time - bucket.at) * refillPerMs);
      bucket.at = time;
      buckets.set(key, bucket);
      if (buckets.size > 50_000) buckets.delete(buckets.keys().next().value ?? "");
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.max(1, Math.ceil((1 - bucket.tokens) / refillPerMs / 1000));
    },
  };
}

// The same bucket in Redis, read, refilled and spent in one step: a person's budget is the same on every instance.
const TAKE = `
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
local bucket = redis.call("hmget", KEYS[1], "t", "at")
local tokens = tonumber(bucket[1]) or burst
local at = tonumber(bucket[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) * rate)
local wait = 0
if tokens >= 1 then tokens = tokens - 1 else wait = math.max(1, math.ceil((1 - tokens) / rate / 1000)) end
redis.call("hset", KEYS[1], "t", tostring(tokens), "at", tostring(now))
redis.call("pexpire", KEYS[1], math.ceil(burst / rate) + 1000)
return wait`;

/** The per-user limit shared by every instance; while Redis is down, each instance limits on its own. */
export function createRedisRateLimiter(
  redis: SharedRedis,
  perMinute: number,
  burst: number,
  prefix = "callscope:",
): RateLimiter {
  const local = createRateLimiter(perMinute, burst);
  return {
    async take(key) {
      if (!redis.available) return local.take(key);
      try {
        const wait = await redis.client.eval(
          TAKE,
          1,
          `${prefix}rate:${key}`,
          String(perMinute / 60_000),
          String(burst),
          String(Date.now()),
        );
        return Number(wait);
      } catch {
        return local.take(key);
      }
    },
  };
}
