"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { AlertRule, DeliveryView, DestinationView, RuleSettings, RuleSpec } from "@/lib/alerts/model";
import { apiDelete, apiGet, apiPatch, apiPost } from "./api";

export type RuleView = AlertRule & { problems: string[] };
export type RuleDraft = RuleSettings & { spec: RuleSpec };

export interface DemoMessages {
  teams: {
    channel: string;
    at: string;
    card: { body?: { type: string; text?: string; items?: unknown[] }[] };
  }[];
  email: { at: string; to: string[]; subject: string; text: string }[];
}

const KEY = ["alerts"] as const;

export const useAlertRules = () =>
  useQuery({
    queryKey: [...KEY, "rules"],
    queryFn: ({ signal }) => apiGet<{ rules: RuleView[] }>("/api/alerts/rules", signal),
  });

export const useDestinations = () =>
  useQuery({
    queryKey: [...KEY, "destinations"],
    queryFn: ({ signal }) => apiGet<{ destinations: DestinationView[] }>("/api/alerts/destinations", signal),
  });

/** The delivery log, kept fresh while the page is open (a test is sent within seconds). */
export const useDeliveries = () =>
  useQuery({
    queryKey: [...KEY, "deliveries"],
    queryFn: ({ signal }) => apiGet<{ deliveries: DeliveryView[] }>("/api/alerts/deliveries", signal),
    refetchInterval: 3_000,
  });

export const useDemoMessages = (enabled: boolean) =>
  useQuery({
    queryKey: [...KEY, "demo-messages"],
    queryFn: ({ signal }) => apiGet<DemoMessages>("/api/alerts/demo-messages", signal),
    refetchInterval: 5_000,
    enabled,
  });

/** Every change to alerts refreshes what the page shows of them. */
function useAlertMutation<I, O>(run: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: run, onSuccess: () => client.invalidateQueries({ queryKey: KEY }) });
}

export const useCreateRule = () =>
  useAlertMutation((draft: RuleDraft) => apiPost<{ rule: AlertRule }>("/api/alerts/rules", draft));
export const usePatchRule = () =>
  useAlertMutation(({ id, patch }: { id: string; patch: Partial<RuleDraft> }) =>
    apiPatch<{ rule: AlertRule }>(`/api/alerts/rules/${encodeURIComponent(id)}`, patch),
  );
export const useDeleteRule = () =>
  useAlertMutation((id: string) => apiDelete(`/api/alerts/rules/${encodeURIComponent(id)}`));
export const usePreviewRule = () =>
  useMutation({
    mutationFn: (draft: RuleDraft) =>
      apiPost<{ fired: number; at: number[]; basis: string }>("/api/alerts/rules/preview", draft),
  });
export const useCreateDestination = () =>
  useAlertMutation((input: { name: string; kind: string; url?: string; recipients?: string[] }) =>
    apiPost<{ destination: DestinationView; signingSecret: string | null }>(
      "/api/alerts/destinations",
      input,
    ),
  );
export const useDeleteDestination = () =>
  useAlertMutation((id: string) => apiDelete(`/api/alerts/destinations/${encodeURIComponent(id)}`));
export const useTestDestination = () =>
  useAlertMutation((id: string) =>
    apiPost<{ deliveryId: string }>(`/api/alerts/destinations/${encodeURIComponent(id)}/test`, {}),
  );
export const useResend = () =>
  useAlertMutation((id: string) =>
    apiPost<{ queued: boolean }>(`/api/alerts/deliveries/${encodeURIComponent(id)}/resend`, {}),
  );
