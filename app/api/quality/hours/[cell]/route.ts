import { apiRoute, jsonResponse } from "@/lib/api/handler";

/** A heatmap cell's calls (`3-14`: Wednesday 14:00 UTC) over a window. */
export const GET = apiRoute<{ cell: string }>(
  "GET /api/quality/hours/{cell}",
  async ({ request, params, principal, runtime }) =>
    jsonResponse(await runtime.history.hourCalls(principal, params.cell, new URL(request.url).searchParams)),
);
