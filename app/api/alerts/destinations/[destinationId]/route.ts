import { apiRoute } from "@/lib/api/handler";

export const DELETE = apiRoute<{ destinationId: string }>(
  "DELETE /api/alerts/destinations/{destinationId}",
  async ({ params, principal, runtime }) => {
    await runtime.alerts.service.deleteDestination(principal, params.destinationId);
    return new Response(null, { status: 204 });
  },
);
