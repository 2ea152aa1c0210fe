import type { Generated } from "kysely";

/**
 * Every table callscope keeps, as both databases return them. Times are milliseconds since the epoch in
 * BIGINT columns: PostgreSQL's driver is told to read them as numbers (`postgres.ts`), so no row needs a
 * coercion. Flags are 0/1 (SQLite has no BOOLEAN; PostgreSQL's BOOLEAN reads "1"/"0" and returns true/false).
 * Every table but `feed_locks` starts with `tenant_id`, so a table can be split by tenant when one box is not enough.
 */
export interface Database {
  reports: ReportsTable;
  sites: SitesTable;
  seen_subnets: SeenSubnetsTable;
  feed_queue: FeedQueueTable;
  feed_calls: FeedCallsTable;
  feed_people: FeedPeopleTable;
  feed_watch: FeedWatchTable;
  feed_subscriptions: FeedSubscriptionsTable;
  feed_retired: FeedRetiredTable;
  feed_events: FeedEventsTable;
  feed_locks: FeedLocksTable;
  feed_dropped: FeedDroppedTable;
  feed_state: FeedStateTable;
  history_streams: HistoryStreamsTable;
  history_daily: HistoryDailyTable;
  history_calls: HistoryCallsTable;
  history_keys: HistoryKeysTable;
}

export interface ReportsTable {
  id: string;
  tenant_id: string;
  call_id: string;
  title: string;
  note: string | null;
  /** 0/1 written; SQLite reads 0/1, PostgreSQL false/true. */
  redacted: number | boolean;
  created_at: number;
  created_by: string;
  created_by_name: string;
  expires_at: number | null;
  app_version: string;
  session_count: number;
  /** Gzipped JSON; null once an expired report is purged. */
  payload: Buffer | null;
}

export interface SitesTable {
  tenant_id: string;
  /** JSON of the parsed building file. */
  sites: string;
  uploaded_at: number;
  uploaded_by: string;
}

export interface SeenSubnetsTable {
  tenant_id: string;
  subnet: string;
  last_seen: number;
  last_call_id: string;
}

export interface FeedQueueTable {
  tenant_id: string;
  call_id: string;
  change_type: string;
  source: string;
  first_at: number;
  last_at: number;
  seq: number;
  due_at: number;
  claimed_by: string | null;
  claimed_until: number | null;
  attempts: Generated<number>;
  last_error: string | null;
}

export interface FeedCallsTable {
  tenant_id: string;
  call_id: string;
  version: number;
  start_at: number;
  /** 1 when the call was judged poor. */
  poor: number;
  /** JSON of the FeedEntry. */
  summary: string;
  notified_at: number;
  judged_at: number;
  source: string;
}

export interface FeedPeopleTable {
  tenant_id: string;
  person_id: string;
  call_id: string;
}

export interface FeedWatchTable {
  tenant_id: string;
  person_id: string;
  label: string;
  added_by: string;
  added_at: number;
}

export interface FeedSubscriptionsTable {
  id: string;
  tenant_id: string;
  resource: string;
  client_state: string;
  expires_at: number;
  created_at: number;
}

export interface FeedRetiredTable {
  id: string;
  tenant_id: string;
  client_state: string;
  until_at: number;
}

export interface FeedEventsTable {
  id: string;
  tenant_id: string;
  subscription_id: string;
  event: string;
  received_at: number;
  handled_at: number | null;
}

export interface FeedLocksTable {
  name: string;
  holder: string;
  until_at: number;
}

export interface FeedDroppedTable {
  tenant_id: string;
  call_id: string;
  dropped_at: number;
  reason: string;
}

export interface FeedStateTable {
  tenant_id: string;
  alive_at: number | null;
  backfill_from: number | null;
  last_backfill: string | null;
  last_error: string | null;
  client_state: string | null;
}

/** One row per media stream (lib/callrecords/stream-facts.ts names the fact columns beyond these). */
export interface HistoryStreamsTable {
  tenant_id: string;
  call_id: string;
  version: number;
  start_at: number;
  day: number;
  personal_erased: Generated<number>;
  [factColumn: string]: string | number | null | Generated<number>;
}

export interface HistoryDailyTable {
  tenant_id: string;
  day: number;
  media: string;
  dimension: string;
  value: string;
  streams: number;
  poor: number;
}

export interface HistoryCallsTable {
  tenant_id: string;
  call_id: string;
  version: number;
  start_at: number;
  day: number;
  call_type: string | null;
  streams: number;
  poor: number;
  source: string;
}

export interface HistoryKeysTable {
  tenant_id: string;
  pseudonym_key: string;
}
