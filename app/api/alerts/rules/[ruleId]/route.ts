import { readJsonBody } from "@/lib/api/body";
import { apiRoute, jsonResponse } from "@/lib/api/handler";

/** Changes some of a rule's fields (enable, snooze with `snoozedUntil`, destinations…). */
export const PATCH = apiRoute<{ ruleId: string }>(
  "PATCH /api/alerts/rules/{ruleId}",
  async ({ request, params, principal, runtime }) => {
    const body = await readJsonBody(request, "the rule's fields to change");
    return jsonResponse(
      JSON.stringify({ rule: await runtime.alerts.service.updateRule(principal, params.ruleId, body) }),
    );
  },
);

export const DELETE = apiRoute<{ ruleId: string }>(
  "DELETE /api/alerts/rules/{ruleId}",
  async ({ params, principal, runtime }) => {
    await runtime.alerts.service.deleteRule(principal, params.ruleId);
    return new Response(null, { status: 204 });
  },
);
