// One contract, two implementations: what instances share behaves the same in one process and in Redis.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRedis, type TestRedis } from "@/lib/testing/redis-server";
import {
  createMemoryBudget,
  createRedisBudget,
  PUBLISHED_LIMITS,
  spend,
  type GraphBudget,
} from "../graph-budget";
import { createRateLimiter, createRedisRateLimiter, type RateLimiter } from "../rate-limit";
import { connectRedis, type SharedRedis } from "./redis-client";
import {
  createMemoryBackend,
  createMemoryStore,
  createRedisStore,
  rawStoreKey,
  sharedFlight,
  type SharedStore,
} from "./shared-store";

const SECRET = "s".repeat(32);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let redis: TestRedis;
const connections: SharedRedis[] = [];
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  for (const connection of connections) await connection.close();
  await redis.stop();
});

async function connected(): Promise<SharedRedis> {
  const connection = connectRedis(redis.url);
  connections.push(connection);
  for (let i = 0; i < 100 && !connection.available; i++) await sleep(20);
  return connection;
}

interface Implementation {
  /** Two stores over one backend, as two instances over one Redis; `secret` differs for a stranger. */
  stores(secret?: string): Promise<[SharedStore, SharedStore]>;
  budget(): Promise<GraphBudget>;
  limiter(perMinute: number, burst: number): Promise<RateLimiter>;
}

let run = 0;
const implementations: Record<string, Implementation> = {
  memory: {
    async stores(secret = SECRET) {
      const backend = createMemoryBackend();
      return [
        createMemoryStore({ secret: SECRET, maxEntryBytes: 1024 }, backend),
        createMemoryStore({ secret, maxEntryBytes: 1024 }, backend),
      ];
    },
    async budget() {
      return createMemoryBudget({
        firstPage: { requests: 3, windowMs: 400 },
        laterPage: PUBLISHED_LIMITS.laterPage,
      });
    },
    async limiter(perMinute, burst) {
      return createRateLimiter(perMinute, burst);
    },
  },
  redis: {
    async stores(secret = SECRET) {
      const prefix = `t${++run}:`;
      return [
        createRedisStore(await connected(), { secret: SECRET, maxEntryBytes: 1024, prefix }),
        createRedisStore(await connected(), { secret, maxEntryBytes: 1024, prefix }),
      ];
    },
    async budget() {
      return createRedisBudget(
        await connected(),
        { firstPage: { requests: 3, windowMs: 400 }, laterPage: PUBLISHED_LIMITS.laterPage },
        `t${++run}:`,
      );
    },
    async limiter(perMinute, burst) {
      return createRedisRateLimiter(await connected(), perMinute, burst, `t${++run}:`);
    },
  },
};

describe.each(Object.entries(implementations))("shared state (%s)", (_name, make) => {
  it("keeps a value for its TTL, across instances", async () => {
    const [a, b] = await make.stores();
    await a.set("k", "page one", 150);
    expect(await b.get("k")).toBe("page one");
    await sleep(250);
    expect(await b.get("k")).toBeUndefined();
  });

  it("ignores an entry it did not sign, and keeps nothing over the size bound", async () => {
    const [mine, stranger] = await make.stores("x".repeat(32));
    await stranger.set("k", "poisoned", 10_000);
    expect(await mine.get("k")).toBeUndefined();
    await mine.set("big", "x".repeat(2048), 10_000);
    expect(await mine.get("big")).toBeUndefined();
  });

  it("gives a lease to one instance at a time, renews it, and frees it when it lapses", async () => {
    const [a, b] = await make.stores();
    const lease = await a.acquire("k", 200);
    expect(lease).not.toBeNull();
    expect(await b.acquire("k", 200)).toBeNull();
    expect(await b.leased("k")).toBe(true);
    await sleep(120);
    expect(await lease?.renew()).toBe(true);
    await sleep(120);
    expect(await b.leased("k")).toBe(true);
    await sleep(200);
    expect(await b.leased("k")).toBe(false);
    expect(await lease?.renew()).toBe(false);
    const again = await b.acquire("k", 200);
    await again?.release();
    expect(await a.leased("k")).toBe(false);
  });

  it("fetches once for many waiters on two instances", async () => {
    const [a, b] = await make.stores();
    let fetches = 0;
    const fetch = async () => {
      fetches += 1;
      await sleep(100);
      return "the page";
    };
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => sharedFlight(i % 2 ? a : b, "page", 10_000, fetch)),
    );
    expect(fetches).toBe(1);
    expect(new Set(results.map((r) => r.value))).toEqual(new Set(["the page"]));
    expect(results.filter((r) => r.fetched)).toHaveLength(1);
  });

  it("takes over when the fetching instance dies without storing anything", async () => {
    const [a, b] = await make.stores();
    // Instance A took the lease and died: no renewals, no value.
    expect(await a.acquire("page", 150)).not.toBeNull();
    const started = Date.now();
    const result = await sharedFlight(b, "page", 10_000, async () => "fetched by B", {
      leaseMs: 150,
      pollMs: 10,
      maxWaitMs: 5_000,
    });
    expect(result).toEqual({ value: "fetched by B", fetched: true });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("spends a call record's budget across instances, then waits or refuses before Graph", async () => {
    const budget = await make.budget();
    expect([
      await budget.take("c", "firstPage"),
      await budget.take("c", "firstPage"),
      await budget.take("c", "firstPage"),
    ]).toEqual([0, 0, 0]);
    expect(await budget.take("c", "firstPage")).toBeGreaterThan(0);
    expect(await budget.take("other", "firstPage")).toBe(0);
    await expect(spend(budget, "c", "firstPage", 0)).rejects.toMatchObject({ kind: "throttled" });
    await spend(budget, "c", "firstPage", 1_000); // waits for the window to free a slot
  });

  it("limits a person's requests the same way everywhere", async () => {
    const limiter = await make.limiter(60, 3);
    expect([await limiter.take("a"), await limiter.take("a"), await limiter.take("a")]).toEqual([0, 0, 0]);
    expect(await limiter.take("a")).toBe(1);
    expect(await limiter.take("b")).toBe(0);
    await sleep(1_050);
    expect(await limiter.take("a")).toBe(0);
  });
});

