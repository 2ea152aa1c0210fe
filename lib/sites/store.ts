import "server-only";
import type { Db } from "@/lib/db/open";
import type { Site } from "./building-file";
import { setImmediate as nextTurn } from "node:timers/promises";

/** A tenant's building data (CQD's format), replaced whole on each upload. */
export interface SiteList {
  sites: Site[];
  uploadedAt: number;
  uploadedBy: string;
}

export interface SeenSubnet {
  subnet: string;
  lastSeen: number;
  lastCallId: string;
}

/** The tenant's sites and the subnets seen in its calls, on the process's database (`lib/db`). */
/** One statement's worth of seen subnets: every full slice has the same text, so its prepared statement is reused. */
const SUBNETS_PER_WRITE = 200;

export function createSiteStore(db: Db) {
  return {
    /** The tenant's sites, replacing any earlier upload in one statement. */
    async replaceSites(tenantId: string, list: SiteList): Promise<void> {
      const q = await db.ready();
      await q
        .insertInto("sites")
        .values({
          tenant_id: tenantId,
          sites: JSON.stringify(list.sites),
          uploaded_at: list.uploadedAt,
          uploaded_by: list.uploadedBy,
        })
        .onConflict((conflict) =>
          conflict.column("tenant_id").doUpdateSet((eb) => ({
            sites: eb.ref("excluded.sites"),
            uploaded_at: eb.ref("excluded.uploaded_at"),
            uploaded_by: eb.ref("excluded.uploaded_by"),
          })),
        )
        .execute();
    },

    async getSites(tenantId: string): Promise<SiteList | null> {
      const q = await db.ready();
      const row = await q
        .selectFrom("sites")
        .select(["sites", "uploaded_at", "uploaded_by"])
        .where("tenant_id", "=", tenantId)
        .executeTakeFirst();
      return row
        ? { sites: JSON.parse(row.sites) as Site[], uploadedAt: row.uploaded_at, uploadedBy: row.uploaded_by }
        : null;
    },

    /**
     * Subnets seen in a call's sessions, so the sites page can list the ones no site covers. A town hall has
     * thousands: written SUBNETS_PER_WRITE at a time with a turn of the event loop between (SQLite runs on this
     * thread, and one statement of 3,000 upserts held it for ~150 ms while a call's pages were arriving).
     */
    async recordSubnets(
      tenantId: string,
      callId: string,
      subnets: readonly string[],
      at: number,
    ): Promise<void> {
      const unique = [...new Set(subnets)];
      // Seen again in the next call read: no fsync on this thread for them (lib/db/types.ts).
      await db.derived(async (q) => {
        for (let start = 0; start < unique.length; start += SUBNETS_PER_WRITE) {
          if (start > 0) await nextTurn();
          await q
            .insertInto("seen_subnets")
            .values(
              unique
                .slice(start, start + SUBNETS_PER_WRITE)
                .map((subnet) => ({ tenant_id: tenantId, subnet, last_seen: at, last_call_id: callId })),
            )
            .onConflict((conflict) =>
              conflict.columns(["tenant_id", "subnet"]).doUpdateSet((eb) => ({
                last_seen: eb.ref("excluded.last_seen"),
                last_call_id: eb.ref("excluded.last_call_id"),
              })),
            )
            .execute();
        }
      });
    },

    /** The tenant's seen subnets, most recently seen first. */
    async seenSubnets(tenantId: string, limit: number): Promise<SeenSubnet[]> {
      const q = await db.ready();
      const rows = await q
        .selectFrom("seen_subnets")
        .select(["subnet", "last_seen", "last_call_id"])
        .where("tenant_id", "=", tenantId)
        .orderBy("last_seen", "desc")
        .orderBy("subnet")
        .limit(limit)
        .execute();
      return rows.map((row) => ({
        subnet: row.subnet,
        lastSeen: row.last_seen,
        lastCallId: row.last_call_id,
      }));
    },
  };
}

export type SiteStore = ReturnType<typeof createSiteStore>;
