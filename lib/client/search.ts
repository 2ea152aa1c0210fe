"use client";
import { useInfiniteQuery, useQueries, useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { filterCalls, newestFirst } from "@/lib/callrecords/call-list";
import type { CallSummary } from "@/lib/callrecords/model";
import type { CallRoles } from "@/lib/callrecords/person-parts";
import type { PhoneLogKind, PhoneLogRow } from "@/lib/callrecords/phone-log";
import type { Quality } from "@/lib/callrecords/verdict";
import { ApiProblem, apiGet, isTransient } from "./api";
import { callSearchApiPath, phoneLogApiPath, type CallSearch, type PhoneLogSearch } from "./search-state";
import { fetchSummary } from "./summary-batch";
import { useAutoPaging } from "./use-auto-paging";

export interface SearchWindowJson {
  from: string;
  to: string;
  /** The part of the asked window Graph no longer keeps. */
  gone: { from: string; to: string } | null;
}

export interface SearchPersonJson {
  kind: "user" | "phone";
  id: string | null;
  displayName: string | null;
  userPrincipalName: string | null;
}

export interface CallsPage {
  calls: CallSummary[];
  unreadable: number;
  page: number;
  window: SearchWindowJson;
  person: SearchPersonJson | null;
  nextCursor: string | null;
}

export interface CallSummaryResponse {
  id: string;
  quality: Quality;
  poorShare: number;
  streams: { total: number; good: number; poor: number; unclassified: number };
  worst: { text: string; metric: string; media: string; direction: string } | null;
  failures: { failed: number; text: string } | null;
  /** Each person's part (people masked for Readers). */
  roles: CallRoles;
  sessionsRead: number;
  complete: boolean;
}

export interface PhoneLogPage {
  kind: PhoneLogKind;
  records: PhoneLogRow[];
  scanned: number;
  unreadable: number;
  page: number;
  window: SearchWindowJson;
  person: SearchPersonJson | null;
  nextCursor: string | null;
}

export interface PhoneLegsResponse {
  applicable: boolean;
  reason?: string;
  method?: string;
  logs: {
    kind: PhoneLogKind;
    status: "read" | "forbidden" | "throttled" | "failed";
    message: string | null;
    rowsRead: number;
    complete: boolean;
  }[];
  matches: {
    row: PhoneLogRow;
    matchedBy: ("user" | "number")[];
    offsetSeconds: number;
    explanation: string;
  }[];
}

/** Network and gateway failures, and Graph's throttling: worth asking again, a few times. */
const retryThrottled = (count: number, error: unknown) =>
  count < 3 && (isTransient(error) || (error instanceof ApiProblem && error.status === 429));
/** As long as Graph said to wait, else a short backoff. */
const afterRetryAfter = (count: number, error: unknown) =>
  error instanceof ApiProblem && error.retryAfterSeconds ? error.retryAfterSeconds * 1000 : 1000 * 2 ** count;

/**
 * Every page of a search: the first from its path, the rest from each page's sealed cursor, one after
 * another; a throttled page carries on by itself when Graph said it may (`resumeAt`).
 */
function usePagedSearch<T extends { nextCursor: string | null }>(
  key: unknown[],
  firstPath: string | null,
  nextPath: (cursor: string) => string,
) {
  const query = useInfiniteQuery({
    queryKey: key,
    enabled: firstPath !== null,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      apiGet<T>(pageParam ? nextPath(pageParam) : (firstPath ?? ""), signal),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    retry: retryThrottled,
    retryDelay: afterRetryAfter,
    staleTime: 60_000,
    refetchOnWindowFocus: false,
  });
  return { ...query, resumeAt: useAutoPaging(query) };
}

/** Every page of a person's calls in a window, newest first, filtered by type and modality as they arrive. */
export function useCallSearch(search: CallSearch | null) {
  const query = usePagedSearch<CallsPage>(
    ["call-search", search?.participant, search?.from, search?.to],
    search && callSearchApiPath(search),
    (cursor) => `/api/calls?cursor=${encodeURIComponent(cursor)}`,
  );
  const pages = query.data?.pages;
  const calls = useMemo(
    () =>
      filterCalls(newestFirst((pages ?? []).flatMap((page) => page.calls)), {
        type: search?.type,
        modality: search?.modality,
      }),
    [pages, search?.type, search?.modality],
  );
  const read = pages?.reduce((sum, page) => sum + page.calls.length, 0) ?? 0;
  const unreadable = pages?.reduce((sum, page) => sum + page.unreadable, 0) ?? 0;
  return { ...query, calls, read, unreadable, first: pages?.[0] };
}

/**
 * The verdict of every call in a list, asked for together (50 a request, the server reading at most 24
 * records at once): the summary above the results counts them all, not only the rows on screen.
 */
export function useCallSummaries(callIds: readonly string[]) {
  return useQueries({
    queries: callIds.map((callId) => ({
      queryKey: ["call-summary", callId],
      queryFn: () => fetchSummary(callId),
      retry: retryThrottled,
      retryDelay: afterRetryAfter,
      staleTime: 10 * 60_000,
      refetchOnWindowFocus: false,
    })),
  });
}

/** Every page of a phone log for a window, narrowed as asked. */
export function usePhoneLogSearch(search: PhoneLogSearch | null) {
  const query = usePagedSearch<PhoneLogPage>(
    ["phone-log-search", search],
    search && phoneLogApiPath(search),
    (cursor) => `/api/phone-logs?kind=${search?.kind ?? "pstn"}&cursor=${encodeURIComponent(cursor)}`,
  );
  const pages = query.data?.pages;
  const records = useMemo(
    () =>
      (pages ?? [])
        .flatMap((page) => page.records)
        .sort(
          (a, b) =>
            Date.parse(b.startDateTime ?? b.inviteDateTime ?? "") -
            Date.parse(a.startDateTime ?? a.inviteDateTime ?? ""),
        ),
    [pages],
  );
  const scanned = pages?.reduce((sum, page) => sum + page.scanned, 0) ?? 0;
  return { ...query, records, scanned, first: pages?.[0] };
}

/** The call's phone legs from the PSTN and Direct Routing logs. */
export function usePhoneLegs(callId: string, enabled: boolean) {
  return useQuery({
    queryKey: ["phone-legs", callId],
    enabled,
    queryFn: ({ signal }) => apiGet<PhoneLegsResponse>(`/api/calls/${callId}/phone-legs`, signal),
    retry: (count, error) => count < 2 && isTransient(error),
    staleTime: 2 * 60_000,
    refetchOnWindowFocus: false,
  });
}
