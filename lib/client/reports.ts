"use client";
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ReportMeta } from "@/lib/reports/model";
import { apiDelete, apiGet, apiGetLarge, apiPost } from "./api";
import type { CallPage } from "./call-page";
import type { ParticipantsResponse } from "./use-participants";

export type ReportPage = CallPage & { report: ReportMeta; participants: ParticipantsResponse };

export interface CreateReportInput {
  callId: string;
  title: string;
  note: string;
  redact: boolean;
  /** In a redacted report: the creator says the title and note name no one (else the server leaves them out). */
  textHasNoPersonalData: boolean;
  /** null: kept until someone deletes it. */
  expiresInDays: number | null;
}

export const reportQueries = {
  /** The reports this person may list (an Investigator: the tenant's). */
  list: () =>
    queryOptions({
      queryKey: ["reports"],
      queryFn: ({ signal }) => apiGet<{ reports: ReportMeta[] }>("/api/reports", signal),
    }),
  /** A saved snapshot: one response, no Graph involved. */
  one: (reportId: string) =>
    queryOptions({
      queryKey: ["report", reportId],
      queryFn: ({ signal }) =>
        apiGetLarge<ReportPage>(`/api/reports/${encodeURIComponent(reportId)}`, signal),
      retry: false,
      staleTime: Infinity,
      structuralSharing: false,
    }),
};

export const useReports = () => useQuery(reportQueries.list());

export const useReport = (reportId: string) => useQuery(reportQueries.one(reportId));

export function useCreateReport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (input: CreateReportInput) =>
      (await apiPost<{ report: ReportMeta }>("/api/reports", input)).report,
    onSuccess: () => client.invalidateQueries({ queryKey: reportQueries.list().queryKey }),
  });
}

export function useDeleteReport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (reportId: string) => apiDelete(`/api/reports/${encodeURIComponent(reportId)}`),
    onSuccess: () => client.invalidateQueries({ queryKey: reportQueries.list().queryKey }),
  });
}
