import { apiRoute, jsonResponse } from "@/lib/api/handler";

/** "Send a test": queues a test message; its delivery shows in GET /api/alerts/deliveries. */
export const POST = apiRoute<{ destinationId: string }>(
  "POST /api/alerts/destinations/{destinationId}/test",
  async ({ params, principal, runtime }) =>
    jsonResponse(JSON.stringify(await runtime.alerts.service.test(principal, params.destinationId)), 202),
);
