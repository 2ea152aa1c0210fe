"use client";
import { keepPreviousData, queryOptions, useMutation, useQuery } from "@tanstack/react-query";
import type { Overview, Status, StatusBands, Tally } from "@/lib/history/overview";
import { apiDownload, apiGet } from "./api";

/** The overview's window and media, in the page's URL (a link reopens the same view). */
export interface QualityFilters {
  from: string | null;
  to: string | null;
  media: string | null;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MEDIA = new Set(["audio", "video", "screenSharing"]);

/** Reads the page's parameters; anything malformed falls back to the default (the last 30 days, every media). */
export function qualityFromParams(params: URLSearchParams): QualityFilters {
  const day = (name: string) => {
    const value = params.get(name);
    return value && DAY.test(value) ? value : null;
  };
  const media = params.get("media");
  return { from: day("from"), to: day("to"), media: media && MEDIA.has(media) ? media : null };
}

export function qualityParams(filters: QualityFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.from) params.set("from", filters.from);
  if (filters.to) params.set("to", filters.to);
  if (filters.media) params.set("media", filters.media);
  return params;
}

export interface OverviewResponse extends Overview {
  from: string;
  to: string;
  calls: number;
  people: number;
  bands: StatusBands;
  keptDays: number;
  demo: boolean;
  /** The first start's backfill of Graph's last 30 days, while it runs. */
  backfill: { through: string; problem: string | null } | null;
  empty: boolean;
  emptyReason: string | null;
  media: (Overview["media"][number] & { status: Status })[];
}

export const qualityQueries = {
  overview: (filters: QualityFilters) =>
    queryOptions({
      queryKey: ["quality", "overview", filters],
      queryFn: ({ signal }) =>
        apiGet<OverviewResponse>(`/api/quality/overview?${qualityParams(filters).toString()}`, signal),
      placeholderData: keepPreviousData,
      staleTime: 60_000,
    }),
};

export const useQualityOverview = (filters: QualityFilters) => useQuery(qualityQueries.overview(filters));

/** Downloads the window's stream facts (CSV or Parquet) with the user's token. */
export function useQualityExport(filters: QualityFilters) {
  return useMutation({
    mutationFn: (format: "csv" | "parquet") => {
      const params = qualityParams({ ...filters, media: null });
      return apiDownload(
        `/api/quality/streams.${format}?${params.toString()}`,
        `callscope-streams-${filters.from ?? "last-30-days"}${filters.to ? `-to-${filters.to}` : ""}.${format}`,
      );
    },
  });
}

export interface DimensionResponse {
  dimension: string;
  label: string;
  value: string;
  shown: string;
  from: string;
  to: string;
  days: { day: string; streams: number; poor: number; tenantStreams: number; tenantPoor: number }[];
  /** The window's streams and poor share with its 95 % interval; the tenant's beside it. */
  window: Tally;
  tenant: Tally;
  calls: {
    callId: string;
    startDateTime: string;
    startAt: number;
    streams: number;
    poor: number;
    callType: string | null;
    /** Graph still has the record (30 days). */
    inGraph: boolean;
  }[];
  periods: {
    before: { from: string; to: string; streams: number; poor: number; share: number | null };
    after: { from: string; to: string; streams: number; poor: number; share: number | null };
    change: number | null;
    z: number | null;
    verdict: "worse" | "better" | "no-change" | "not-enough";
  } | null;
  keptDays: number;
}

export interface PersonResponse {
  objectId: string;
  from: string;
  to: string;
  name: string | null;
  calls: {
    callId: string;
    startDateTime: string;
    startAt: number;
    streams: number;
    sentPoor: number;
    receivedPoor: number;
    inGraph: boolean;
  }[];
  callCount: number;
  days: { day: string; streams: number; poor: number }[];
  sent: { streams: number; poor: number };
  received: { streams: number; poor: number };
  shared: { dimension: string; label: string; value: string; shown: string; count: number; of: number }[];
  partners: { person: string; name: string | null; poorStreams: number }[];
  personalDays: number;
}

export const useDimension = (dimension: string, value: string, params: URLSearchParams) =>
  useQuery(
    queryOptions({
      queryKey: ["quality", "dimension", dimension, value, params.toString()],
      queryFn: ({ signal }) =>
        apiGet<DimensionResponse>(
          `/api/quality/dimensions/${encodeURIComponent(dimension)}/${encodeURIComponent(value)}?${params.toString()}`,
          signal,
        ),
      placeholderData: keepPreviousData,
    }),
  );

export const usePersonHistory = (objectId: string, params: URLSearchParams) =>
  useQuery(
    queryOptions({
      queryKey: ["quality", "person", objectId, params.toString()],
      queryFn: ({ signal }) =>
        apiGet<PersonResponse>(
          `/api/quality/people/${encodeURIComponent(objectId)}?${params.toString()}`,
          signal,
        ),
      placeholderData: keepPreviousData,
    }),
  );

/** The page of a dimension value. */
export const dimensionHref = (dimension: string, value: string) =>
  `/quality/${encodeURIComponent(dimension)}/${encodeURIComponent(value)}`;

export interface HourResponse {
  weekday: number;
  hour: number;
  from: string;
  to: string;
  calls: { callId: string; startAt: number; streams: number; poor: number; inGraph: boolean }[];
}

export const useHourCalls = (cell: string, params: URLSearchParams) =>
  useQuery(
    queryOptions({
      queryKey: ["quality", "hour", cell, params.toString()],
      queryFn: ({ signal }) =>
        apiGet<HourResponse>(`/api/quality/hours/${encodeURIComponent(cell)}?${params.toString()}`, signal),
    }),
  );
