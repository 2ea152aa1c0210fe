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
  history_people_daily: HistoryPeopleDailyTable;
  history_calls: HistoryCallsTable;
  history_places: HistoryPlacesTable;
  history_sites_applied: HistorySitesAppliedTable;
  history_keys: HistoryKeysTable;
  alert_rules: AlertRulesTable;
  alert_destinations: AlertDestinationsTable;
  alert_state: AlertStateTable;
  alert_events: AlertEventsTable;
  alert_deliveries: AlertDeliveriesTable;
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
  call_start: string | null;
  call_type: string | null;
  quality: string | null;
  poor_share: number | null;
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

/** Per day, each pseudonym seen at either end of a fact and how often: the overview counts people here. */
export interface HistoryPeopleDailyTable {
  tenant_id: string;
  day: number;
  person: string;
  streams: number;
}

/** A network key of the facts (subnet, else local address) and the site the current building file gives it. */
export interface HistoryPlacesTable {
  tenant_id: string;
  network: string;
  site: string | null;
  inside_corp: number | null;
}

/** How far an uploaded building file has been applied to the history (newest day first). */
export interface HistorySitesAppliedTable {
  tenant_id: string;
  uploaded_at: number;
  started_at: number;
  days_total: number;
  days_done: number;
  next_day: number | null;
  finished_at: number | null;
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

export interface AlertRulesTable {
  tenant_id: string;
  id: string;
  name: string;
  kind: string;
  /** JSON: what the rule watches (lib/alerts/model.ts RuleSpec). */
  spec: string;
  /** JSON: cooldown, digest, quiet hours, snooze, destinations. */
  settings: string;
  enabled: number;
  created_by: string;
  created_by_name: string;
  created_at: number;
  updated_at: number;
}

export interface AlertDestinationsTable {
  tenant_id: string;
  id: string;
  name: string;
  kind: string;
  /** The webhook URL or the recipients: a secret, never shown back in full. */
  target: string;
  secret: string | null;
  created_by: string;
  created_at: number;
  failing_since: number | null;
  last_ok_at: number | null;
  last_error: string | null;
}

export interface AlertStateTable {
  tenant_id: string;
  rule_id: string;
  value_key: string;
  open: number;
  fired_at: number;
  suppressed: Generated<number>;
}

export interface AlertEventsTable {
  tenant_id: string;
  id: string;
  rule_id: string;
  dedup_key: string;
  /** JSON: the AlertMessage. */
  message: string;
  created_at: number;
}

export interface AlertDeliveriesTable {
  tenant_id: string;
  id: string;
  event_id: string;
  rule_id: string;
  destination_id: string;
  status: string;
  attempts: Generated<number>;
  due_at: number;
  digest_key: string | null;
  claimed_by: string | null;
  claimed_until: number | null;
  created_at: number;
  sent_at: number | null;
  last_status: number | null;
  last_error: string | null;
}
