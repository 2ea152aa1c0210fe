import "server-only";
import { Redis } from "ioredis";
import { log } from "@/lib/log/logger";

/**
 * One connection to Redis (or Valkey) for everything instances share. Commands fail at once while
 * the connection is down (no offline queue): callers then fall back to working alone, and the
 * client keeps reconnecting in the background. The loss and the recovery are logged once each.
 */
export interface SharedRedis {
  client: Redis;
  /** Whether the last thing known about the connection is that it works. */
  readonly available: boolean;
  /** Resolves once the first connection attempt has succeeded or failed (at most `timeoutMs`). */
  settled(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

const say = (level: "warn" | "info", message: string) => log(level, "redis", message);

/** A redis:// or rediss:// URL with its password hidden, for messages. */
export function describeRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(not a URL)";
  }
}

export function connectRedis(url: string): SharedRedis {
  const client = new Redis(url, {
    lazyConnect: false,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    commandTimeout: 5_000,
    // Keep trying, never more than 2 s apart: the shared cache comes back by itself.
    retryStrategy: (times) => Math.min(100 * times, 2_000),
  });
  let available = false;
  let lostLogged = false;
  let firstAttemptDone = false;
  let settle: () => void = () => undefined;
  const firstAttempt = new Promise<void>((resolve) => {
    settle = () => {
      firstAttemptDone = true;
      resolve();
    };
  });
  client.on("ready", () => {
    if (lostLogged)
      say("info", `Redis is back (${describeRedisUrl(url)}): the shared cache and limits are in use again.`);
    available = true;
    lostLogged = false;
    settle();
  });
  const lost = (reason: string) => {
    available = false;
    settle();
    if (lostLogged) return;
    lostLogged = true;
    say(
      "warn",
      `Redis is unreachable (${describeRedisUrl(url)}: ${reason}). Serving from Graph without the shared cache; limits and budgets apply per instance until it returns.`,
    );
  };
  client.on("error", (error: Error) => lost(error.message));
  client.on("end", () => lost("connection closed"));
  client.on("close", () => {
    if (available) lost("connection closed");
  });
  return {
    client,
    get available() {
      return available;
    },
    async settled(timeoutMs = 2_000) {
      if (firstAttemptDone) return;
      await Promise.race([firstAttempt, new Promise((resolve) => setTimeout(resolve, timeoutMs))]);
    },
    async close() {
      client.disconnect();
    },
  };
}

/** Connects and pings once, within `timeoutMs`: for refusing to start when REDIS_URL does not answer. */
export async function pingRedis(url: string, timeoutMs = 5_000): Promise<void> {
  const client = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: timeoutMs,
    retryStrategy: () => null,
  });
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.ping();
  } finally {
    client.disconnect();
  }
}
