import { readJsonBody } from "@/lib/api/body";
import { apiRoute, jsonResponse } from "@/lib/api/handler";

/** How often a rule (the same body as POST /api/alerts/rules) would have fired in the last 7 days. */
export const POST = apiRoute<Record<string, never>>(
  "POST /api/alerts/rules/preview",
  async ({ request, principal, runtime }) => {
    const body = await readJsonBody(request, "a rule, as for POST /api/alerts/rules");
    return jsonResponse(JSON.stringify(await runtime.alerts.service.preview(principal, body)));
  },
);
