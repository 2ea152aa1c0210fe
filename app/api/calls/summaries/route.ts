import { ApiError, toApiError } from "@/lib/api/errors";
import { apiRoute, jsonResponse } from "@/lib/api/handler";
import { requireCallId } from "@/lib/api/params";

/** At most this many calls per request: a screen of search results. */
const MAX_IDS = 50;

/**
 * Verdicts of several calls at once, each read as `/api/calls/{id}/summary` reads it: a screen of
 * search results in one request, so the browser's few connections do not queue them. A call that
 * fails gets its own error; the others are still answered.
 */
export const GET = apiRoute<Record<string, never>>(
  "GET /api/calls/summaries",
  async ({ request, runtime, trace, view }) => {
    const raw = new URL(request.url).searchParams.get("ids") ?? "";
    const ids = [...new Set(raw.split(",").filter(Boolean))];
    if (ids.length === 0 || ids.length > MAX_IDS)
      throw new ApiError(400, "invalid_parameter", `Give 1 to ${MAX_IDS} call IDs, comma-separated, in ids.`);
    const checked = ids.map((id) => requireCallId(id));
    const entries = await Promise.all(
      checked.map(async (id) => {
        try {
          return `${JSON.stringify(id)}:${await runtime.insights.summary(id, view, trace)}`;
        } catch (error) {
          const problem = toApiError(error, id);
          return `${JSON.stringify(id)}:${JSON.stringify({
            error: {
              status: problem.status,
              code: problem.code,
              message: problem.message,
              ...(problem.extra.retryAfterSeconds !== undefined
                ? { retryAfterSeconds: problem.extra.retryAfterSeconds }
                : {}),
            },
          })}`;
        }
      }),
    );
    return jsonResponse(`{"summaries":{${entries.join(",")}}}`);
  },
);
