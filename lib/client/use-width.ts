"use client";
import { useEffect, useState, type RefObject } from "react";

/**
 * The element's width in CSS pixels, following resizes: a hand-drawn chart lays itself out in real pixels, so
 * its text stays the same size on a phone instead of being scaled down with a viewBox.
 */
export function useWidth(ref: RefObject<Element | null>, initial: number): number {
  const [width, setWidth] = useState(initial);
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver((entries) => {
      const measured = entries[0]?.contentRect.width;
      if (measured && measured > 0) setWidth(Math.round(measured));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}
