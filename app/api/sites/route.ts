import { readTextBody } from "@/lib/api/body";
import { apiRoute, jsonResponse } from "@/lib/api/handler";

/** 50,000 lines of a CQD building file fit well inside this. */
const MAX_BUILDING_FILE_BYTES = 4 * 1024 * 1024;

export const GET = apiRoute<Record<string, never>>("GET /api/sites", async ({ principal, runtime }) =>
  jsonResponse(JSON.stringify(await runtime.sites.list(principal))),
);

export const PUT = apiRoute<Record<string, never>>(
  "PUT /api/sites",
  async ({ request, principal, runtime }) => {
    const text = await readTextBody(
      request,
      ["text/tab-separated-values", "text/csv", "text/plain"],
      "a CQD building data file, 15 columns, no header row",
      MAX_BUILDING_FILE_BYTES,
    );
    const list = await runtime.sites.upload(principal, text);
    return jsonResponse(
      JSON.stringify({ count: list.sites.length, uploadedAt: list.uploadedAt, uploadedBy: list.uploadedBy }),
    );
  },
);
