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
    if (hasNextPage && !isFetchingNextPage && !isFetchNextPageError && !isError) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, isFetchNextPageError, isError, fetchNextPage]);

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
