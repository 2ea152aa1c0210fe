import { sql, type Kysely } from "kysely";
import type { Migration } from "kysely";
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
    "0005_history": { up: (db: Any) => createHistoryTables(db, dialect) },
    "0006_alerts": { up: (db: Any) => createAlertTables(db) },
    // Each stream's end, for exports that pivot on time (lib/callrecords/export-table.ts). On PostgreSQL the
    // partitioned table passes the column to every month's partition.
    "0007_stream_end": {
      async up(db: Any) {
        await db.schema.alterTable("history_streams").addColumn("end_time", "text").execute();
      },
    },
    // What the reports list says about each report's call (lib/reports/call-facts.ts); null in older reports.
    "0008_report_call_facts": {
      async up(db: Any) {
        for (const [column, type] of [
          ["call_start", "text"],
          ["call_type", "text"],
          ["quality", "text"],
          ["poor_share", "double precision"],
        ] as const)
          await db.schema.alterTable("reports").addColumn(column, type).execute();
      },
    },
    "0009_history_people_daily": {
      // The overview's count of people read every fact of the window (a UNION of senders and receivers, seconds
      // at a big tenant's size); a row per day and person, kept as facts arrive, answers it from days.
      async up(db: Any) {
        await db.schema
          .createTable("history_people_daily")
          .ifNotExists()
          .addColumn("tenant_id", "text", (c) => c.notNull())
          .addColumn("day", "integer", (c) => c.notNull())
          .addColumn("person", "text", (c) => c.notNull())
          .addColumn("streams", "integer", (c) => c.notNull())
          .addPrimaryKeyConstraint("history_people_daily_pkey", ["tenant_id", "day", "person"])
          .execute();
        // What a database already holds, counted once from its facts as the store counts them from now on.
        await sql`INSERT INTO history_people_daily (tenant_id, day, person, streams)
          SELECT tenant_id, day, person, COUNT(*) FROM (
            SELECT tenant_id, day, sender_person AS person FROM history_streams WHERE sender_person IS NOT NULL AND sender_person <> ''
            UNION ALL
            SELECT tenant_id, day, receiver_person AS person FROM history_streams WHERE receiver_person IS NOT NULL AND receiver_person <> ''
          ) AS ends
          GROUP BY tenant_id, day, person`.execute(db);
      },
    },
    "0010_history_places": {
      // Sites are the current building file's, past weeks included (as CQD applies building data at query
      // time): a day's network keys (subnet, else local address) with the site the file gives them now, the
      // scratch a re-application joins the facts to (emptied in the same transaction), and how far re-applying
      // an uploaded file to the facts and their rollups has got (lib/history/sites-apply.ts).
      async up(db: Any) {
        await db.schema
          .createTable("history_places")
          .ifNotExists()
          .addColumn("tenant_id", "text", (c) => c.notNull())
          .addColumn("network", "text", (c) => c.notNull())
          .addColumn("site", "text")
          .addColumn("inside_corp", "integer")
          .addPrimaryKeyConstraint("history_places_pkey", ["tenant_id", "network"])
          .execute();
        await db.schema
          .createTable("history_sites_applied")
          .ifNotExists()
          .addColumn("tenant_id", "text", (c) => c.primaryKey())
          // The building file's upload time being applied (sites.uploaded_at), 0 for "no file".
          .addColumn("uploaded_at", "bigint", (c) => c.notNull())
          .addColumn("started_at", "bigint", (c) => c.notNull())
          .addColumn("days_total", "integer", (c) => c.notNull())
          .addColumn("days_done", "integer", (c) => c.notNull())
          // Days are applied newest first: the next one to apply, null when done.
          .addColumn("next_day", "integer")
          .addColumn("finished_at", "bigint")
          .execute();
      },
    },
  };
}

/**
 * Alerts (lib/alerts): rules, destinations, each value's state (cooldown, recovery), and the outbox — an
 * alert is written (with one delivery per destination, in one transaction) before anything is sent.
 */