describe("a lease someone wrote by hand", () => {
  it.each([
    ["with no expiry", (key: string, c: SharedRedis) => c.client.set(key, "squatter")],
    [
      "with a forged far deadline",
      (key: string, c: SharedRedis) => c.client.set(key, `x.${Date.now() + 3_600_000}`),
    ],
    [
      "past its own deadline",
      (key: string, c: SharedRedis) => c.client.set(key, `x.${Date.now() - 1}`, "PX", 60_000),
    ],
  ])("%s lapses at once: the page is fetched within the poll, not after the full wait", async (_, squat) => {
    const connection = await connected();
    const store = createRedisStore(connection, { secret: SECRET, maxEntryBytes: 1024, prefix: "squat:" });
    await squat("squat:lease:page", connection);
    const started = Date.now();
    const result = await sharedFlight(store, "page", 10_000, async () => "fetched anyway");
    expect(result).toEqual({ value: "fetched anyway", fetched: true });
    expect(Date.now() - started).toBeLessThan(1_000);
    // And the squatter's key is gone or replaced by a real lease, never left to stall the next one.
    const left = await connection.client.get("squat:lease:page");
    expect(left === null || left !== "squatter").toBe(true);
    await connection.client.del("squat:lease:page", "squat:v:page");
  });

  it("a real lease still holds: a waiter waits for the holder's value", async () => {
    const connection = await connected();
    const [a, b] = [0, 1].map(() =>
      createRedisStore(connection, { secret: SECRET, maxEntryBytes: 1024, prefix: "held:" }),
    );
    const lease = await a?.acquire("page", 2_000);
    expect(lease).not.toBeNull();
    setTimeout(() => void a?.set("page", "from the holder", 10_000), 300);
    const result = await sharedFlight(b as SharedStore, "page", 10_000, async () => "duplicate fetch");
    expect(result).toEqual({ value: "from the holder", fetched: false });
    expect(await lease?.renew()).toBe(true);
    await lease?.release();
  });
});

describe("a just-started instance", () => {
  it("waits for its first connection instead of fetching alone", async () => {
    const fresh = [connectRedis(redis.url), connectRedis(redis.url)];
    connections.push(...fresh);
    expect(fresh.some((connection) => connection.available)).toBe(false);
    const stores = fresh.map((connection) =>
      createRedisStore(connection, { secret: SECRET, maxEntryBytes: 1024, prefix: "fresh:" }),
    );
    let fetches = 0;
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        sharedFlight(stores[i % 2] as SharedStore, "record", 10_000, async () => {
          fetches += 1;
          await sleep(50);
          return "the record";
        }),
      ),
    );
    expect(fetches).toBe(1);
    expect(results.every((result) => result.value === "the record")).toBe(true);
  });
});

describe("when Redis goes away", () => {
  it("answers from upstream at once, and shares again when it is back", async () => {
    const connection = await connected();
    const store = createRedisStore(connection, { secret: SECRET, maxEntryBytes: 1024, prefix: "down:" });
    await store.set("k", "before", 60_000);
    expect(await store.get("k")).toBe("before");
    await redis.stop();
    for (let i = 0; i < 100 && connection.available; i++) await sleep(20);
    expect(connection.available).toBe(false);
    const started = Date.now();
    expect(await store.get("k")).toBeUndefined();
    const flight = await sharedFlight(store, "k2", 1_000, async () => "from Graph");
    expect(flight).toEqual({ value: "from Graph", fetched: true });
    expect(Date.now() - started).toBeLessThan(500);
    await redis.start();
    for (let i = 0; i < 200 && !connection.available; i++) await sleep(25);
    expect(connection.available).toBe(true);
    await store.set("k3", "after", 60_000);
    expect(await store.get("k3")).toBe("after");
  });

  it("refuses a raw entry written by someone without the secret", async () => {
    const connection = await connected();
    const store = createRedisStore(connection, { secret: SECRET, maxEntryBytes: 1024, prefix: "raw:" });
    await connection.client.set(rawStoreKey("k", "raw:"), 'v1.AAAA.{"sessions":["<script>"]}');
    expect(await store.get("k")).toBeUndefined();
    await connection.client.set(rawStoreKey("k", "raw:"), "garbage");
    expect(await store.get("k")).toBeUndefined();
  });
});
