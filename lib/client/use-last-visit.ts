"use client";
import { useEffect, useMemo } from "react";

const PREFIX = "callscope.lastVisit.";
/** What each page's key held when this tab first asked: the previous visit, not the one being written now. */
const previousVisits = new Map<string, number | null>();

function readPrevious(key: string): number | null {
  if (!previousVisits.has(key)) {
    let value: number | null = null;
    try {
      const stored = Number(window.localStorage.getItem(key));
      value = Number.isFinite(stored) && stored > 0 ? stored : null;
    } catch {
      // Storage may be disabled: every visit is a first one.
    }
    previousVisits.set(key, value);
  }
  return previousVisits.get(key) ?? null;
}

/**
 * When this person last opened a page (per person, in this browser): the previous visit; this visit is written
 * for next time. null on a first visit, on the server, or where storage is off.
 */
export function usePreviousVisit(page: string, person: string | null): number | null {
  const key = person ? `${PREFIX}${page}.${person}` : null;
  const previous = useMemo(() => (key && typeof window !== "undefined" ? readPrevious(key) : null), [key]);
  useEffect(() => {
    if (!key) return;
    readPrevious(key);
    try {
      window.localStorage.setItem(key, String(Date.now()));
    } catch {
      // As above.
    }
  }, [key]);
  return previous;
}
