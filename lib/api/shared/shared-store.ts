import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { LRUCache } from "lru-cache";
import type { SharedRedis } from "./redis-client";

/**
 * What instances share: Graph's pages as received (one value per page, stored once), and leases so
 * that one instance fetches a page while the others wait for it.
 */
export interface SharedStore {
  /** The value, or undefined when missing, expired, not signed by us, oversized, or the store is down. */
  get(key: string): Promise<string | undefined>;
  /** Keeps a value for `ttlMs`; a value over the size bound is not kept. Never throws. */
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** Forgets a value (a newer version exists). Never throws. */
  delete(key: string): Promise<void>;
  /** Becomes the one fetcher of `key` for `leaseMs` (renewable), or null when someone else is. Never throws. */
  acquire(key: string, leaseMs: number): Promise<Lease | null>;
  /** Whether anyone holds the lease of `key` now. */
  leased(key: string): Promise<boolean>;
  /** False while the store cannot be reached: callers then work alone. */
  readonly available: boolean;
  /** Waits for a store still making its first connection (a just-started instance), briefly. */
  settled(): Promise<void>;
}

export interface Lease {
  /** Extends the lease by its length again; false when it was lost (expired and taken). */
  renew(): Promise<boolean>;
  release(): Promise<void>;
}

export interface StoreOptions {
  /** Signs values so an entry written by anyone without the secret is ignored, not served. */
  secret: string;
  /** The largest value kept or served, in bytes (a page of 60 sessions is a few hundred KB). */
  maxEntryBytes: number;
  prefix?: string;
}

const sign = (secret: string, key: string, value: string) =>
  createHmac("sha256", secret).update(key).update("\n").update(value).digest("base64url").slice(0, 32);

function seal(secret: string, key: string, value: string): string {
  return `v1.${sign(secret, key, value)}.${value}`;
}

/** The value inside a sealed entry, or undefined for anything else (poisoned, truncated, from another secret). */
function unseal(secret: string, key: string, entry: string): string | undefined {
  if (!entry.startsWith("v1.")) return undefined;
  const dot = entry.indexOf(".", 3);
  if (dot < 0) return undefined;
  const mac = Buffer.from(entry.slice(3, dot));
  const value = entry.slice(dot + 1);
  const expected = Buffer.from(sign(secret, key, value));
  return mac.length === expected.length && timingSafeEqual(mac, expected) ? value : undefined;
}

