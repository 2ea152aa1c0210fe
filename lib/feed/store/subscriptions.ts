import "server-only";
import { sql } from "kysely";
import type { Db } from "@/lib/db/open";
import type { FeedSubscription, LifecycleEvent } from "../model";

/** The subscriptions callscope holds at Graph, the secrets of replaced ones, and Graph's lifecycle events. */
export function subscriptionsTable(db: Db) {
  return {
    async subscriptions(tenantId: string): Promise<FeedSubscription[]> {
      const q = await db.ready();
      const rows = await q
        .selectFrom("feed_subscriptions")
        .select(["id", "resource", "client_state", "expires_at", "created_at"])
        .where("tenant_id", "=", tenantId)
        .execute();
      return rows.map((row) => ({
        id: row.id,
        resource: row.resource,
        clientState: row.client_state,
        expiresAt: row.expires_at,
        createdAt: row.created_at,
      }));
    },

    async saveSubscription(tenantId: string, subscription: FeedSubscription): Promise<void> {
      const q = await db.ready();
      await q
        .insertInto("feed_subscriptions")
        .values({
          id: subscription.id,
          tenant_id: tenantId,
          resource: subscription.resource,
          client_state: subscription.clientState,
          expires_at: subscription.expiresAt,
          created_at: subscription.createdAt,
        })
        .onConflict((conflict) =>
          conflict.column("id").doUpdateSet((eb) => ({ expires_at: eb.ref("excluded.expires_at") })),
        )
        .execute();
    },

    async removeSubscription(id: string): Promise<void> {
      const q = await db.ready();
      await q.deleteFrom("feed_subscriptions").where("id", "=", id).execute();
    },

    /** Keeps a replaced subscription's secret accepted until `until`; forgets those past theirs. */
    async retire(
      tenantId: string,
      subscription: FeedSubscription,
      now: number,
      until: number,
    ): Promise<void> {
      const q = await db.ready();
      await q.transaction().execute(async (tx) => {
        await tx
          .insertInto("feed_retired")
          .values({
            id: subscription.id,
            tenant_id: tenantId,
            client_state: subscription.clientState,
            until_at: until,
          })
          .onConflict((conflict) =>
            conflict.column("id").doUpdateSet((eb) => ({ until_at: eb.ref("excluded.until_at") })),
          )
          .execute();
        await tx
          .deleteFrom("feed_retired")
          .where("tenant_id", "=", tenantId)
          .where("until_at", "<", now)
          .execute();
      });
    },

    /** Replaced subscriptions whose secret is still accepted at `now`. */
    async retired(
      tenantId: string,
      now: number,
    ): Promise<{ id: string; clientState: string; until: number }[]> {
      const q = await db.ready();
      const rows = await q
        .selectFrom("feed_retired")
        .select(["id", "client_state", "until_at"])
        .where("tenant_id", "=", tenantId)
        .where("until_at", ">=", now)
        .execute();
      return rows.map((row) => ({ id: row.id, clientState: row.client_state, until: row.until_at }));
    },

    async addLifecycle(
      tenantId: string,
      events: { id: string; subscriptionId: string; event: LifecycleEvent }[],
      now: number,
    ): Promise<void> {
      const q = await db.ready();
      await q.transaction().execute(async (tx) => {
        // One pending event per subscription and kind: copies (Graph's retries, a forged thousand) add nothing.
        for (const event of events)
          await tx
            .insertInto("feed_events")
            .columns(["id", "tenant_id", "subscription_id", "event", "received_at"])
            .expression(
              tx
                .selectNoFrom((eb) => [
                  eb.val(event.id).as("id"),
                  eb.val(tenantId).as("tenant_id"),
                  eb.val(event.subscriptionId).as("subscription_id"),
                  eb.val(event.event).as("event"),
                  // PostgreSQL types an untyped parameter in a SELECT list as text.
                  sql<number>`CAST(${now} AS BIGINT)`.as("received_at"),
                ])
                .where(({ not, exists, selectFrom }) =>
                  not(
                    exists(
                      selectFrom("feed_events")
                        .select("id")
                        .where("tenant_id", "=", tenantId)
                        .where("subscription_id", "=", event.subscriptionId)
                        .where("event", "=", event.event)
                        .where("handled_at", "is", null),
                    ),
                  ),
                ),
            )
            .execute();
      });
    },

    async pendingLifecycle(
      tenantId: string,
    ): Promise<{ id: string; subscriptionId: string; event: LifecycleEvent; receivedAt: number }[]> {
      const q = await db.ready();
      const rows = await q
        .selectFrom("feed_events")
        .select(["id", "subscription_id", "event", "received_at"])
        .where("tenant_id", "=", tenantId)
        .where("handled_at", "is", null)
        .orderBy("received_at")
        .orderBy("id")
        .execute();
      return rows.map((row) => ({
        id: row.id,
        subscriptionId: row.subscription_id,
        event: row.event as LifecycleEvent,
        receivedAt: row.received_at,
      }));
    },

    async markHandled(id: string, now: number): Promise<void> {
      const q = await db.ready();
      await q.updateTable("feed_events").set({ handled_at: now }).where("id", "=", id).execute();
    },
  };
}
