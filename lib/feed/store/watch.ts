import "server-only";
import type { Db } from "@/lib/db/open";
import { changed } from "@/lib/db/types";
import type { WatchedPerson } from "../model";

/** The people whose calls the inbox can be narrowed to. */
export function watchTable(db: Db) {
  return {
    async watchList(tenantId: string): Promise<WatchedPerson[]> {
      const q = await db.ready();
      const rows = await q
        .selectFrom("feed_watch")
        .select(["person_id", "label", "added_by", "added_at"])
        .where("tenant_id", "=", tenantId)
        .orderBy("label")
        .orderBy("person_id")
        .execute();
      return rows.map((row) => ({
        personId: row.person_id,
        label: row.label,
        addedBy: row.added_by,
        addedAt: row.added_at,
      }));
    },

    /** Adds or relabels a person; false when the list is full. */
    async watch(tenantId: string, person: WatchedPerson, max: number): Promise<boolean> {
      const q = await db.ready();
      return q.transaction().execute(async (tx) => {
        const { count } = await tx
          .selectFrom("feed_watch")
          .select((eb) => eb.fn.countAll<number>().as("count"))
          .where("tenant_id", "=", tenantId)
          .where("person_id", "<>", person.personId)
          .executeTakeFirstOrThrow();
        if (Number(count) >= max) return false;
        await tx
          .insertInto("feed_watch")
          .values({
            tenant_id: tenantId,
            person_id: person.personId,
            label: person.label,
            added_by: person.addedBy,
            added_at: person.addedAt,
          })
          .onConflict((conflict) =>
            conflict
              .columns(["tenant_id", "person_id"])
              .doUpdateSet((eb) => ({ label: eb.ref("excluded.label") })),
          )
          .execute();
        return true;
      });
    },

    async unwatch(tenantId: string, personId: string): Promise<boolean> {
      const q = await db.ready();
      const result = await q
        .deleteFrom("feed_watch")
        .where("tenant_id", "=", tenantId)
        .where("person_id", "=", personId)
        .executeTakeFirst();
      return changed(result) > 0;
    },
  };
}
