import "server-only";
// The building file decides a fact's site and whether it was inside the corporate network. CQD applies the
// building data at query time, so a corrected file changes past weeks too; here an upload is re-applied to every
// stored fact and to the site rollups, a day at a time, newest first, in the background, with its progress kept
// (a restart resumes it; a newer upload takes over). Fact reads and exports stay plain column reads.
import { sql } from "kysely";
import { setImmediate as nextTurn } from "node:timers/promises";
import type { Db } from "@/lib/db/open";
import type { PlaceOf } from "@/lib/sites/match";
import { BUILDING_DIMENSIONS } from "./dimensions";
import { rollupOf } from "./rollup";
import { applyRollup, lockSummaries } from "./summaries";

export interface SitesApplied {
  /** The building file being applied (its upload time; 0: no file, every site cleared). */
  uploadedAt: number;
  startedAt: number;
  daysTotal: number;
  daysDone: number;
  finishedAt: number | null;
}

/** Network keys upserted per statement. */
const PLACES_PER_WRITE = 400;

/** A side's network key: its subnet, else its local address (as the building file is matched when written). */
const networkOf = (side: "sender" | "receiver", table = "f") =>
  sql<
    string | null
  >`coalesce(${sql.ref(`${table}.${side}_subnet`)}, ${sql.ref(`${table}.${side}_ip_address`)})`;

