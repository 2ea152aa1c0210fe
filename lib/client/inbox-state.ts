import { isGuid } from "@/lib/format/guid";

/** What the inbox shows: its order and filters, kept in the home page's URL so a link reopens the same view. */
export interface InboxFilters {
  poorOnly: boolean;
  order: "poor" | "newest";
  watchedOnly: boolean;
  /** One person's calls: an Entra object ID. */
  person: string | null;
}

export const DEFAULT_INBOX: InboxFilters = {
  poorOnly: false,
  order: "poor",
  watchedOnly: false,
  person: null,
};

/** Reads the inbox's parameters; anything unknown or malformed falls back to the default. */
export function inboxFromParams(params: URLSearchParams): InboxFilters {
  const person = params.get("person");
  return {
    poorOnly: params.get("poor") === "1",
    order: params.get("order") === "newest" ? "newest" : "poor",
    watchedOnly: params.get("watched") === "1",
    person: person && isGuid(person) ? person.toLowerCase() : null,
  };
}

/** `filters` as parameters (defaults left out): the page's URL and the API's use the same names. */
export function inboxParams(filters: InboxFilters, current = new URLSearchParams()): URLSearchParams {
  const params = new URLSearchParams(current);
  for (const key of ["poor", "order", "watched", "person"]) params.delete(key);
  if (filters.order !== DEFAULT_INBOX.order) params.set("order", filters.order);
  if (filters.poorOnly) params.set("poor", "1");
  if (filters.watchedOnly) params.set("watched", "1");
  if (filters.person) params.set("person", filters.person);
  return params;
}

/** The query string for `filters`, defaults left out, other parameters kept. */
export function inboxQuery(filters: InboxFilters, current: URLSearchParams): string {
  const query = inboxParams(filters, current).toString();
  return query ? `?${query}` : "";
}

const FRESH_MS = 60_000;

/** A call judged within the last minute is marked new, so what just arrived stands out. */
export const isFresh = (judgedAt: number, now: number): boolean =>
  now - judgedAt < FRESH_MS && now >= judgedAt - 5_000;

/**
 * New to this person: judged after their previous visit to the inbox (kept per person in this browser), or,
 * on a first visit, within the last minute.
 */
export const isNewToYou = (judgedAt: number, previousVisit: number | null, now: number): boolean =>
  previousVisit === null ? isFresh(judgedAt, now) : judgedAt > previousVisit;
