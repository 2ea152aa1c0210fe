import { readJsonBody } from "@/lib/api/body";
import { apiRoute, jsonResponse } from "@/lib/api/handler";

export const GET = apiRoute<Record<string, never>>(
  "GET /api/alerts/destinations",
  async ({ principal, runtime }) =>
    jsonResponse(JSON.stringify({ destinations: await runtime.alerts.service.destinations(principal) })),
);

/** `{ name, kind: "teams" | "webhook", url }` or `{ name, kind: "email", recipients: [...] }`. */
export const POST = apiRoute<Record<string, never>>(
  "POST /api/alerts/destinations",
  async ({ request, principal, runtime }) => {
    const body = await readJsonBody(request, "{ name, kind, url } or { name, kind: email, recipients }");
    return jsonResponse(JSON.stringify(await runtime.alerts.service.createDestination(principal, body)), 201);
  },
);
