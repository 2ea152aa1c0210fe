import { apiRoute, jsonResponse } from "@/lib/api/handler";

export const GET = apiRoute<Record<string, never>>(
  "GET /api/sites/uncovered",
  async ({ principal, runtime }) =>
    jsonResponse(JSON.stringify({ subnets: await runtime.sites.uncovered(principal) })),
);
