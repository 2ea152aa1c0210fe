import { apiRuntime } from "@/lib/api/runtime";
import { webhookProblem } from "@/lib/feed/webhook";

/**
 * Microsoft Graph posts a subscription's change and lifecycle notifications (and the validation handshake)
 * to `/api/notifications/{secret}`, the URL callscope gave that subscription. Not behind sign-in, and not
 * behind proxy.ts's body buffering: the webhook refuses an unknown secret before reading the body.
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
