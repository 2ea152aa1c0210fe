"use client";
import { useMutation } from "@tanstack/react-query";
import { apiDownload } from "./api";

/** Downloads a call's or a report's Graph payload as JSON, with the user's token. */
export function useExportJson(target: { callId: string; reportId?: string }) {
  return useMutation({
    mutationFn: (redact: boolean) => {
      const path = target.reportId
        ? `/api/reports/${encodeURIComponent(target.reportId)}/export`
        : `/api/calls/${target.callId}/export${redact ? "?redact=1" : ""}`;
      return apiDownload(path, `callscope-${target.callId}${redact ? "-redacted" : ""}.json`);
    },
  });
}