async function createAlertTables(db: Kysely<unknown>) {
  await db.schema
    .createTable("alert_rules")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("spec", "text", (c) => c.notNull())
    .addColumn("settings", "text", (c) => c.notNull())
    .addColumn("enabled", "integer", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_by_name", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("alert_rules_pkey", ["tenant_id", "id"])
    .execute();
  await db.schema
    .createTable("alert_destinations")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("target", "text", (c) => c.notNull())
    .addColumn("secret", "text")
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("failing_since", "bigint")
    .addColumn("last_ok_at", "bigint")
    .addColumn("last_error", "text")
    .addPrimaryKeyConstraint("alert_destinations_pkey", ["tenant_id", "id"])
    .execute();
  await db.schema
    .createTable("alert_state")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("rule_id", "text", (c) => c.notNull())
    .addColumn("value_key", "text", (c) => c.notNull())
    .addColumn("open", "integer", (c) => c.notNull())
    .addColumn("fired_at", "bigint", (c) => c.notNull())
    .addColumn("suppressed", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("alert_state_pkey", ["tenant_id", "rule_id", "value_key"])
    .execute();
  await db.schema
    .createTable("alert_events")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("rule_id", "text", (c) => c.notNull())
    .addColumn("dedup_key", "text", (c) => c.notNull())
    .addColumn("message", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("alert_events_pkey", ["tenant_id", "id"])
    .addUniqueConstraint("alert_events_dedup", ["tenant_id", "dedup_key"])
    .execute();
  await db.schema
    .createTable("alert_deliveries")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("event_id", "text", (c) => c.notNull())
    .addColumn("rule_id", "text", (c) => c.notNull())
    .addColumn("destination_id", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("due_at", "bigint", (c) => c.notNull())
    .addColumn("digest_key", "text")
    .addColumn("claimed_by", "text")
    .addColumn("claimed_until", "bigint")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("sent_at", "bigint")
    .addColumn("last_status", "integer")
    .addColumn("last_error", "text")
    .addPrimaryKeyConstraint("alert_deliveries_pkey", ["tenant_id", "id"])
    .execute();
  await db.schema
    .createIndex("alert_deliveries_due")
    .on("alert_deliveries")
    .columns(["tenant_id", "status", "due_at"])
    .execute();
  await db.schema
    .createIndex("alert_deliveries_by_time")
    .on("alert_deliveries")
    .columns(["tenant_id", "created_at"])
    .execute();
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

/**
 * The quality history's stream facts, frozen as shipped (the live list is `FACT_COLUMNS` in
 * lib/callrecords/stream-facts.ts; `history.test.ts` checks every one of its columns exists here). A new
 * column is a new migration that adds it.
 */
const HISTORY_FACT_COLUMNS_0005: readonly [string, "text" | "integer" | "real"][] = [
  ["session_id", "text"],
  ["segment_id", "text"],
  ["stream", "text"],
  ["call_type", "text"],
  ["media", "text"],
  ["direction", "text"],
  ["quality", "integer"],
  ["poor_because", "text"],
  ["jitter_ms", "real"],
  ["packet_loss", "real"],
  ["round_trip_ms", "real"],
  ["concealed_ratio", "real"],
  ["frame_rate", "real"],
  ["frame_loss", "real"],
  ["bandwidth_bps", "real"],
  ["sender_kind", "text"],
  ["sender_person", "text"],
  ["sender_object_id", "text"],
  ["sender_name", "text"],
  ["sender_sign_in", "text"],
  ["sender_machine", "text"],
  ["sender_platform", "text"],
  ["sender_client", "text"],
  ["sender_microphone", "text"],
  ["sender_speaker", "text"],
  ["sender_audio_driver", "text"],
  ["sender_connection", "text"],
  ["sender_wifi_band", "text"],
  ["sender_wifi_channel", "integer"],
  ["sender_wifi_signal", "integer"],
  ["sender_transport", "text"],
  ["sender_relayed", "integer"],
  ["sender_vpn", "integer"],
  ["sender_subnet", "text"],
  ["sender_site", "text"],
  ["sender_inside_corp", "integer"],
  ["sender_isp", "text"],
  ["sender_country", "text"],
  ["sender_ip_address", "text"],
  ["sender_public_address", "text"],
  ["sender_mac_address", "text"],
  ["sender_bssid", "text"],
  ["receiver_kind", "text"],
  ["receiver_person", "text"],
  ["receiver_object_id", "text"],
  ["receiver_name", "text"],
  ["receiver_sign_in", "text"],
  ["receiver_machine", "text"],
  ["receiver_platform", "text"],
  ["receiver_client", "text"],
  ["receiver_microphone", "text"],
  ["receiver_speaker", "text"],
  ["receiver_audio_driver", "text"],
  ["receiver_connection", "text"],
  ["receiver_wifi_band", "text"],
  ["receiver_wifi_channel", "integer"],
  ["receiver_wifi_signal", "integer"],
  ["receiver_transport", "text"],
  ["receiver_relayed", "integer"],
  ["receiver_vpn", "integer"],
  ["receiver_subnet", "text"],
  ["receiver_site", "text"],
  ["receiver_inside_corp", "integer"],
  ["receiver_isp", "text"],
  ["receiver_country", "text"],
  ["receiver_ip_address", "text"],
  ["receiver_public_address", "text"],
  ["receiver_mac_address", "text"],
  ["receiver_bssid", "text"],
  ["feedback_rating", "text"],
  ["feedback_tokens", "text"],
  ["feedback_text", "text"],
  ["failure_stage", "text"],
  ["failure_reason", "text"],
];

async function createHistoryTables(db: Kysely<unknown>, dialect: Dialect) {
  let facts = db.schema
    .createTable("history_streams")
    .ifNotExists()
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("call_id", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("start_at", "bigint", (c) => c.notNull())
    // Days since the epoch (UTC): what rollups and retention work in.
    .addColumn("day", "integer", (c) => c.notNull())
    .addColumn("personal_erased", "integer", (c) => c.notNull().defaultTo(0));
  for (const [name, type] of HISTORY_FACT_COLUMNS_0005)
    facts = facts.addColumn(name, type === "real" && dialect === "postgres" ? "double precision" : type);
  // On PostgreSQL the facts are partitioned by month (of `day`): retention drops whole partitions, and a
  // month's queries read one. Partitions are made as facts arrive (lib/history/partitions.ts).
  if (dialect === "postgres") facts = facts.modifyEnd(sql`PARTITION BY RANGE (day)`);
  await facts.execute();
  const index = (name: string, columns: string[]) =>
    db.schema.createIndex(name).ifNotExists().on("history_streams").columns(columns).execute();
  await index("history_streams_by_call", ["tenant_id", "call_id"]);
  // The export's order, for keyset paging: also serves "by day".
  await index("history_streams_by_time", [
    "tenant_id",
    "day",
    "start_at",
    "call_id",
    "session_id",
    "segment_id",
    "stream",
  ]);
  await index("history_streams_by_sender", ["tenant_id", "sender_person", "day"]);
  await index("history_streams_by_receiver", ["tenant_id", "receiver_person", "day"]);
  // Rollups: per day, media, dimension and value, the classified streams and the poor ones, kept as facts
  // arrive (and taken back when a later version replaces a call), so the overview reads days, not streams.
  await db.schema
    .createTable("history_daily")
    .ifNotExists()
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("day", "integer", (c) => c.notNull())
    .addColumn("media", "text", (c) => c.notNull())
    .addColumn("dimension", "text", (c) => c.notNull())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("streams", "integer", (c) => c.notNull())
    .addColumn("poor", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("history_daily_pkey", ["tenant_id", "day", "media", "dimension", "value"])
    .execute();
  await db.schema
    .createIndex("history_daily_by_dimension")
    .ifNotExists()
    .on("history_daily")
    .columns(["tenant_id", "dimension", "day"])
    .execute();
  // The key of the history's pseudonyms when CALLSCOPE_CURSOR_SECRET is not set: made once, so a person's
  // rows stay findable across restarts.
  await db.schema
    .createTable("history_keys")
    .ifNotExists()
    .addColumn("tenant_id", "text", (c) => c.primaryKey())
    .addColumn("pseudonym_key", "text", (c) => c.notNull())
    .execute();
  // The calls kept, one row each (version, when, whether poor), for "which calls" lists and replacement.
  await db.schema
    .createTable("history_calls")
    .ifNotExists()
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("call_id", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("start_at", "bigint", (c) => c.notNull())
    .addColumn("day", "integer", (c) => c.notNull())
    .addColumn("call_type", "text")
    .addColumn("streams", "integer", (c) => c.notNull())
    .addColumn("poor", "integer", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("history_calls_pkey", ["tenant_id", "call_id"])
    .execute();
  await db.schema
    .createIndex("history_calls_by_day")
    .ifNotExists()
    .on("history_calls")
    .columns(["tenant_id", "day"])
    .execute();
}
