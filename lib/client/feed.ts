"use client";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { InboxPage } from "@/lib/feed/describe";
import type { WatchedPerson } from "@/lib/feed/model";
import { apiDelete, apiGet, apiPost } from "./api";
import { inboxParams, type InboxFilters } from "./inbox-state";

/** How often the inbox asks for new calls while it is on screen. */
export const INBOX_REFRESH_MS = 5_000;

export function inboxPath(filters: InboxFilters, cursor: string | null): string {
  const params = inboxParams(filters);
  if (cursor) params.set("cursor", cursor);
  const query = params.toString();
  return `/api/feed${query ? `?${query}` : ""}`;
}

/** The inbox, polled while the tab is visible (React Query pauses in the background). */
export function useInbox(filters: InboxFilters) {
  return useInfiniteQuery({
    queryKey: ["feed", filters],
    queryFn: ({ pageParam, signal }) => apiGet<InboxPage>(inboxPath(filters, pageParam), signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: INBOX_REFRESH_MS,
  });
}

export function useWatchList(enabled: boolean) {
  return useQuery({
    queryKey: ["watch-list"],
    queryFn: ({ signal }) => apiGet<{ people: WatchedPerson[] }>("/api/watch-list", signal),
    enabled,
  });
}

export function useWatchListChange() {
  const client = useQueryClient();
  const settle = (data: { people: WatchedPerson[] }) => {
    client.setQueryData(["watch-list"], data);
    void client.invalidateQueries({ queryKey: ["feed"] });
  };
  return {
    add: useMutation({
      mutationFn: (input: { person: string; label?: string }) =>
        apiPost<{ people: WatchedPerson[] }>("/api/watch-list", input),
      onSuccess: settle,
    }),
    remove: useMutation({
      mutationFn: async (personId: string) => {
        await apiDelete(`/api/watch-list/${encodeURIComponent(personId)}`);
        return apiGet<{ people: WatchedPerson[] }>("/api/watch-list");
      },
      onSuccess: settle,
    }),
  };
}
