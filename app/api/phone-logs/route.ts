import { ApiError } from "@/lib/api/errors";
import { apiRoute, jsonResponse } from "@/lib/api/handler";
import { queryParam } from "@/lib/api/params";

/** A page of the PSTN or Direct Routing log: GET /api/phone-logs?kind=pstn|directRouting&from=…&to=…[&participant=…][&failed=1][&cursor=…] */
export const GET = apiRoute<Record<string, never>>(
  "GET /api/phone-logs",
  async ({ request, runtime, view, trace }) => {
    const params = new URL(request.url).searchParams;
    const kind = params.get("kind");
    if (kind !== "pstn" && kind !== "directRouting")
      throw new ApiError(
        400,
        "invalid_kind",
        "Say which log to read: kind=pstn (Calling Plan, Operator Connect) or kind=directRouting.",
      );
    const failed = params.get("failed");
    const json = await runtime.search.phoneLog(
      kind,
      {
        participant: queryParam(params, "participant", 320),
        from: queryParam(params, "from", 40),
        to: queryParam(params, "to", 40),
        cursor: queryParam(params, "cursor", 8192),
        failedOnly: failed === "1" || failed === "true",
      },
      view,
      trace,
    );
    return jsonResponse(json);
  },
);
