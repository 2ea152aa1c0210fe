import "server-only";
import { LRUCache } from "lru-cache";
import type { Unreadable } from "@/lib/callrecords/model";
import type { JsonBytes, JsonText } from "./json-parts";
import { createSingleFlight } from "./single-flight";
import type { RequestTrace } from "./trace";

/**
 * Graph's own JSON kept beside an entry (full view only), one string per item, for what must write it out
 * as Graph sent it (snapshots, JSON exports) without one large parse on the request thread. With a shared
 * store it stays there and `from()` reads it back instead.
 */
export type RawKept =
  { kind: "here"; items: string[]; recordJson?: string } | { kind: "shared"; from: () => Promise<string> };

/** A page of sessions, serialised and encoded once, so a cache hit costs no JSON work. */
interface SessionsPart {
  version: number;
  sessionsJson: JsonBytes;
  /** Session IDs on this page, so whole-call reads can drop sessions Graph repeats across pages. */
  ids: string[];
  count: number;
  nextLink: string | null;
  /** Sessions on this page Graph sent in a shape callscope cannot read, counted by problem (no personal data). */
  lost: Unreadable[];
}

/** What the page cache keeps, one kind per entry: a record's first page, a later page, a call's people. */
export type CacheEntry =
  | (SessionsPart & {
      kind: "record";
      /** JSON of the call summary. */
      callJson: JsonText;
      /** The record's legacy `participants`, as the view shows them. */
      legacyParticipantsJson: JsonText;
      raw: RawKept | null;
    })
  | (SessionsPart & { kind: "sessions"; raw: RawKept | null })
  | {
      kind: "people";
      version: number;
      /** `{ v2, legacy, unavailable }` as the participants route returns it. */
      participantsJson: JsonText;
      raw: RawKept | null;
    };

export type EntryOf<K extends CacheEntry["kind"]> = Extract<CacheEntry, { kind: K }>;

/**
 * Where served pages are kept, per instance. Async so another store could stand in; keys always start
 * with the tenant ID. (Graph's raw answers are shared between instances by `shared/shared-store.ts`.)
 */
export interface ResponseCache {
  get(key: string): Promise<CacheEntry | undefined>;
  set(key: string, value: CacheEntry, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
}

const rawSize = (raw: RawKept | null) =>
  raw?.kind === "here"
    ? raw.items.reduce((sum, text) => sum + text.length + 16, 0) + (raw.recordJson?.length ?? 0)
    : 0;

const sizeOf = (entry: CacheEntry): number => {
  const base = 64 + rawSize(entry.raw);
  if (entry.kind === "people") return base + entry.participantsJson.length;
  const sessions = entry.sessionsJson.length + (entry.nextLink?.length ?? 0) + entry.ids.length * 40;
  return entry.kind === "record"
    ? base + sessions + entry.callJson.length + entry.legacyParticipantsJson.length
    : base + sessions;
};

export function createMemoryCache(maxBytes: number): ResponseCache {
  const lru = new LRUCache<string, CacheEntry>({
    maxSize: maxBytes,
    sizeCalculation: (entry) => Math.max(1, sizeOf(entry)),
    ttlAutopurge: false,
  });
  return {
    async get(key) {
      return lru.get(key);
    },
    async set(key, value, ttlMs) {
      // A page larger than the whole cache is simply not kept.
      if (sizeOf(value) <= maxBytes) lru.set(key, value, { ttl: ttlMs });
    },
    async delete(key) {
      lru.delete(key);
    },
  };
}

/** Cache first; otherwise one load per key however many requests wait on it, and the answer kept. */
export function createPageCache(cache: ResponseCache) {
  const flights = createSingleFlight<CacheEntry>();
  return async function cached<E extends CacheEntry>(
    key: string,
    ttl: number,
    trace: RequestTrace,
    load: () => Promise<E>,
  ): Promise<E> {
    const hit = await cache.get(key);
    if (hit) {
      trace.cacheHits += 1;
      return hit as E;
    }
    const flight = flights.run(key, async () => {
      const entry = await load();
      await cache.set(key, entry, ttl);
      return entry;
    });
    if (flight.shared) trace.sharedFetches += 1;
    return flight.promise as Promise<E>;
  };
}

export type PageCache = ReturnType<typeof createPageCache>;
