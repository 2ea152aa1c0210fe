"use client";
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo } from "react";
import type { SiteOf } from "@/lib/callrecords/compare";
import type { Site } from "@/lib/sites/building-file";
import { placeFinder, type PlaceOf } from "@/lib/sites/match";
import { siteOfFor } from "./site-of";
import { apiGet, apiPutText } from "./api";

export interface SiteListResponse {
  sites: Site[];
  uploadedAt: number;
  uploadedBy: string;
  /** How far the stored history has been brought in line with this file (lib/history/sites-apply.ts). */
  history: {
    uploadedAt: number;
    daysTotal: number;
    daysDone: number;
    finishedAt: number | null;
  } | null;
}

/** Whether the history is still being brought in line with the current file. */
export const applyingSites = (list: SiteListResponse | undefined) =>
  Boolean(list?.history && list.history.finishedAt === null);

export const siteQueries = {
  list: () =>
    queryOptions({
      queryKey: ["sites"],
      queryFn: ({ signal }) => apiGet<SiteListResponse>("/api/sites", signal),
      staleTime: 5 * 60_000,
      // While an upload is being re-applied to past calls, the page follows its progress.
      refetchInterval: (query) => (applyingSites(query.state.data) ? 2_000 : false),
    }),
};

export const useSites = () => useQuery(siteQueries.list());

export interface UncoveredSubnet {
  subnet: string;
  lastSeen: number;
  lastCallId: string;
}

/** Subnets seen in calls that no site covers (Investigators only: they are addresses). */
export const useUncoveredSubnets = (enabled: boolean) =>
  useQuery({
    queryKey: ["sites", "uncovered"],
    queryFn: ({ signal }) => apiGet<{ subnets: UncoveredSubnet[] }>("/api/sites/uncovered", signal),
    enabled,
  });

/** Replaces the tenant's building data with a CQD building file. */
export function useUploadSites() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (text: string) =>
      apiPutText<{ count: number }>("/api/sites", text, "text/tab-separated-values"),
    // Both the list and the uncovered subnets change with a new file.
    onSuccess: () => client.invalidateQueries({ queryKey: ["sites"] }),
  });
}

/** The site a network belongs to, by its subnet (or address), as a label; undefined until sites are uploaded. */
export function useSiteOf(): SiteOf | undefined {
  const { data } = useSites();
  return useMemo(() => siteOfFor(data?.sites), [data]);
}

/** A network's site and whether it is inside the corporate network, for exports (the history's `placeOf`). */
export function usePlaceOf(): PlaceOf | undefined {
  const { data } = useSites();
  return useMemo(() => (data && data.sites.length > 0 ? placeFinder(data.sites) : undefined), [data]);
}
