import "server-only";
import type { Db } from "@/lib/db/open";

/** Named leases, so one instance of several renews subscriptions and runs the backfill. */
export function leasesTable(db: Db) {
  return {
    /** Takes or extends a named lease: true when `holder` has it until `now + ttlMs`. */
    async acquire(name: string, holder: string, now: number, ttlMs: number): Promise<boolean> {
      const q = await db.ready();
      await q
        .insertInto("feed_locks")
        .values({ name, holder, until_at: now + ttlMs })
        .onConflict((conflict) =>
          conflict
            .column("name")
            .doUpdateSet((eb) => ({
              holder: eb.ref("excluded.holder"),
              until_at: eb.ref("excluded.until_at"),
            }))
            .where((eb) =>
              eb.or([
                eb("feed_locks.until_at", "<", now),
                eb("feed_locks.holder", "=", eb.ref("excluded.holder")),
              ]),
            ),
        )
        .execute();
      const row = await q
        .selectFrom("feed_locks")
        .select("holder")
        .where("name", "=", name)
        .executeTakeFirst();
      return row?.holder === holder;
    },

    async release(name: string, holder: string): Promise<void> {
      const q = await db.ready();
      await q.deleteFrom("feed_locks").where("name", "=", name).where("holder", "=", holder).execute();
    },
  };
}
