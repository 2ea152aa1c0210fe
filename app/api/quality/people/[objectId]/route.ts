import { ApiError } from "@/lib/api/errors";
import { apiRoute, jsonResponse } from "@/lib/api/handler";
import { isGuid } from "@/lib/format/guid";

/** One person's call history beyond Graph's 30 days (Investigators). */
export const GET = apiRoute<{ objectId: string }>(
  "GET /api/quality/people/{objectId}",
  async ({ request, params, principal, runtime }) => {
    if (!isGuid(params.objectId))
      throw new ApiError(400, "invalid_parameter", "The person must be an Entra object ID (a GUID).");
    return jsonResponse(
      await runtime.history.person(principal, params.objectId, new URL(request.url).searchParams),
    );
  },
);
