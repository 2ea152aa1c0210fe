import "server-only";
import { sql } from "kysely";
import type { Db } from "@/lib/db/open";
import type { ReportsTable } from "@/lib/db/schema";
import { changed } from "@/lib/db/types";
import type { Quality } from "@/lib/callrecords/verdict";
import type { ReportMeta } from "./model";
import { createSqliteWriter } from "./sqlite-writer";
import type { ReportStore } from "./store";

const META_COLUMNS = [
  "id",
  "tenant_id",
  "call_id",
  "title",
  "note",
  "redacted",
  "created_at",
  "created_by",
  "created_by_name",
  "expires_at",
  "app_version",
  "session_count",
  "call_start",
  "call_type",
  "quality",
  "poor_share",
] as const;

type MetaRow = Pick<ReportsTable, (typeof META_COLUMNS)[number]>;

const rowToMeta = (row: MetaRow): ReportMeta => ({
  id: row.id,
  tenantId: row.tenant_id,
  callId: row.call_id,
  title: row.title,
  note: row.note,
  redacted: Boolean(row.redacted),
  createdAt: row.created_at,
  createdBy: row.created_by,
  createdByName: row.created_by_name,
  expiresAt: row.expires_at,
  appVersion: row.app_version,
  sessionCount: row.session_count,
  callStart: row.call_start,
  callType: row.call_type,
  quality: isQuality(row.quality) ? row.quality : null,
  poorShare: row.poor_share === null ? null : Number(row.poor_share),
});

const isQuality = (value: string | null): value is Quality =>
  value === "good" || value === "poor" || value === "unclassified";

/** Saved snapshots on the process's database (`lib/db`): SQLite on one instance, PostgreSQL for several. */
export function createReportStore(db: Db): ReportStore {
  // On SQLite a report's megabyte payload is written on a thread of its own (see sqlite-writer.ts).
  const writer = db.sqlitePath ? createSqliteWriter(db.sqlitePath) : null;
  const payloadBytes =
    db.dialect === "postgres" ? sql<number>`octet_length(payload)` : sql<number>`length(payload)`;
  const live = (now: number) => sql<boolean>`(expires_at IS NULL OR expires_at >= ${now})`;

  return {
    async create(meta, payload) {
      const q = await db.ready();
      const insert = q.insertInto("reports").values({
        id: meta.id,
        tenant_id: meta.tenantId,
        call_id: meta.callId,
        title: meta.title,
        note: meta.note,
        redacted: meta.redacted ? 1 : 0,
        created_at: meta.createdAt,
        created_by: meta.createdBy,
        created_by_name: meta.createdByName,
        expires_at: meta.expiresAt,
        app_version: meta.appVersion,
        session_count: meta.sessionCount,
        call_start: meta.callStart,
        call_type: meta.callType,
        quality: meta.quality,
        poor_share: meta.poorShare,
        payload,
      });
      if (writer) await writer.run(insert.compile());
      else await insert.execute();
    },
    async get(id) {
      const q = await db.ready();
      const row = await q
        .selectFrom("reports")
        .select([...META_COLUMNS, "payload"])
        .where("id", "=", id)
        .executeTakeFirst();
      return row ? { meta: rowToMeta(row), payload: row.payload ?? null } : undefined;
    },
    async list(tenantId, now, createdBy) {
      const q = await db.ready();
      let select = q
        .selectFrom("reports")
        .select(META_COLUMNS)
        .where("tenant_id", "=", tenantId)
        .where(live(now));
      if (createdBy) select = select.where("created_by", "=", createdBy);
      const rows = await select.orderBy("created_at", "desc").limit(1000).execute();
      return rows.map(rowToMeta);
    },
    async usage(tenantId, now, createdBy) {
      const q = await db.ready();
      let select = q
        .selectFrom("reports")
        .select((eb) => [
          eb.fn.countAll<number>().as("count"),
          eb.fn.coalesce(eb.fn.sum<number>(payloadBytes), eb.lit(0)).as("bytes"),
        ])
        .where("tenant_id", "=", tenantId)
        .where(live(now));
      if (createdBy) select = select.where("created_by", "=", createdBy);
      const row = await select.executeTakeFirst();
      return { count: Number(row?.count ?? 0), bytes: Number(row?.bytes ?? 0) };
    },
    async delete(id) {
      const q = await db.ready();
      return changed(await q.deleteFrom("reports").where("id", "=", id).executeTakeFirst()) > 0;
    },
    async purgeExpired(now) {
      const q = await db.ready();
      // Only what answers "expired" for its link stays: ID, tenant, call and dates.
      const result = await q
        .updateTable("reports")
        .set({ payload: null, title: "", note: null, created_by: "", created_by_name: "" })
        .where("expires_at", "is not", null)
        .where("expires_at", "<", now)
        .where((eb) =>
          eb.or([
            eb("payload", "is not", null),
            eb("title", "<>", ""),
            eb("note", "is not", null),
            eb("created_by", "<>", ""),
          ]),
        )
        .executeTakeFirst();
      return changed(result);
    },
    close() {
      void writer?.close();
    },
  };
}
