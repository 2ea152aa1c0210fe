import { apiRoute, jsonResponse } from "@/lib/api/handler";
import { requireCallId } from "@/lib/api/params";

export const GET = apiRoute<{ callId: string }>(
  "GET /api/calls/{callId}/export",
  async ({ request, params, principal, runtime, trace, setCallId }) => {
    const callId = requireCallId(params.callId);
    setCallId(callId);
    const redact = new URL(request.url).searchParams.get("redact") === "1";
    const json = await runtime.reports.exportCall(principal, runtime.service.rawCall(callId, trace), redact);
    return jsonResponse(json, 200, {
      "Content-Disposition": `attachment; filename="callscope-${callId}${redact ? "-redacted" : ""}.json"`,
    });
  },
);
