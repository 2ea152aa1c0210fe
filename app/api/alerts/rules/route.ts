import { readJsonBody } from "@/lib/api/body";
import { apiRoute, jsonResponse } from "@/lib/api/handler";

export const GET = apiRoute<Record<string, never>>("GET /api/alerts/rules", async ({ principal, runtime }) =>
  jsonResponse(JSON.stringify({ rules: await runtime.alerts.service.rules(principal) })),
);

/** A new rule: `{ name, spec: { kind, … }, destinationIds, cooldownMinutes?, digest?, quietHours?, enabled? }`. */
export const POST = apiRoute<Record<string, never>>(
  "POST /api/alerts/rules",
  async ({ request, principal, runtime }) => {
    const body = await readJsonBody(request, "{ name, spec, destinationIds, … }");
    return jsonResponse(
      JSON.stringify({ rule: await runtime.alerts.service.createRule(principal, body) }),
      201,
    );
  },
);
