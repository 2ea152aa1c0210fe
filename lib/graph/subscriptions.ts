import "server-only";
import type { GraphSend } from "./client";
import { GraphFailure } from "./errors";

export interface CreatedSubscription {
  id: string;
  expiresAt: number;
}

const SAFE_ID = /^[A-Za-z0-9-]{1,100}$/;

function subscriptionPath(graphBaseUrl: string, id: string, action = ""): string {
  // IDs come back from Graph and from notifications: never let one reshape the path.
  if (!SAFE_ID.test(id)) throw new GraphFailure("malformed", "A subscription ID is not in Graph's format.");
  return `${graphBaseUrl}/v1.0/subscriptions/${id}${action}`;
}

function created(body: unknown): CreatedSubscription {
  const record = (body ?? {}) as { id?: unknown; expirationDateTime?: unknown };
  const expiresAt =
    typeof record.expirationDateTime === "string" ? Date.parse(record.expirationDateTime) : NaN;
  if (typeof record.id !== "string" || !SAFE_ID.test(record.id) || Number.isNaN(expiresAt))
    throw new GraphFailure("malformed", "Graph answered a subscription request without an ID and expiry.");
  return { id: record.id, expiresAt };
}

/** Graph's subscriptions API (see the subscription resource type and "Create subscription" pages). */
export function createSubscriptionsClient(send: GraphSend, graphBaseUrl: string) {
  return {
    async create(request: {
      resource: string;
      notificationUrl: string;
      lifecycleNotificationUrl: string;
      expiresAt: number;
      clientState: string;
    }): Promise<CreatedSubscription> {
      const result = await send("post", `${graphBaseUrl}/v1.0/subscriptions`, {
        changeType: "created,updated",
        notificationUrl: request.notificationUrl,
        lifecycleNotificationUrl: request.lifecycleNotificationUrl,
        resource: request.resource,
        expirationDateTime: new Date(request.expiresAt).toISOString(),
        clientState: request.clientState,
      });
      return created(result.body);
    },

    /** PATCH with a new expiry: renews and reauthorizes at once. */
    async renew(id: string, expiresAt: number): Promise<CreatedSubscription> {
      const result = await send("patch", subscriptionPath(graphBaseUrl, id), {
        expirationDateTime: new Date(expiresAt).toISOString(),
      });
      return created(result.body);
    },

    /** Whether Graph still holds the subscription (it can drop one without a lifecycle notification). */
    async exists(id: string): Promise<boolean> {
      try {
        await send("get", subscriptionPath(graphBaseUrl, id));
        return true;
      } catch (error) {
        if (error instanceof GraphFailure && error.kind === "not-found") return false;
        throw error;
      }
    },

    async reauthorize(id: string): Promise<void> {
      await send("post", subscriptionPath(graphBaseUrl, id, "/reauthorize"));
    },

    async remove(id: string): Promise<void> {
      await send("delete", subscriptionPath(graphBaseUrl, id));
    },
  };
}

export type SubscriptionsClient = ReturnType<typeof createSubscriptionsClient>;
