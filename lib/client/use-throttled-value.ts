"use client";
import { startTransition, useEffect, useRef, useState } from "react";

/**
 * The value, updated at most once per `intervalMs` while it keeps changing, and at once when `settled`.
 * Re-deriving thousands of sessions on every page would hold up the pages behind it.
 */
export function useThrottledValue<T>(value: T, intervalMs: number, settled: boolean): T {
  const [shown, setShown] = useState(value);
  const lastUpdate = useRef(0);
  useEffect(() => {
    const wait = settled ? 0 : Math.max(0, lastUpdate.current + intervalMs - Date.now());
    const timer = setTimeout(() => {
      lastUpdate.current = Date.now();
      // What depends on it re-renders in slices, between which the browser stays free.
      startTransition(() => setShown(value));
    }, wait);
    return () => clearTimeout(timer);
  }, [value, intervalMs, settled]);
  return shown;
}
