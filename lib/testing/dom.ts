// What component tests need from a browser that happy-dom leaves out: layout-free stand-ins, each
// installed only where a test asks for it.
import { vi } from "vitest";

/** next/navigation outside Next: a fixed path and query, and a router that records replacements. */
export function mockNavigation(path = "/calls/x", query = "") {
  const replace = vi.fn();
  vi.doMock("next/navigation", () => ({
    useRouter: () => ({ replace, push: replace, refresh: () => undefined }),
    usePathname: () => path,
    useSearchParams: () => new URLSearchParams(query),
  }));
  return { replace };
}

/** happy-dom does no layout: give the virtualised list a window, so it renders rows as a browser would. */
export function mockVirtualizer() {
  vi.doMock("@tanstack/react-virtual", () => ({
    useVirtualizer: ({ count, estimateSize }: { count: number; estimateSize: () => number }) => ({
      getTotalSize: () => count * estimateSize(),
      getVirtualItems: () =>
        Array.from({ length: count }, (_, index) => ({
          index,
          key: index,
          start: index * estimateSize(),
          size: estimateSize(),
        })),
      scrollToIndex: () => undefined,
      measure: () => undefined,
    }),
  }));
}

/** Charts measure their container; happy-dom has no ResizeObserver. */
export function installResizeObserver() {
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
}
