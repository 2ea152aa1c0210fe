import { apiRuntime } from "@/lib/api/runtime";

/**
 * Microsoft Graph posts change and lifecycle notifications here (and the validation handshake). Not behind
 * sign-in: Graph has no user token. Each notification is checked against the subscriptions' clientState.
 */
export async function POST(request: Request): Promise<Response> {
  try {
    return await apiRuntime().feed.webhook(request);
  } catch {
    return new Response(
      JSON.stringify({
        error: { code: "unavailable", message: "Notifications cannot be received right now. Retry later." },
      }),
      { status: 503, headers: { "Content-Type": "application/json; charset=utf-8", "Retry-After": "30" } },
    );
  }
}
