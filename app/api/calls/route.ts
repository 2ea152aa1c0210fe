import { apiRoute, jsonResponse } from "@/lib/api/handler";
import { queryParam } from "@/lib/api/params";

/** A person's calls in a time window, a page at a time: GET /api/calls?participant=…&from=…&to=…[&cursor=…] */
export const GET = apiRoute<Record<string, never>>(
  "GET /api/calls",
  async ({ request, runtime, view, trace }) => {
    const params = new URL(request.url).searchParams;
    const json = await runtime.search.calls(
      {
        participant: queryParam(params, "participant", 320),
        from: queryParam(params, "from", 40),
        to: queryParam(params, "to", 40),
        cursor: queryParam(params, "cursor", 8192),
      },
      view,
      trace,
    );
    return jsonResponse(json);
  },
);
