import { apiRoute, jsonResponse } from "@/lib/api/handler";

/** The tenant's quality over a window (`from`, `to` as YYYY-MM-DD; `media`): no personal values, any role. */
export const GET = apiRoute<Record<string, never>>(
  "GET /api/quality/overview",
  async ({ request, principal, runtime }) =>
    jsonResponse(await runtime.history.overview(principal, new URL(request.url).searchParams)),
);
