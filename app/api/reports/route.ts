import { readJsonBody } from "@/lib/api/body";
import { apiRoute, jsonResponse } from "@/lib/api/handler";

export const GET = apiRoute<Record<string, never>>("GET /api/reports", async ({ principal, runtime }) =>
  jsonResponse(JSON.stringify({ reports: await runtime.reports.list(principal) })),
);

export const POST = apiRoute<Record<string, never>>(
  "POST /api/reports",
  async ({ request, principal, runtime, trace, setCallId }) => {
    const body = await readJsonBody(request, "{ callId, title?, note?, redact?, expiresInDays? }");
    if (body && typeof body === "object" && typeof (body as { callId?: unknown }).callId === "string")
      setCallId((body as { callId: string }).callId);
    const report = await runtime.reports.create(principal, body, (callId) =>
      runtime.service.rawCall(callId, trace),
    );
    return jsonResponse(JSON.stringify({ report, url: `/reports/${report.id}` }), 201, {
      Location: `/reports/${report.id}`,
    });
  },
);
