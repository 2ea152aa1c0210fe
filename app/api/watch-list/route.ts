import { readJsonBody } from "@/lib/api/body";
import { apiRoute, jsonResponse } from "@/lib/api/handler";

export const GET = apiRoute<Record<string, never>>("GET /api/watch-list", async ({ principal, runtime }) =>
  jsonResponse(JSON.stringify({ people: await runtime.feed.inbox.watchList(principal) })),
);

/** Adds a person or room by object ID or sign-in name (`{ person, label? }`). */
export const POST = apiRoute<Record<string, never>>(
  "POST /api/watch-list",
  async ({ request, principal, runtime }) => {
    const body = await readJsonBody(request, "{ person, label? }");
    return jsonResponse(JSON.stringify({ people: await runtime.feed.inbox.watch(principal, body) }), 201);
  },
);
