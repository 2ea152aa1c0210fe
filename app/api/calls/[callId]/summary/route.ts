import { apiRoute, jsonResponse } from "@/lib/api/handler";
import { requireCallId } from "@/lib/api/params";

/** A call's verdict and worst metric, for a row of search results. */
export const GET = apiRoute<{ callId: string }>(
  "GET /api/calls/{callId}/summary",
  async ({ params, runtime, trace, setCallId, view }) => {
    const callId = requireCallId(params.callId);
    setCallId(callId);
    return jsonResponse(await runtime.insights.summary(callId, view, trace));
  },
);
