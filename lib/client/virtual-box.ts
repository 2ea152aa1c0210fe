"use client";
import { elementScroll, type Rect, type Virtualizer } from "@tanstack/react-virtual";

/** Boxes the person (or the list) has scrolled: the others are still at the top. */
const moved = new WeakSet<Element>();

/**
 * What a virtual list needs to know of its scroll box, told without forcing a layout. The virtualizer's own
 * observer reads the box's size the moment it mounts, inside React's commit: the browser then lays out the whole
 * page in that task (25–30 ms of the 50 ms commits of a call's table and timeline). Here the size comes from a
 * ResizeObserver, which the browser calls after its own layout; until then the box is taken to be the height it
 * is given (`initialRect`), which is what it will measure. Likewise the virtualizer scrolls a new box to the top as
 * it mounts, and writing a scroll position makes the browser lay out the page first: a box never scrolled is at
 * the top already, so that write is left out.
 */
export function virtualBox(height: number) {
  return {
    // Few rows past each edge: a jump of a screen mounts every row drawn anew, so each one more is style, layout
    // and paint in that frame (10 a side made the frames of a scroll 16–29 ms of CPU, 3 make them 12–17).
    overscan: 3,
    initialRect: { width: 0, height } satisfies Rect,
    observeElementRect: (instance: Virtualizer<HTMLDivElement, Element>, report: (rect: Rect) => void) => {
      const box = instance.scrollElement;
      if (!box || typeof ResizeObserver === "undefined") return;
      const scrolled = () => moved.add(box);
      box.addEventListener("scroll", scrolled, { passive: true, once: true });
      const observer = new ResizeObserver(([entry]) => {
        if (entry)
          report({
            width: Math.round(entry.contentRect.width),
            height: Math.round(entry.contentRect.height),
          });
      });
      observer.observe(box);
      return () => {
        observer.disconnect();
        box.removeEventListener("scroll", scrolled);
      };
    },
    scrollToFn: (
      offset: number,
      options: { adjustments?: number; behavior?: ScrollBehavior },
      instance: Virtualizer<HTMLDivElement, Element>,
    ) => {
      const box = instance.scrollElement;
      if (!box) return;
      if (offset + (options.adjustments ?? 0) === 0 && !moved.has(box)) return;
      moved.add(box);
      elementScroll(offset, options, instance);
    },
  };
}
