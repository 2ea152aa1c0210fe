import { apiRoute, jsonResponse } from "@/lib/api/handler";
import { requireCallId } from "@/lib/api/params";

export const GET = apiRoute<{ callId: string }>(
  "GET /api/calls/{callId}",
  async ({ params, runtime, view, trace, setCallId }) => {
    const callId = requireCallId(params.callId);
    setCallId(callId);
    const page = await runtime.service.openCall(callId, view, trace);
    return jsonResponse(page.json);
  },
);
