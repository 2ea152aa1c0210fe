import { sql, type Kysely } from "kysely";
import type { Migration } from "kysely/migration";
import type { Dialect } from "./types";

/** Column types that differ between the two databases; everything else is written once. */
const typesFor = (dialect: Dialect) => ({
  bytes: dialect === "postgres" ? ("bytea" as const) : ("blob" as const),
  flag: dialect === "postgres" ? ("boolean" as const) : ("integer" as const),
});

/**
 * The schema, one migration per step, applied in name order and recorded by kysely's migrator
 * (`kysely_migration`). The first four create what earlier versions made (`PRAGMA user_version`,
 * `schema_migrations`, or the feed's unversioned `CREATE … IF NOT EXISTS`), so they say `if not exists`:
 * a database written by those versions migrates in place, keeping its rows (`migrate.test.ts`).
 * A new step is a new entry at the end; a shipped entry is never edited.
 */
export function migrations(dialect: Dialect): Record<string, Migration> {
  const types = typesFor(dialect);
  // Kysely's schema builder is typed for no particular database.
  type Any = Kysely<unknown>;
  return {
    "0001_reports": {
      async up(db: Any) {
        await db.schema
          .createTable("reports")
          .ifNotExists()
          .addColumn("id", "text", (c) => c.primaryKey())
          .addColumn("tenant_id", "text", (c) => c.notNull())
          .addColumn("call_id", "text", (c) => c.notNull())
          .addColumn("title", "text", (c) => c.notNull())
          .addColumn("note", "text")
          .addColumn("redacted", types.flag, (c) => c.notNull())
          .addColumn("created_at", "bigint", (c) => c.notNull())
          .addColumn("created_by", "text", (c) => c.notNull())
          .addColumn("created_by_name", "text", (c) => c.notNull())
          .addColumn("expires_at", "bigint")
          .addColumn("app_version", "text", (c) => c.notNull())
          .addColumn("session_count", "integer", (c) => c.notNull())
          .addColumn("payload", types.bytes)
          .execute();
        await db.schema
          .createIndex("reports_by_tenant")
          .ifNotExists()
          .on("reports")
          .columns(["tenant_id", "created_at desc"])
          .execute();
        await db.schema
          .createIndex("reports_by_expiry")
          .ifNotExists()
          .on("reports")
          .column("expires_at")
          .where(sql.ref("expires_at"), "is not", null)
          .execute();
      },
    },
    "0002_sites": {
      async up(db: Any) {
        await db.schema
          .createTable("sites")
          .ifNotExists()
          .addColumn("tenant_id", "text", (c) => c.primaryKey())
          .addColumn("sites", "text", (c) => c.notNull())
          .addColumn("uploaded_at", "bigint", (c) => c.notNull())
          .addColumn("uploaded_by", "text", (c) => c.notNull())
          .execute();
      },
    },
    "0003_seen_subnets": {
      async up(db: Any) {
        await db.schema
          .createTable("seen_subnets")
          .ifNotExists()
          .addColumn("tenant_id", "text", (c) => c.notNull())
          .addColumn("subnet", "text", (c) => c.notNull())
          .addColumn("last_seen", "bigint", (c) => c.notNull())
          .addColumn("last_call_id", "text", (c) => c.notNull())
          .addPrimaryKeyConstraint("seen_subnets_pkey", ["tenant_id", "subnet"])
          .execute();
        await db.schema
          .createIndex("seen_subnets_by_time")
          .ifNotExists()
          .on("seen_subnets")
          .columns(["tenant_id", "last_seen desc"])
          .execute();
      },
    },
    "0004_feed": { up: (db: Any) => createFeedTables(db) },
  };
}

async function createFeedTables(db: Kysely<unknown>) {
  const table = (name: string) => db.schema.createTable(name).ifNotExists();
  const index = (name: string, on: string, columns: string[]) =>
    db.schema.createIndex(name).ifNotExists().on(on).columns(columns).execute();
  await table("feed_queue")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("call_id", "text", (c) => c.notNull())
    .addColumn("change_type", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("first_at", "bigint", (c) => c.notNull())
    .addColumn("last_at", "bigint", (c) => c.notNull())
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("due_at", "bigint", (c) => c.notNull())
    .addColumn("claimed_by", "text")
    .addColumn("claimed_until", "bigint")
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_error", "text")
    .addPrimaryKeyConstraint("feed_queue_pkey", ["tenant_id", "call_id"])
    .execute();
  await index("feed_queue_due", "feed_queue", ["tenant_id", "due_at"]);
  await table("feed_calls")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("call_id", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("start_at", "bigint", (c) => c.notNull())
    .addColumn("poor", "integer", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull())
    .addColumn("notified_at", "bigint", (c) => c.notNull())
    .addColumn("judged_at", "bigint", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("feed_calls_pkey", ["tenant_id", "call_id"])
    .execute();
  await index("feed_calls_newest", "feed_calls", ["tenant_id", "start_at desc", "call_id desc"]);
  await index("feed_calls_poor", "feed_calls", ["tenant_id", "poor desc", "start_at desc", "call_id desc"]);
  await table("feed_people")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("person_id", "text", (c) => c.notNull())
    .addColumn("call_id", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("feed_people_pkey", ["tenant_id", "person_id", "call_id"])
    .execute();
  await index("feed_people_by_call", "feed_people", ["tenant_id", "call_id"]);
  await table("feed_watch")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("person_id", "text", (c) => c.notNull())
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("added_by", "text", (c) => c.notNull())
    .addColumn("added_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("feed_watch_pkey", ["tenant_id", "person_id"])
    .execute();
  await table("feed_subscriptions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("resource", "text", (c) => c.notNull())
    .addColumn("client_state", "text", (c) => c.notNull())
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await table("feed_events")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("subscription_id", "text", (c) => c.notNull())
    .addColumn("event", "text", (c) => c.notNull())
    .addColumn("received_at", "bigint", (c) => c.notNull())
    .addColumn("handled_at", "bigint")
    .execute();
  await table("feed_locks")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("holder", "text", (c) => c.notNull())
    .addColumn("until_at", "bigint", (c) => c.notNull())
    .execute();
  // Calls the worker gave up on (Graph never published them, or kept failing): counted on the status line.
  await table("feed_dropped")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("call_id", "text", (c) => c.notNull())
    .addColumn("dropped_at", "bigint", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("feed_dropped_pkey", ["tenant_id", "call_id"])
    .execute();
  // A subscription replaced at renewal: its secret is still accepted until `until_at`, for notifications
  // Graph queued or retries on the old URL.
  await table("feed_retired")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("client_state", "text", (c) => c.notNull())
    .addColumn("until_at", "bigint", (c) => c.notNull())
    .execute();
  await table("feed_state")
    .addColumn("tenant_id", "text", (c) => c.primaryKey())
    .addColumn("alive_at", "bigint")
    .addColumn("backfill_from", "bigint")
    .addColumn("last_backfill", "text")
    .addColumn("last_error", "text")
    .addColumn("client_state", "text")
    .execute();
}
