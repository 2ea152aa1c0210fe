import { apiRoute, jsonResponse } from "@/lib/api/handler";

/** The delivery log, newest first: when, rule, destination, status, attempts, last error. */
export const GET = apiRoute<Record<string, never>>(
  "GET /api/alerts/deliveries",
  async ({ principal, runtime }) =>
    jsonResponse(JSON.stringify({ deliveries: await runtime.alerts.service.deliveries(principal) })),
);
