import "server-only";
import type { Db } from "@/lib/db/open";
import type { BackfillReport } from "../model";

export interface FeedState {
  aliveAt: number | null;
  backfillFrom: number | null;
  lastBackfill: BackfillReport | null;
  lastError: string | null;
}

/** One row per tenant: what the status line shows, and the secret earlier versions shared. */
export function stateTable(db: Db) {
  return {
    async state(tenantId: string): Promise<FeedState> {
      const q = await db.ready();
      const row = await q
        .selectFrom("feed_state")
        .select(["alive_at", "backfill_from", "last_backfill", "last_error"])
        .where("tenant_id", "=", tenantId)
        .executeTakeFirst();
      return {
        aliveAt: row?.alive_at ?? null,
        backfillFrom: row?.backfill_from ?? null,
        lastBackfill: row?.last_backfill ? (JSON.parse(row.last_backfill) as BackfillReport) : null,
        lastError: row?.last_error ?? null,
      };
    },

    async saveState(tenantId: string, state: FeedState): Promise<void> {
      const q = await db.ready();
      await q
        .insertInto("feed_state")
        .values({
          tenant_id: tenantId,
          alive_at: state.aliveAt,
          backfill_from: state.backfillFrom,
          last_backfill: state.lastBackfill ? JSON.stringify(state.lastBackfill) : null,
          last_error: state.lastError,
        })
        .onConflict((conflict) =>
          conflict.column("tenant_id").doUpdateSet((eb) => ({
            alive_at: eb.ref("excluded.alive_at"),
            backfill_from: eb.ref("excluded.backfill_from"),
            last_backfill: eb.ref("excluded.last_backfill"),
            last_error: eb.ref("excluded.last_error"),
          })),
        )
        .execute();
    },

    /**
     * The tenant-wide clientState earlier versions gave every subscription: made once (the first caller's
     * candidate wins). Subscriptions now carry their own secret; the renewer uses this one to recognise (and
     * replace) subscriptions made before.
     */
    async clientState(tenantId: string, candidate: string): Promise<string> {
      const q = await db.ready();
      await q
        .insertInto("feed_state")
        .values({ tenant_id: tenantId, client_state: candidate })
        .onConflict((conflict) =>
          conflict.column("tenant_id").doUpdateSet((eb) => ({
            client_state: eb.fn.coalesce("feed_state.client_state", "excluded.client_state"),
          })),
        )
        .execute();
      const row = await q
        .selectFrom("feed_state")
        .select("client_state")
        .where("tenant_id", "=", tenantId)
        .executeTakeFirst();
      return row?.client_state ?? candidate;
    },
  };
}
