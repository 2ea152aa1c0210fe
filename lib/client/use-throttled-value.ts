"use client";
import { startTransition, useEffect, useRef, useState } from "react";

/**
 * The value, updated at most once per `intervalMs` while it keeps changing, and only to a value `worthShowing`
 * says is worth the work of showing it; at once when `settled`. Re-deriving thousands of sessions on every page
 * would hold up the pages behind it. `worthShowing` should be a function defined once (a module's), not per render.
 */
export function useThrottledValue<T>(
  value: T,
  intervalMs: number,
  settled: boolean,
  worthShowing: (shown: T, next: T) => boolean = always,
): T {
  const [shown, setShown] = useState(value);
  const lastUpdate = useRef(0);
  useEffect(() => {
    if (Object.is(shown, value) || (!settled && !worthShowing(shown, value))) return;
    const wait = settled ? 0 : Math.max(0, lastUpdate.current + intervalMs - Date.now());
    const timer = setTimeout(() => {
      lastUpdate.current = Date.now();
      // What depends on it re-renders in slices, between which the browser stays free.
      startTransition(() => setShown(value));
    }, wait);
    return () => clearTimeout(timer);
  }, [value, intervalMs, settled, shown, worthShowing]);
  return shown;
}

const always = () => true;
