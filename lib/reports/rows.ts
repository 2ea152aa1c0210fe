import type { ReportMeta } from "./model";
import type { SeenSubnet, SiteList } from "./store";

/** The report columns both stores share; payload is read apart. */
export const META_COLUMNS =
  "id, tenant_id, call_id, title, note, redacted, created_at, created_by, created_by_name, expires_at, app_version, session_count";

/** A report row as either database returns it (SQLite: 0/1 flags; PostgreSQL: BIGINT as strings). */
export interface ReportRow {
  id: string;
  tenant_id: string;
  call_id: string;
  title: string;
  note: string | null;
  redacted: boolean | number;
  created_at: number | string;
  created_by: string;
  created_by_name: string;
  expires_at: number | string | null;
  app_version: string;
  session_count: number;
  payload?: Buffer | null;
}

export const rowToMeta = (row: ReportRow): ReportMeta => ({
  id: row.id,
  tenantId: row.tenant_id,
  callId: row.call_id,
  title: row.title,
  note: row.note,
  redacted: Boolean(row.redacted),
  createdAt: Number(row.created_at),
  createdBy: row.created_by,
  createdByName: row.created_by_name,
  expiresAt: row.expires_at === null ? null : Number(row.expires_at),
  appVersion: row.app_version,
  sessionCount: row.session_count,
});

/**
 * The columns an expired report is stripped of: only ID, tenant, call and dates stay, so its link can say "expired".
 * `$now` is the dialect's placeholder.
 */
export const purgeExpiredSql = (now: string) =>
  `UPDATE reports SET payload = NULL, title = '', note = NULL, created_by = '', created_by_name = ''
   WHERE expires_at IS NOT NULL AND expires_at < ${now} AND (payload IS NOT NULL OR title <> '' OR note IS NOT NULL OR created_by <> '')`;

/** A tenant's sites row as either database returns it. */
export interface SitesRow {
  sites: string;
  uploaded_at: number | string;
  uploaded_by: string;
}

export const rowToSiteList = (row: SitesRow): SiteList => ({
  sites: JSON.parse(row.sites) as SiteList["sites"],
  uploadedAt: Number(row.uploaded_at),
  uploadedBy: row.uploaded_by,
});

/** A seen subnet row as either database returns it. */
export interface SeenRow {
  subnet: string;
  last_seen: number | string;
  last_call_id: string;
}

export const rowToSeen = (row: SeenRow): SeenSubnet => ({
  subnet: row.subnet,
  lastSeen: Number(row.last_seen),
  lastCallId: row.last_call_id,
});
