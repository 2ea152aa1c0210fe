"use client";
import { useEffect, useState } from "react";
import { ApiProblem } from "./api";

interface PagedQuery {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  isFetchNextPageError: boolean;
  isError: boolean;
  error: unknown;
  fetchNextPage: () => Promise<unknown>;
}

/**
 * Follows an infinite query's pages one after another until the end. A failed page stops the chain;
 * when Graph throttled it and said how long to wait, the chain carries on by itself then.
 * Returns when it will resume (ms since the epoch), or null.
 */
export function useAutoPaging(query: PagedQuery): number | null {
  const { hasNextPage, isFetchingNextPage, isFetchNextPageError, isError, fetchNextPage } = query;
  useEffect(() => {
    if (wantsNextPage({ hasNextPage, isFetchingNextPage, isFetchNextPageError, isError }))
      void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, isFetchNextPageError, isError, fetchNextPage]);
  return useResumeAfterThrottle(query);
}

/** Whether the chain goes on now: there is a next page, none is on its way, and the last did not fail. */
export const wantsNextPage = (query: Omit<PagedQuery, "error" | "fetchNextPage">) =>
  query.hasNextPage && !query.isFetchingNextPage && !query.isFetchNextPageError && !query.isError;

/**
 * When Graph throttled a page and said how long to wait: carries on by itself then. Returns when (ms since the
 * epoch), or null.
 */
export function useResumeAfterThrottle(query: PagedQuery): number | null {
  const { isFetchNextPageError, fetchNextPage } = query;
  const [resumeAt, setResumeAt] = useState<number | null>(null);
  const throttledFor =
    isFetchNextPageError && query.error instanceof ApiProblem && query.error.status === 429
      ? (query.error.retryAfterSeconds ?? 30)
      : null;
  useEffect(() => {
    if (throttledFor === null) return;
    const at = Date.now() + throttledFor * 1000;
    const show = setTimeout(() => setResumeAt(at), 0);
    const timer = setTimeout(() => {
      setResumeAt(null);
      void fetchNextPage();
    }, throttledFor * 1000);
    return () => {
      clearTimeout(show);
      clearTimeout(timer);
      setResumeAt(null);
    };
  }, [throttledFor, fetchNextPage]);
  return resumeAt;
}