// A lease's value is "{token}.{deadline in ms}": its own deadline, so a lease someone wrote without an expiry
// (anyone who can write to Redis) still lapses. Renewing moves the deadline and the TTL while it is still ours;
// releasing deletes it the same way; a lapsed one (no TTL, or past its deadline) is cleared by whoever sees it.
const RENEW = `local v = redis.call("get", KEYS[1])
if v and string.sub(v, 1, #ARGV[1] + 1) == ARGV[1] .. "." then
  redis.call("set", KEYS[1], ARGV[1] .. "." .. ARGV[3], "PX", ARGV[2])
  return 1
end
return 0`;
const RELEASE = `local v = redis.call("get", KEYS[1])
if v and string.sub(v, 1, #ARGV[1] + 1) == ARGV[1] .. "." then return redis.call("del", KEYS[1]) end
return 0`;
const CLEAR_LAPSED = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) end
return 0`;

/** A lease value whose own deadline has passed, or that is not a lease callscope wrote. */
export function leaseLapsed(value: string, ttlMs: number, now: number, maxLeaseMs: number): boolean {
  const deadline = Number(value.slice(value.lastIndexOf(".") + 1));
  return ttlMs < 0 || !Number.isFinite(deadline) || deadline < now || deadline > now + maxLeaseMs;
}

/** No lease lasts longer than this, whatever its value says: a forged far deadline lapses too. */
const MAX_LEASE_MS = 5 * 60_000;

export function createRedisStore(redis: SharedRedis, options: StoreOptions): SharedStore {
  const prefix = options.prefix ?? "callscope:";
  const { client } = redis;
  return {
    get available() {
      return redis.available;
    },
    settled: () => redis.settled(),
    async delete(key) {
      if (!redis.available) return;
      await client.del(`${prefix}v:${key}`).catch(() => undefined);
    },
    async get(key) {
      if (!redis.available) return undefined;
      try {
        const size = await client.strlen(`${prefix}v:${key}`);
        if (size === 0 || size > options.maxEntryBytes + 64) return undefined;
        const entry = await client.get(`${prefix}v:${key}`);
        return entry === null ? undefined : unseal(options.secret, key, entry);
      } catch {
        return undefined;
      }
    },
    async set(key, value, ttlMs) {
      if (!redis.available || Buffer.byteLength(value) > options.maxEntryBytes) return;
      try {
        await client.set(
          `${prefix}v:${key}`,
          seal(options.secret, key, value),
          "PX",
          Math.max(1, Math.round(ttlMs)),
        );
      } catch {
        // Not shared this time; the value still serves this instance.
      }
    },
    async acquire(key, leaseMs) {
      if (!redis.available) return null;
      const token = randomUUID();
      const lockKey = `${prefix}lease:${key}`;
      try {
        const taken = await client.set(lockKey, `${token}.${Date.now() + leaseMs}`, "PX", leaseMs, "NX");
        if (taken !== "OK") return null;
      } catch {
        return null;
      }
      return {
        async renew() {
          try {
            const deadline = String(Date.now() + leaseMs);
            return (await client.eval(RENEW, 1, lockKey, token, String(leaseMs), deadline)) === 1;
          } catch {
            return false;
          }
        },
        async release() {
          try {
            await client.eval(RELEASE, 1, lockKey, token);
          } catch {
            // It expires by itself.
          }
        },
      };
    },
    async leased(key) {
      if (!redis.available) return false;
      const lockKey = `${prefix}lease:${key}`;
      try {
        const [value, ttl] = await Promise.all([client.get(lockKey), client.pttl(lockKey)]);
        if (value === null) return false;
        if (!leaseLapsed(value, ttl, Date.now(), MAX_LEASE_MS)) return true;
        // Written without an expiry or past its own deadline: nobody holds it. Clear it if it is unchanged.
        await client.eval(CLEAR_LAPSED, 1, lockKey, value);
        return false;
      } catch {
        return false;
      }
    },
  };
}

/** Where in-process stores keep their entries: two stores over one backend behave like two instances over one Redis. */
export function createMemoryBackend(maxBytes = 64 * 1024 * 1024) {
  return {
    values: new LRUCache<string, string>({
      maxSize: maxBytes,
      sizeCalculation: (value) => Math.max(1, value.length),
    }),
    leases: new Map<string, { token: string; until: number }>(),
  };
}

/** The same contract in one process: for tests, and as the reference the Redis store is checked against. */
export function createMemoryStore(
  options: StoreOptions,
  backend: ReturnType<typeof createMemoryBackend> = createMemoryBackend(),
): SharedStore {
  const { values, leases } = backend;
  const held = (key: string) => {
    const lease = leases.get(key);
    return lease !== undefined && lease.until > Date.now() ? lease : undefined;
  };
  return {
    available: true,
    async settled() {},
    async get(key) {
      const entry = values.get(key);
      if (entry === undefined || entry.length > options.maxEntryBytes + 64) return undefined;
      return unseal(options.secret, key, entry);
    },
    async delete(key) {
      values.delete(key);
    },
    async set(key, value, ttlMs) {
      if (Buffer.byteLength(value) > options.maxEntryBytes) return;
      values.set(key, seal(options.secret, key, value), { ttl: Math.max(1, Math.round(ttlMs)) });
    },
    async acquire(key, leaseMs) {
      if (held(key)) return null;
      const token = randomUUID();
      leases.set(key, { token, until: Date.now() + leaseMs });
      return {
        async renew() {
          const lease = held(key);
          if (lease?.token !== token) return false;
          lease.until = Date.now() + leaseMs;
          return true;
        },
        async release() {
          if (leases.get(key)?.token === token) leases.delete(key);
        },
      };
    },
    async leased(key) {
      return held(key) !== undefined;
    },
  };
}

/** Writes a raw entry as a stranger would (tests of poisoned entries). */
export function rawStoreKey(key: string, prefix = "callscope:"): string {
  return `${prefix}v:${key}`;
}

export interface FlightOptions {
  /** How long a lease lasts without renewal: a fetcher that dies frees the key this soon. */
  leaseMs: number;
  /** How often a waiter looks for the value. */
  pollMs: number;
  /** The longest a waiter waits before fetching itself anyway. */
  maxWaitMs: number;
}

// A waiter fetches by itself after 20 s: a holder that renews but never stores cannot stall a page for long.
export const FLIGHT_DEFAULTS: FlightOptions = { leaseMs: 10_000, pollMs: 25, maxWaitMs: 20_000 };

/**
 * One fetch of `key` across every instance: the value if a peer already stored it; else this
 * instance takes the lease, fetches (renewing the lease while it works) and stores the value; else
 * it waits for the holder's value, and takes over if the holder goes away without storing one.
 * `fetched` says whether this call went upstream.
 */
export async function sharedFlight(
  store: SharedStore,
  key: string,
  ttlMs: number,
  fetch: () => Promise<string>,
  options: FlightOptions = FLIGHT_DEFAULTS,
): Promise<{ value: string; fetched: boolean }> {
  const deadline = Date.now() + options.maxWaitMs;
  // A just-started instance is still connecting: fetching alone now would duplicate its peers' work.
  if (!store.available) await store.settled();
  for (;;) {
    const hit = await store.get(key);
    if (hit !== undefined) return { value: hit, fetched: false };
    if (!store.available) return { value: await fetch(), fetched: true };
    const lease = await store.acquire(key, options.leaseMs);
    if (lease) {
      const heartbeat = setInterval(() => void lease.renew(), Math.max(50, options.leaseMs / 3));
      const done = () => {
        clearInterval(heartbeat);
        void lease.release();
      };
      try {
        // The holder may have stored the value and let go between our look and our lease.
        const stored = await store.get(key);
        if (stored !== undefined) {
          done();
          return { value: stored, fetched: false };
        }
        const value = await fetch();
        // Stored (then let go) behind the caller's back: the caller has its value now; waiters get it in a moment.
        void store.set(key, value, ttlMs).finally(done);
        return { value, fetched: true };
      } catch (error) {
        done();
        throw error;
      }
    }
    // Someone else is fetching: wait for their value, or for their lease to lapse.
    while (Date.now() < deadline) {
      await sleep(options.pollMs);
      const value = await store.get(key);
      if (value !== undefined) return { value, fetched: false };
      if (!(await store.leased(key))) break;
    }
    if (Date.now() >= deadline) return { value: await fetch(), fetched: true };
  }
}
