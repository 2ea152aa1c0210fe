"use client";
import { useQuery } from "@tanstack/react-query";
import type { Participant } from "@/lib/callrecords/model";
import { ApiProblem, apiGetLarge } from "./api";

/** GET /api/calls/{id}/participants: participants_v2 (every page), the legacy list, and why v2 is missing. */
export interface ParticipantsResponse {
  v2: Participant[] | null;
  legacy: Participant[];
  unavailable: string | null;
}

/** The call's people; waits out Graph's throttling by itself, since the drill-down works without them. */
export function useParticipants(callId: string, enabled = true) {
  return useQuery({
    queryKey: ["participants", callId],
    queryFn: ({ signal }) => apiGetLarge<ParticipantsResponse>(`/api/calls/${callId}/participants`, signal),
    enabled,
    retry: (count, error) =>
      count < 3 && error instanceof ApiProblem && [0, 429, 502, 503, 504].includes(error.status),
    retryDelay: (count, error) =>
      error instanceof ApiProblem && error.retryAfterSeconds
        ? error.retryAfterSeconds * 1000
        : 2000 * 2 ** count,
    staleTime: 5 * 60_000,
    refetchOnWindowFocus: false,
  });
}
