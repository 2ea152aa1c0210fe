import { apiRoute, jsonResponse } from "@/lib/api/handler";

export const DELETE = apiRoute<{ personId: string }>(
  "DELETE /api/watch-list/{personId}",
  async ({ params, principal, runtime }) =>
    jsonResponse(JSON.stringify({ people: await runtime.feed.inbox.unwatch(principal, params.personId) })),
);
