import { apiRoute, jsonResponse } from "@/lib/api/handler";

export const GET = apiRoute<{ reportId: string }>(
  "GET /api/reports/{reportId}/export",
  async ({ params, principal, runtime }) => {
    const { meta, json } = await runtime.reports.exportJson(principal, params.reportId);
    return jsonResponse(json, 200, {
      "Content-Disposition": `attachment; filename="callscope-report-${meta.callId}.json"`,
    });
  },
);
