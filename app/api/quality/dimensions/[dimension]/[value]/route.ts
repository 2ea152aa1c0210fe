import { apiRoute, jsonResponse } from "@/lib/api/handler";

/** One dimension value over a window (a site, an ISP, a client version), and before/after when asked. */
export const GET = apiRoute<{ dimension: string; value: string }>(
  "GET /api/quality/dimensions/{dimension}/{value}",
  async ({ request, params, principal, runtime }) =>
    jsonResponse(
      await runtime.history.dimension(
        principal,
        params.dimension,
        params.value,
        new URL(request.url).searchParams,
      ),
    ),
);
