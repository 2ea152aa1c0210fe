import { apiRoute } from "@/lib/api/handler";
import { largeJsonResponse } from "@/lib/api/large-json";
import { requireCallId } from "@/lib/api/params";
import { newTrace } from "@/lib/api/trace";
import { FULL_VIEW } from "@/lib/callrecords/view";

export const GET = apiRoute<{ callId: string }>(
  "GET /api/calls/{callId}",
  async ({ request, params, runtime, view, trace, setCallId }) => {
    const callId = requireCallId(params.callId);
    setCallId(callId);
    const page = await runtime.service.openCall(callId, view, trace);
    // The quality history keeps the calls people open: judged in the background from the same cached pages.
    void runtime.insights.summary(callId, FULL_VIEW, newTrace()).catch(() => undefined);
    return largeJsonResponse(request, page.json);
  },
);
