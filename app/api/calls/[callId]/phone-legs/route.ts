import { apiRoute, jsonResponse } from "@/lib/api/handler";
import { requireCallId } from "@/lib/api/params";

/** The PSTN and Direct Routing log rows that are this call's phone legs. */
export const GET = apiRoute<{ callId: string }>(
  "GET /api/calls/{callId}/phone-legs",
  async ({ params, runtime, view, trace, setCallId }) => {
    const callId = requireCallId(params.callId);
    setCallId(callId);
    return jsonResponse(await runtime.insights.phoneLegs(callId, view, trace));
  },
);
