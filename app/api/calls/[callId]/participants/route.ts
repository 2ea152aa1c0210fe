import { apiRoute, jsonResponse } from "@/lib/api/handler";
import { requireCallId } from "@/lib/api/params";

export const GET = apiRoute<{ callId: string }>(
  "GET /api/calls/{callId}/participants",
  async ({ params, runtime, view, trace, setCallId }) => {
    const callId = requireCallId(params.callId);
    setCallId(callId);
    const participants = await runtime.service.participants(callId, view, trace);
    return jsonResponse(participants.json);
  },
);
