import { apiRoute, jsonResponse } from "@/lib/api/handler";

/** Sends a failed or unsure delivery again (a person decides: an unsure one may have arrived). */
export const POST = apiRoute<{ deliveryId: string }>(
  "POST /api/alerts/deliveries/{deliveryId}/resend",
  async ({ params, principal, runtime }) => {
    await runtime.alerts.service.resend(principal, params.deliveryId);
    return jsonResponse(JSON.stringify({ queued: true }), 202);
  },
);
