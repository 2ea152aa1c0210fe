"use client";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import type { CallSummary, Session } from "@/lib/callrecords/model";
import { ApiProblem, apiGet } from "./api";

export interface SessionsPage {
  call?: CallSummary;
  sessions: Session[];
  page: number;
  loaded: number;
  nextCursor: string | null;
}

const retryable = (error: unknown) => error instanceof ApiProblem && (error.status === 0 || error.status === 502 || error.status === 504);

/** The call and every page of its sessions: the first page renders at once, the rest stream in. */
export function useCallRecord(callId: string) {
  const query = useInfiniteQuery({
    queryKey: ["call", callId],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      apiGet<SessionsPage>(
        pageParam ? `/api/calls/${callId}/sessions?cursor=${encodeURIComponent(pageParam)}` : `/api/calls/${callId}`,
        signal,
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    retry: (count, error) => count < 2 && retryable(error),
    staleTime: 5 * 60_000,
    refetchOnWindowFocus: false,
  });
  const { hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage, isError } = query;

  useEffect(() => {
    // Later pages load one after another until done; a failed page stops the chain until resumed.
    if (hasNextPage && !isFetchingNextPage && !isFetchNextPageError && !isError) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, isFetchNextPageError, isError, fetchNextPage]);

  return query;
}
