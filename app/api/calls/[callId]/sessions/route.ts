import { ApiError } from "@/lib/api/errors";
import { apiRoute } from "@/lib/api/handler";
import { largeJsonResponse } from "@/lib/api/large-json";
import { requireCallId } from "@/lib/api/params";

export const GET = apiRoute<{ callId: string }>(
  "GET /api/calls/{callId}/sessions",
  async ({ request, params, runtime, view, trace, setCallId }) => {
    const callId = requireCallId(params.callId);
    setCallId(callId);
    const cursor = new URL(request.url).searchParams.get("cursor");
    if (!cursor)
      throw new ApiError(
        400,
        "invalid_cursor",
        "The cursor parameter is missing: use the nextCursor from the previous response (GET /api/calls/{callId} gives the first).",
      );
    const page = await runtime.service.sessionsPage(callId, cursor, view, trace);
    return largeJsonResponse(request, page.json);
  },
);
