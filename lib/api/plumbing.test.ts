import { describe, expect, it } from "vitest";
import { createMemoryCache, type CacheEntry } from "./cache";
import type { JsonBytes } from "./json-parts";
import { createCursorCodec } from "./cursor";
import { createSingleFlight } from "./single-flight";

const state = {
  tenantId: "t",
  callId: "c",
  version: 2,
  link: "https://graph.microsoft.com/v1.0/x?$skiptoken=a",
  page: 3,
  loaded: 180,
  history: ["abc"],
};

describe("cursors", () => {
  it("round-trip, and hide the Graph link from whoever holds them", async () => {
    const codec = createCursorCodec("k".repeat(32));
    const cursor = await codec.seal(state);
    expect(cursor).not.toContain("graph.microsoft.com");
    expect(Buffer.from(cursor.split(".")[3] ?? "", "base64url").toString()).not.toContain("skiptoken");
    expect(await codec.open(cursor)).toEqual(state);
  });

  it("reject every altered byte and other servers' cursors", async () => {
    const codec = createCursorCodec("k".repeat(32));
    const cursor = await codec.seal(state);
    for (let i = 0; i < cursor.length; i += 7) {
      const flipped = cursor.slice(0, i) + (cursor[i] === "A" ? "B" : "A") + cursor.slice(i + 1);
      if (flipped !== cursor) expect(await codec.open(flipped)).toBeUndefined();
    }
    expect(await createCursorCodec("z".repeat(32)).open(cursor)).toBeUndefined();
    expect(await codec.open("x".repeat(9000))).toBeUndefined();
  });
});

describe("single flight", () => {
  it("shares one run between concurrent callers, then lets the next one through", async () => {
    const flight = createSingleFlight<number>();
    let runs = 0;
    const work = () => new Promise<number>((done) => setTimeout(() => done(++runs), 10));
    const results = await Promise.all(Array.from({ length: 20 }, () => flight.run("k", work).promise));
    expect(new Set(results)).toEqual(new Set([1]));
    expect(flight.size).toBe(0);
    expect(await flight.run("k", work).promise).toBe(2);
  });

  it("shares failures too, and forgets them", async () => {
    const flight = createSingleFlight<number>();
    const a = flight.run("k", () => Promise.reject(new Error("boom")));
    const b = flight.run("k", () => Promise.resolve(1));
    expect(b.shared).toBe(true);
    await expect(a.promise).rejects.toThrow("boom");
    await expect(b.promise).rejects.toThrow("boom");
    expect(await flight.run("k", () => Promise.resolve(3)).promise).toBe(3);
  });
});

describe("memory cache", () => {
  const page = (bytes: number): CacheEntry => ({
    kind: "sessions",
    raw: null,
    version: 1,
    sessionsJson: Buffer.alloc(bytes) as JsonBytes,
    ids: [],
    count: 0,
    nextLink: null,
    lost: [],
  });

  it("stays within its byte budget, evicting the least recently used", async () => {
    const cache = createMemoryCache(10_000);
    await cache.set("a", page(4000), 60_000);
    await cache.set("b", page(4000), 60_000);
    await cache.get("a");
    await cache.set("c", page(4000), 60_000);
    expect(await cache.get("b")).toBeUndefined();
    expect(await cache.get("a")).toBeDefined();
    await cache.set("huge", page(20_000), 60_000);
    expect(await cache.get("huge")).toBeUndefined();
  });

  it("expires entries", async () => {
    const cache = createMemoryCache(10_000);
    await cache.set("a", page(10), 5);
    await new Promise((done) => setTimeout(done, 20));
    expect(await cache.get("a")).toBeUndefined();
  });
});
