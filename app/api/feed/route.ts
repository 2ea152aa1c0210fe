import { apiRoute, jsonResponse } from "@/lib/api/handler";
import { parseInboxQuery } from "@/lib/feed/inbox";

/** The inbox: judged calls from change notifications, poor first or newest first, filtered (`?poor=1&watched=1&person=&cursor=`). */
export const GET = apiRoute<Record<string, never>>("GET /api/feed", async ({ request, runtime, view }) =>
  jsonResponse(await runtime.feed.inbox.page(parseInboxQuery(new URL(request.url).searchParams), view)),
);
