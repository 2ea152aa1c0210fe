"use client";
import { useRef } from "react";
import { apiGetBytes, isTransient } from "./api";
import { parseCallPage, summariesOf } from "./call-page";
import { useResumeAfterThrottle } from "./use-auto-paging";
import { useInfiniteQueryInTransitions } from "./use-infinite-query-in-transitions";

/**
 * The call and every page of its sessions: the first page renders as soon as it is in, the rest stream in, each
 * page asked for the moment the one before is in (use-infinite-query-in-transitions.ts).
 */
export function useCallRecord(callId: string) {
  // Later pages do not repeat the record: its type (a group call's service endpoints) comes from the first.
  const callType = useRef<string | null>(null);
  const query = useInfiniteQueryInTransitions({
    queryKey: ["call", callId],
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam, signal }) => {
      const page = parseCallPage(
        await apiGetBytes(
          pageParam
            ? `/api/calls/${callId}/sessions?cursor=${encodeURIComponent(pageParam)}`
            : `/api/calls/${callId}`,
          signal,
        ),
      );
      if (page.call) callType.current = page.call.type;
      // Judge this page's sessions now, in a task of their own, not later in one long batch.
      summariesOf(page, callType.current);
      return page;
    },
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    retry: (count, error) => count < 2 && isTransient(error),
    staleTime: 5 * 60_000,
    // Deep-comparing every loaded page on each new one costs O(n²) for thousands of sessions; pages never change.
    structuralSharing: false,
    refetchOnWindowFocus: false,
  });
  // Graph throttles per call record (50 later pages per 5 minutes): when it says when, carry on then.
  const resumeAt = useResumeAfterThrottle(query);
  return { ...query, resumeAt };
}
