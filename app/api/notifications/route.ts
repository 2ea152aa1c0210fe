import { apiRuntime } from "@/lib/api/runtime";
import { webhookProblem } from "@/lib/feed/webhook";

/**
 * Microsoft Graph posts change and lifecycle notifications here (and the validation handshake). Not behind
 * sign-in: Graph has no user token. Each notification is checked against the subscriptions' clientState.
 */
export async function POST(request: Request): Promise<Response> {
  try {
    return await apiRuntime().feed.webhook(request);
  } catch {
    return webhookProblem(503, "unavailable", "Notifications cannot be received right now. Retry later.", {
      "Retry-After": "30",
    });
  }
}