export function createSitesApplier(db: Db) {
  async function state(tenantId: string) {
    const q = await db.ready();
    return q
      .selectFrom("history_sites_applied")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .executeTakeFirst();
  }

  /** Re-applies the current places to one day's facts and rebuilds that day's site rollups, in one transaction. */
  async function applyDay(tenantId: string, day: number, placeOf: PlaceOf): Promise<void> {
    const q = await db.ready();
    const networks = await q
      .selectFrom("history_streams as f")
      .select(networkOf("sender").as("network"))
      .where("f.tenant_id", "=", tenantId)
      .where("f.day", "=", day)
      .union(
        q
          .selectFrom("history_streams as f")
          .select(networkOf("receiver").as("network"))
          .where("f.tenant_id", "=", tenantId)
          .where("f.day", "=", day),
      )
      .execute();
    const places = networks
      .filter((row): row is { network: string } => typeof row.network === "string")
      .map(({ network }) => {
        const place = placeOf({ subnet: network, ipAddress: null });
        return {
          tenant_id: tenantId,
          network,
          site: place?.site ?? null,
          inside_corp: place ? (place.insideCorp ? 1 : 0) : null,
        };
      });
    await db.derived((w) =>
      w.transaction().execute(async (tx) => {
        await lockSummaries(tx, db.dialect, tenantId, "rewrite");
        for (let i = 0; i < places.length; i += PLACES_PER_WRITE)
          await tx
            .insertInto("history_places")
            .values(places.slice(i, i + PLACES_PER_WRITE))
            .onConflict((conflict) =>
              conflict.columns(["tenant_id", "network"]).doUpdateSet((eb) => ({
                site: eb.ref("excluded.site"),
                inside_corp: eb.ref("excluded.inside_corp"),
              })),
            )
            .execute();
        // Only the facts whose place changed are written; a side with no network key keeps what it had (its
        // address erased after the personal-data window, and no subnet: nothing left to look up).
        for (const side of ["sender", "receiver"] as const)
          await sql`UPDATE history_streams AS f
            SET ${sql.ref(`${side}_site`)} = p.site, ${sql.ref(`${side}_inside_corp`)} = p.inside_corp
            FROM history_places AS p
            WHERE f.tenant_id = ${tenantId} AND f.day = ${day}
              AND p.tenant_id = f.tenant_id AND p.network = ${networkOf(side)}
              AND (${sql.ref(`f.${side}_site`)} IS DISTINCT FROM p.site
                OR ${sql.ref(`f.${side}_inside_corp`)} IS DISTINCT FROM p.inside_corp)`.execute(tx);
        // The keys are scratch for the statements above: a key may be a person's address, kept nowhere at rest.
        await tx.deleteFrom("history_places").where("tenant_id", "=", tenantId).execute();
        await tx
          .deleteFrom("history_daily")
          .where("tenant_id", "=", tenantId)
          .where("day", "=", day)
          .where(
            "dimension",
            "in",
            BUILDING_DIMENSIONS.map((dimension) => dimension.name),
          )
          .execute();
        const facts = await tx
          .selectFrom("history_streams")
          .select([
            "start_at",
            "quality",
            "media",
            "sender_kind",
            "receiver_kind",
            ...BUILDING_DIMENSIONS.flatMap((d) => [`sender_${d.column}`, `receiver_${d.column}`]),
          ])
          .where("tenant_id", "=", tenantId)
          .where("day", "=", day)
          .where("quality", "in", [0, 1])
          .execute();
        await applyRollup(
          tx,
          tenantId,
          rollupOf(
            facts.map((row) => ({
              startAt: Number(row.start_at),
              values: row as Record<string, string | number | null>,
            })),
            1,
            BUILDING_DIMENSIONS,
          ),
        );
      }),
    );
  }

  return {
    async progress(tenantId: string): Promise<SitesApplied | null> {
      const row = await state(tenantId);
      return row
        ? {
            uploadedAt: Number(row.uploaded_at),
            startedAt: Number(row.started_at),
            daysTotal: Number(row.days_total),
            daysDone: Number(row.days_done),
            finishedAt: row.finished_at === null ? null : Number(row.finished_at),
          }
        : null;
    },

    /**
     * Applies the building file uploaded at `uploadedAt` to every day kept, newest first, resuming where the kept
     * progress says; resolves when done, when `stop()` says so, or when another instance began a newer file.
     * Safe to run on two instances at once: a day applied twice is the same day, and each step advances only
     * from where the kept progress says.
     */
    async apply(
      tenantId: string,
      uploadedAt: number,
      placeOf: PlaceOf,
      now: number,
      stop: () => boolean = () => false,
    ): Promise<void> {
      const q = await db.ready();
      let row = await state(tenantId);
      if (!row || Number(row.uploaded_at) !== uploadedAt) {
        const range = await q
          .selectFrom("history_calls")
          .select((eb) => [eb.fn.min("day").as("first"), eb.fn.max("day").as("last")])
          .where("tenant_id", "=", tenantId)
          .executeTakeFirst();
        const first = range?.first === null || range?.first === undefined ? null : Number(range.first);
        const last = range?.last === null || range?.last === undefined ? null : Number(range.last);
        const started = {
          uploaded_at: uploadedAt,
          started_at: now,
          days_total: first === null || last === null ? 0 : last - first + 1,
          days_done: 0,
          next_day: last,
          finished_at: last === null ? now : null,
        };
        await q
          .insertInto("history_sites_applied")
          .values({ tenant_id: tenantId, ...started })
          .onConflict((conflict) => conflict.column("tenant_id").doUpdateSet(started))
          .execute();
        row = await state(tenantId);
      }
      const first =
        Number(row?.next_day ?? 0) - Number(row?.days_total ?? 0) + Number(row?.days_done ?? 0) + 1;
      while (row && Number(row.uploaded_at) === uploadedAt && row.next_day !== null && !stop()) {
        const day = Number(row.next_day);
        await applyDay(tenantId, day, placeOf);
        const done = day <= first;
        await q
          .updateTable("history_sites_applied")
          .set({
            days_done: Number(row.days_done) + 1,
            next_day: done ? null : day - 1,
            finished_at: done ? Date.now() : null,
          })
          .where("tenant_id", "=", tenantId)
          .where("uploaded_at", "=", uploadedAt)
          .where("next_day", "=", day)
          .execute();
        row = await state(tenantId);
        // Other requests run between days (SQLite answers on this thread).
        await nextTurn();
      }
    },
  };
}

export type SitesApplier = ReturnType<typeof createSitesApplier>;
