import { apiRoute, jsonResponse } from "@/lib/api/handler";

/** The demo only: what its Teams-channel stand-in and mailbox received. */
export const GET = apiRoute<Record<string, never>>(
  "GET /api/alerts/demo-messages",
  async ({ principal, runtime }) =>
    jsonResponse(JSON.stringify(await runtime.alerts.service.demoMessages(principal))),
);
