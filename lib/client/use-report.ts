"use client";
import { useQuery } from "@tanstack/react-query";
import type { ReportMeta } from "@/lib/reports/model";
import { apiGet } from "./api";
import type { CallPage } from "./call-page";
import type { ParticipantsResponse } from "./use-participants";

export type ReportPage = CallPage & { report: ReportMeta; participants: ParticipantsResponse };

/** A saved snapshot: one response, no Graph involved. */
export function useReport(reportId: string) {
  return useQuery({
    queryKey: ["report", reportId],
    queryFn: ({ signal }) => apiGet<ReportPage>(`/api/reports/${encodeURIComponent(reportId)}`, signal),
    retry: false,
    staleTime: Infinity,
    structuralSharing: false,
  });
}
