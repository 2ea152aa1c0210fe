import { MAX_BUILDING_FILE_BYTES, readTextBody } from "@/lib/api/body";
import { apiRoute, jsonResponse } from "@/lib/api/handler";

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
