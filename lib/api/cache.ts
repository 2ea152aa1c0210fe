import "server-only";
import { LRUCache } from "lru-cache";

/**
 * Where proxied Graph responses are kept. Async so a shared store (e.g. Redis) can stand in when
 * several app instances run; keys always start with the tenant ID.
 */
export interface ResponseCache {
  get(key: string): Promise<CachedPage | undefined>;
  set(key: string, value: CachedPage, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
}

/** One page of sessions, serialised once so cache hits cost no JSON work. */
export interface CachedPage {
  /** JSON of the call summary: present on the record's first page only. */
  callJson?: string;
  version: number;
  sessionsJson: string;
  /** Session IDs on this page, so whole-call reads can drop sessions Graph repeats across pages. */
  ids: string[];
  count: number;
  nextLink: string | null;
  /**
   * Graph's own JSON for this page's sessions, one string per session (full view only): what snapshots
   * store. Kept per session so a snapshot is written without one large parse on the request thread.
   */
  rawSessions?: string[];
  rawRecordJson?: string;
  /** On a record's first page: its legacy `participants`, as the view shows them. */
  legacyParticipantsJson?: string;
  /** On a call's participants entry: `{ v2, legacy, unavailable }` as the participants route returns it. */
  participantsJson?: string;
  /** Graph's own participants_v2 JSON, one string per participant (full view only): what snapshots store. */
  rawParticipants?: string[];
  /**
   * With a shared store, Graph's answer is kept there once, not in this copy: this reads it back (from
   * the store, or from Graph again if the store lost it) for the rare reader that needs it (snapshots).
   */
  rawFrom?: () => Promise<string>;
}

const textLength = (texts: string[] | undefined) =>
  (texts ?? []).reduce((sum, text) => sum + text.length + 16, 0);

const sizeOf = (page: CachedPage) =>
  page.sessionsJson.length +
  (page.callJson?.length ?? 0) +
  (page.nextLink?.length ?? 0) +
  textLength(page.rawSessions) +
  (page.rawRecordJson?.length ?? 0) +
  (page.legacyParticipantsJson?.length ?? 0) +
  (page.participantsJson?.length ?? 0) +
  textLength(page.rawParticipants) +
  page.ids.length * 40 +
  64;

export function createMemoryCache(maxBytes: number): ResponseCache {
  const lru = new LRUCache<string, CachedPage>({
    maxSize: maxBytes,
    sizeCalculation: (page) => Math.max(1, sizeOf(page)),
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
