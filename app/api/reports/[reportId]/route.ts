import { apiRoute } from "@/lib/api/handler";
import { largeJsonResponse } from "@/lib/api/large-json";

export const GET = apiRoute<{ reportId: string }>(
  "GET /api/reports/{reportId}",
  async ({ request, params, principal, runtime }) =>
    largeJsonResponse(request, await runtime.reports.open(principal, params.reportId)),
);

export const DELETE = apiRoute<{ reportId: string }>(
  "DELETE /api/reports/{reportId}",
  async ({ params, principal, runtime }) => {
    await runtime.reports.remove(principal, params.reportId);
    return new Response(null, { status: 204 });
  },
);
