import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import {
  META_COLUMNS,
  purgeExpiredSql,
  rowToMeta,
  rowToSeen,
  rowToSiteList,
  type ReportRow,
  type SeenRow,
  type SitesRow,
} from "./rows";
import { createSqliteWriter } from "./sqlite-writer";
import type { ReportStore, StoredReport } from "./store";

/** Schema migrations, applied in order once each; `PRAGMA user_version` records how far a database is. */
export const SQLITE_MIGRATIONS: readonly string[] = [
  `CREATE TABLE reports (
     id TEXT PRIMARY KEY,
     tenant_id TEXT NOT NULL,
     call_id TEXT NOT NULL,
     title TEXT NOT NULL,
     note TEXT,
     redacted INTEGER NOT NULL,
     created_at INTEGER NOT NULL,
     created_by TEXT NOT NULL,
     created_by_name TEXT NOT NULL,
     expires_at INTEGER,
     app_version TEXT NOT NULL,
     session_count INTEGER NOT NULL,
     payload BLOB
   );
   CREATE INDEX reports_by_tenant ON reports (tenant_id, created_at DESC);
   CREATE INDEX reports_by_expiry ON reports (expires_at) WHERE expires_at IS NOT NULL;`,
  `CREATE TABLE sites (
     tenant_id TEXT PRIMARY KEY,
     sites TEXT NOT NULL,
     uploaded_at INTEGER NOT NULL,
     uploaded_by TEXT NOT NULL
   );`,
  `CREATE TABLE seen_subnets (
     tenant_id TEXT NOT NULL,
     subnet TEXT NOT NULL,
     last_seen INTEGER NOT NULL,
     last_call_id TEXT NOT NULL,
     PRIMARY KEY (tenant_id, subnet)
   );
   CREATE INDEX seen_subnets_by_time ON seen_subnets (tenant_id, last_seen DESC);`,
];

export function migrate(db: Database.Database): void {
  const current = db.pragma("user_version", { simple: true }) as number;
  db.transaction(() => {
    for (let version = current; version < SQLITE_MIGRATIONS.length; version++) {
      db.exec(SQLITE_MIGRATIONS[version] ?? "");
      db.pragma(`user_version = ${version + 1}`);
    }
  })();
}

export function openSqliteStore(path: string): ReportStore {
  mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  // WAL with full sync: an acknowledged report survives a crash or a kill -9.
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  db.pragma("busy_timeout = 5000");
  migrate(db);
  // Reads are small and stay here; the big writes go to their own thread.
  const writer = createSqliteWriter(path);
  const byId = db.prepare(`SELECT ${META_COLUMNS}, payload FROM reports WHERE id = ?`);
  const live = "(expires_at IS NULL OR expires_at >= @now)";
  const byTenant = db.prepare(
    `SELECT ${META_COLUMNS} FROM reports WHERE tenant_id = @tenant AND ${live} ORDER BY created_at DESC LIMIT 1000`,
  );
  const byCreator = db.prepare(
    `SELECT ${META_COLUMNS} FROM reports WHERE tenant_id = @tenant AND created_by = @creator AND ${live} ORDER BY created_at DESC LIMIT 1000`,
  );
  const tenantUsage = db.prepare(
    `SELECT count(*) AS count, coalesce(sum(length(payload)), 0) AS bytes FROM reports WHERE tenant_id = @tenant AND ${live}`,
  );
  const creatorUsage = db.prepare(
    `SELECT count(*) AS count, coalesce(sum(length(payload)), 0) AS bytes FROM reports WHERE tenant_id = @tenant AND created_by = @creator AND ${live}`,
  );
  const remove = db.prepare("DELETE FROM reports WHERE id = ?");
  const purge = db.prepare(purgeExpiredSql("?"));
  const putSites = db.prepare(
    "INSERT INTO sites (tenant_id, sites, uploaded_at, uploaded_by) VALUES (?, ?, ?, ?) ON CONFLICT (tenant_id) DO UPDATE SET sites = excluded.sites, uploaded_at = excluded.uploaded_at, uploaded_by = excluded.uploaded_by",
  );
  const readSites = db.prepare("SELECT sites, uploaded_at, uploaded_by FROM sites WHERE tenant_id = ?");
  const seeSubnet = db.prepare(
    "INSERT INTO seen_subnets (tenant_id, subnet, last_seen, last_call_id) VALUES (?, ?, ?, ?) ON CONFLICT (tenant_id, subnet) DO UPDATE SET last_seen = excluded.last_seen, last_call_id = excluded.last_call_id",
  );
  const seeSubnets = db.transaction(
    (tenantId: string, callId: string, subnets: readonly string[], at: number) => {
      for (const subnet of subnets) seeSubnet.run(tenantId, subnet, at, callId);
    },
  );
  const readSeen = db.prepare(
    "SELECT subnet, last_seen, last_call_id FROM seen_subnets WHERE tenant_id = ? ORDER BY last_seen DESC, subnet LIMIT ?",
  );

  return {
    async create(meta, payload) {
      await writer.insert({
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
        payload,
      });
    },
    async get(id) {
      const row = byId.get(id) as ReportRow | undefined;
      return row
        ? ({ meta: rowToMeta(row), payload: row.payload ?? null } satisfies StoredReport)
        : undefined;
    },
    async list(tenantId, now, createdBy) {
      const rows = (
        createdBy
          ? byCreator.all({ tenant: tenantId, creator: createdBy, now })
          : byTenant.all({ tenant: tenantId, now })
      ) as ReportRow[];
      return rows.map(rowToMeta);
    },
    async usage(tenantId, now, createdBy) {
      const row = (
        createdBy
          ? creatorUsage.get({ tenant: tenantId, creator: createdBy, now })
          : tenantUsage.get({ tenant: tenantId, now })
      ) as { count: number; bytes: number };
      return { count: row.count, bytes: row.bytes };
    },
    async delete(id) {
      return remove.run(id).changes > 0;
    },
    async purgeExpired(now) {
      return purge.run(now).changes;
    },
    async replaceSites(tenantId, list) {
      putSites.run(tenantId, JSON.stringify(list.sites), list.uploadedAt, list.uploadedBy);
    },
    async getSites(tenantId) {
      const row = readSites.get(tenantId) as SitesRow | undefined;
      return row ? rowToSiteList(row) : null;
    },
    async recordSubnets(tenantId, callId, subnets, at) {
      if (subnets.length > 0) seeSubnets(tenantId, callId, subnets, at);
    },
    async seenSubnets(tenantId, limit) {
      const rows = readSeen.all(tenantId, limit) as SeenRow[];
      return rows.map(rowToSeen);
    },
    close() {
      void writer.close();
      db.close();
    },
  };
}
