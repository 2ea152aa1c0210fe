import { apiRoute } from "@/lib/api/handler";
import { largeJsonResponse } from "@/lib/api/large-json";
import { requireCallId } from "@/lib/api/params";

export const GET = apiRoute<{ callId: string }>(
  "GET /api/calls/{callId}/participants",
  async ({ request, params, runtime, view, trace, setCallId }) => {
    const callId = requireCallId(params.callId);
    setCallId(callId);
    const participants = await runtime.service.participants(callId, view, trace);
    return largeJsonResponse(request, participants.json);
  },
);
