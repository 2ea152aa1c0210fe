import { Pool } from "pg";
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
import type { ReportStore } from "./store";

/** Schema migrations for PostgreSQL, applied in order once each and recorded in `schema_migrations`. */
export const POSTGRES_MIGRATIONS: readonly string[] = [
  `CREATE TABLE reports (
     id TEXT PRIMARY KEY,
     tenant_id TEXT NOT NULL,
     call_id TEXT NOT NULL,
     title TEXT NOT NULL,
     note TEXT,
     redacted BOOLEAN NOT NULL,
     created_at BIGINT NOT NULL,
     created_by TEXT NOT NULL,
     created_by_name TEXT NOT NULL,
     expires_at BIGINT,
     app_version TEXT NOT NULL,
     session_count INTEGER NOT NULL,
     payload BYTEA
   );
   CREATE INDEX reports_by_tenant ON reports (tenant_id, created_at DESC);
   CREATE INDEX reports_by_expiry ON reports (expires_at) WHERE expires_at IS NOT NULL;`,
  `CREATE TABLE sites (
     tenant_id TEXT PRIMARY KEY,
     sites TEXT NOT NULL,
     uploaded_at BIGINT NOT NULL,
     uploaded_by TEXT NOT NULL
   );`,
  `CREATE TABLE seen_subnets (
     tenant_id TEXT NOT NULL,
     subnet TEXT NOT NULL,
     last_seen BIGINT NOT NULL,
     last_call_id TEXT NOT NULL,
     PRIMARY KEY (tenant_id, subnet)
   );
   CREATE INDEX seen_subnets_by_time ON seen_subnets (tenant_id, last_seen DESC);`,
];

async function migrate(pool: Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    // One migrator at a time when several instances start together.
    await client.query("SELECT pg_advisory_xact_lock(727274)");
    await client.query(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
    );
    const { rows } = await client.query<{ version: number }>(
      "SELECT coalesce(max(version), 0) AS version FROM schema_migrations",
    );
    for (let version = rows[0]?.version ?? 0; version < POSTGRES_MIGRATIONS.length; version++) {
      await client.query(POSTGRES_MIGRATIONS[version] ?? "");
      await client.query("INSERT INTO schema_migrations (version) VALUES ($1)", [version + 1]);
    }
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  } finally {
    client.release();
  }
}

/** PostgreSQL storage, for several app instances behind a load balancer (`DATABASE_URL`). */
export function openPostgresStore(connectionString: string): ReportStore {
  const pool = new Pool({ connectionString, max: 5 });
  const ready = migrate(pool);
  const query = async <T extends object>(text: string, values: unknown[] = []) => {
    await ready;
    return pool.query<T & import("pg").QueryResultRow>(text, values);
  };
  const live = "(expires_at IS NULL OR expires_at >= $2)";
  return {
    async create(meta, payload) {
      await query(
        `INSERT INTO reports (${META_COLUMNS}, payload) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
        [
          meta.id,
          meta.tenantId,
          meta.callId,
          meta.title,
          meta.note,
          meta.redacted,
          meta.createdAt,
          meta.createdBy,
          meta.createdByName,
          meta.expiresAt,
          meta.appVersion,
          meta.sessionCount,
          payload,
        ],
      );
    },
    async get(id) {
      const { rows } = await query<ReportRow>(`SELECT ${META_COLUMNS}, payload FROM reports WHERE id = $1`, [
        id,
      ]);
      const row = rows[0];
      return row ? { meta: rowToMeta(row), payload: row.payload ?? null } : undefined;
    },
    async list(tenantId, now, createdBy) {
      const { rows } = createdBy
        ? await query<ReportRow>(
            `SELECT ${META_COLUMNS} FROM reports WHERE tenant_id = $1 AND ${live} AND created_by = $3 ORDER BY created_at DESC LIMIT 1000`,
            [tenantId, now, createdBy],
          )
        : await query<ReportRow>(
            `SELECT ${META_COLUMNS} FROM reports WHERE tenant_id = $1 AND ${live} ORDER BY created_at DESC LIMIT 1000`,
            [tenantId, now],
          );
      return rows.map(rowToMeta);
    },
    async usage(tenantId, now, createdBy) {
      const select =
        "SELECT count(*) AS count, coalesce(sum(octet_length(payload)), 0) AS bytes FROM reports";
      const { rows } = createdBy
        ? await query<{ count: string; bytes: string }>(
            `${select} WHERE tenant_id = $1 AND ${live} AND created_by = $3`,
            [tenantId, now, createdBy],
          )
        : await query<{ count: string; bytes: string }>(`${select} WHERE tenant_id = $1 AND ${live}`, [
            tenantId,
            now,
          ]);
      return { count: Number(rows[0]?.count ?? 0), bytes: Number(rows[0]?.bytes ?? 0) };
    },
    async delete(id) {
      return ((await query("DELETE FROM reports WHERE id = $1", [id])).rowCount ?? 0) > 0;
    },
    async purgeExpired(now) {
      return (await query(purgeExpiredSql("$1"), [now])).rowCount ?? 0;
    },
    async replaceSites(tenantId, list) {
      await query(
        "INSERT INTO sites (tenant_id, sites, uploaded_at, uploaded_by) VALUES ($1, $2, $3, $4) ON CONFLICT (tenant_id) DO UPDATE SET sites = excluded.sites, uploaded_at = excluded.uploaded_at, uploaded_by = excluded.uploaded_by",
        [tenantId, JSON.stringify(list.sites), list.uploadedAt, list.uploadedBy],
      );
    },
    async getSites(tenantId) {
      const { rows } = await query<SitesRow>(
        "SELECT sites, uploaded_at, uploaded_by FROM sites WHERE tenant_id = $1",
        [tenantId],
      );
      const row = rows[0];
      return row ? rowToSiteList(row) : null;
    },
    async recordSubnets(tenantId, callId, subnets, at) {
      if (subnets.length === 0) return;
      await query(
        `INSERT INTO seen_subnets (tenant_id, subnet, last_seen, last_call_id)
         SELECT $1, subnet, $3, $4 FROM unnest($2::text[]) AS subnet
         ON CONFLICT (tenant_id, subnet) DO UPDATE SET last_seen = excluded.last_seen, last_call_id = excluded.last_call_id`,
        [tenantId, [...new Set(subnets)], at, callId],
      );
    },
    async seenSubnets(tenantId, limit) {
      const { rows } = await query<SeenRow>(
        "SELECT subnet, last_seen, last_call_id FROM seen_subnets WHERE tenant_id = $1 ORDER BY last_seen DESC, subnet LIMIT $2",
        [tenantId, limit],
      );
      return rows.map(rowToSeen);
    },
    close() {
      void pool.end();
    },
  };
}
