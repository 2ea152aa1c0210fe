import "server-only";
import type {
  BackfillReport,
  ChangeType,
  FeedEntry,
  FeedSubscription,
  LifecycleEvent,
  WatchedPerson,
} from "./model";
import type { SqlDb } from "./sql";

/** Tables of the feed, in the report database. Portable SQL: SQLite and PostgreSQL read the same text. */
const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS feed_queue (
     tenant_id TEXT NOT NULL,
     call_id TEXT NOT NULL,
     change_type TEXT NOT NULL,
     source TEXT NOT NULL,
     first_at BIGINT NOT NULL,
     last_at BIGINT NOT NULL,
     seq INTEGER NOT NULL,
     due_at BIGINT NOT NULL,
     claimed_by TEXT,
     claimed_until BIGINT,
     attempts INTEGER NOT NULL DEFAULT 0,
     last_error TEXT,
     PRIMARY KEY (tenant_id, call_id)
   )`,
  `CREATE INDEX IF NOT EXISTS feed_queue_due ON feed_queue (tenant_id, due_at)`,
  `CREATE TABLE IF NOT EXISTS feed_calls (
     tenant_id TEXT NOT NULL,
     call_id TEXT NOT NULL,
     version INTEGER NOT NULL,
     start_at BIGINT NOT NULL,
     poor INTEGER NOT NULL,
     summary TEXT NOT NULL,
     notified_at BIGINT NOT NULL,
     judged_at BIGINT NOT NULL,
     source TEXT NOT NULL,
     PRIMARY KEY (tenant_id, call_id)
   )`,
  `CREATE INDEX IF NOT EXISTS feed_calls_newest ON feed_calls (tenant_id, start_at DESC, call_id DESC)`,
  `CREATE INDEX IF NOT EXISTS feed_calls_poor ON feed_calls (tenant_id, poor DESC, start_at DESC, call_id DESC)`,
  `CREATE TABLE IF NOT EXISTS feed_people (
     tenant_id TEXT NOT NULL,
     person_id TEXT NOT NULL,
     call_id TEXT NOT NULL,
     PRIMARY KEY (tenant_id, person_id, call_id)
   )`,
  `CREATE INDEX IF NOT EXISTS feed_people_by_call ON feed_people (tenant_id, call_id)`,
  `CREATE TABLE IF NOT EXISTS feed_watch (
     tenant_id TEXT NOT NULL,
     person_id TEXT NOT NULL,
     label TEXT NOT NULL,
     added_by TEXT NOT NULL,
     added_at BIGINT NOT NULL,
     PRIMARY KEY (tenant_id, person_id)
   )`,
  `CREATE TABLE IF NOT EXISTS feed_subscriptions (
     id TEXT PRIMARY KEY,
     tenant_id TEXT NOT NULL,
     resource TEXT NOT NULL,
     client_state TEXT NOT NULL,
     expires_at BIGINT NOT NULL,
     created_at BIGINT NOT NULL
   )`,
  `CREATE TABLE IF NOT EXISTS feed_events (
     id TEXT PRIMARY KEY,
     tenant_id TEXT NOT NULL,
     subscription_id TEXT NOT NULL,
     event TEXT NOT NULL,
     received_at BIGINT NOT NULL,
     handled_at BIGINT
   )`,
  `CREATE TABLE IF NOT EXISTS feed_locks (
     name TEXT PRIMARY KEY,
     holder TEXT NOT NULL,
     until_at BIGINT NOT NULL
   )`,
  // Calls the worker gave up on (Graph never published them, or kept failing): counted on the status line.
  `CREATE TABLE IF NOT EXISTS feed_dropped (
     tenant_id TEXT NOT NULL,
     call_id TEXT NOT NULL,
     dropped_at BIGINT NOT NULL,
     reason TEXT NOT NULL,
     PRIMARY KEY (tenant_id, call_id)
   )`,
  // A subscription replaced at renewal (a new one with a new secret): its secret is still accepted until
  // `until_at`, for notifications Graph queued or retries on the old URL.
  `CREATE TABLE IF NOT EXISTS feed_retired (
     id TEXT PRIMARY KEY,
     tenant_id TEXT NOT NULL,
     client_state TEXT NOT NULL,
     until_at BIGINT NOT NULL
   )`,
  `CREATE TABLE IF NOT EXISTS feed_state (
     tenant_id TEXT PRIMARY KEY,
     alive_at BIGINT,
     backfill_from BIGINT,
     last_backfill TEXT,
     last_error TEXT,
     client_state TEXT
   )`,
];

export interface QueueItem {
  callId: string;
  changeType: ChangeType;
  source: "notification" | "backfill";
  firstAt: number;
  seq: number;
  attempts: number;
}

export interface EnqueueResult {
  /** New calls in the queue. */
  queued: number;
  /** Notifications folded into a call already waiting (Graph's `created` + `updated`, retries, replays). */
  coalesced: number;
  /** `created` for a call already judged: nothing to do. */
  ignored: number;
  /** Nothing stored: the queue is full. */
  refused: boolean;
}

export interface FeedState {
  aliveAt: number | null;
  backfillFrom: number | null;
  lastBackfill: BackfillReport | null;
  lastError: string | null;
}

export interface PageQuery {
  poorOnly: boolean;
  order: "poor" | "newest";
  /** Only calls with one of these people (the watch list, or one person). */
  people: string[] | null;
  after: { poor: number; start: number; callId: string } | null;
  limit: number;
}

interface CallRow {
  call_id: string;
  poor: number | string;
  start_at: number | string;
  summary: string;
  notified_at: number | string;
  judged_at: number | string;
  source: string;
}

const num = (value: unknown): number => Number(value);
const placeholders = (count: number) => Array.from({ length: count }, () => "?").join(", ");

export function createFeedStore(db: SqlDb) {
  let ready: Promise<void> | null = null;
  const migrate = () =>
    (ready ??= db.transaction(async (tx) => {
      // Instances starting together on PostgreSQL create the tables one at a time.
      if (tx.dialect === "postgres") await tx.all("SELECT pg_advisory_xact_lock(727275)");
      for (const statement of SCHEMA) await tx.run(statement);
    }));

  const withSchema =
    <A extends unknown[], R>(work: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      await migrate();
      return work(...args);
    };

  return {
    migrate,

    /**
     * Stores notifications durably (one transaction) before Graph hears 202. A call waits in the queue
     * once however many notifications name it; `updated` bumps its sequence so a judging in flight is redone.
     */
    enqueue: withSchema(
      async (
        tenantId: string,
        changes: { callId: string; changeType: ChangeType }[],
        options: {
          now: number;
          settleMs: number;
          rejudgeAfterMs: number;
          maxQueue: number;
          source: QueueItem["source"];
        },
      ): Promise<EnqueueResult> =>
        db.transaction(async (tx) => {
          const result: EnqueueResult = { queued: 0, coalesced: 0, ignored: 0, refused: false };
          const ids = [...new Set(changes.map((change) => change.callId))];
          if (ids.length === 0) return result;
          const queued = new Set(
            (
              await tx.all<{ call_id: string }>(
                `SELECT call_id FROM feed_queue WHERE tenant_id = ? AND call_id IN (${placeholders(ids.length)})`,
                [tenantId, ...ids],
              )
            ).map((row) => row.call_id),
          );
          const judged = new Map(
            (
              await tx.all<{ call_id: string; judged_at: number | string }>(
                `SELECT call_id, judged_at FROM feed_calls WHERE tenant_id = ? AND call_id IN (${placeholders(ids.length)})`,
                [tenantId, ...ids],
              )
            ).map((row) => [row.call_id, num(row.judged_at)]),
          );
          const fresh = ids.filter((id) => !queued.has(id));
          if (fresh.length > 0) {
            const [{ count }] = (await tx.all<{ count: number | string }>(
              "SELECT count(*) AS count FROM feed_queue WHERE tenant_id = ?",
              [tenantId],
            )) as [{ count: number | string }];
            if (num(count) + fresh.length > options.maxQueue) return { ...result, refused: true };
          }
          for (const change of changes) {
            const { callId, changeType } = change;
            if (queued.has(callId)) {
              if (changeType === "updated")
                await tx.run(
                  "UPDATE feed_queue SET seq = seq + 1, last_at = ?, change_type = 'updated' WHERE tenant_id = ? AND call_id = ?",
                  [options.now, tenantId, callId],
                );
              result.coalesced += 1;
              continue;
            }
            const judgedAt = judged.get(callId);
            if (judgedAt !== undefined && changeType === "created") {
              result.ignored += 1;
              continue;
            }
            // A record just judged is not fetched again at once: replays and bursts of updates wait a little.
            const due = Math.max(
              options.now + options.settleMs,
              judgedAt === undefined ? 0 : judgedAt + options.rejudgeAfterMs,
            );
            await tx.run(
              `INSERT INTO feed_queue (tenant_id, call_id, change_type, source, first_at, last_at, seq, due_at)
               VALUES (?, ?, ?, ?, ?, ?, 1, ?)`,
              [tenantId, callId, changeType, options.source, options.now, options.now, due],
            );
            queued.add(callId);
            result.queued += 1;
          }
          return result;
        }),
    ),

    /** Takes up to `limit` due calls for `holder` until `claimMs` from now; a claim that lapses is taken again. */
    claim: withSchema(
      async (
        tenantId: string,
        holder: string,
        now: number,
        limit: number,
        claimMs: number,
      ): Promise<QueueItem[]> => {
        const free = "(claimed_until IS NULL OR claimed_until < ?)";
        const rows = await db.all<{
          call_id: string;
          change_type: ChangeType;
          source: QueueItem["source"];
          first_at: number | string;
          seq: number | string;
          attempts: number | string;
        }>(
          `UPDATE feed_queue SET claimed_by = ?, claimed_until = ?
           WHERE tenant_id = ? AND due_at <= ? AND ${free} AND call_id IN (
             SELECT call_id FROM feed_queue WHERE tenant_id = ? AND due_at <= ? AND ${free}
             ORDER BY due_at LIMIT ?)
           RETURNING call_id, change_type, source, first_at, seq, attempts`,
          [holder, now + claimMs, tenantId, now, now, tenantId, now, now, limit],
        );
        return rows.map((row) => ({
          callId: row.call_id,
          changeType: row.change_type,
          source: row.source,
          firstAt: num(row.first_at),
          seq: num(row.seq),
          attempts: num(row.attempts),
        }));
      },
    ),

    /**
     * Stores a judged call and takes it off the queue, unless another notification came while it was
     * judged (then it stays, due again after `settleMs`). A judging of an older version never replaces a newer one.
     */
    finish: withSchema(
      async (
        tenantId: string,
        item: QueueItem,
        entry: FeedEntry,
        personIds: string[],
        options: { now: number; settleMs: number },
      ): Promise<"done" | "again"> =>
        db.transaction(async (tx) => {
          const changed = await tx.run(
            `INSERT INTO feed_calls (tenant_id, call_id, version, start_at, poor, summary, notified_at, judged_at, source)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (tenant_id, call_id) DO UPDATE SET version = excluded.version, start_at = excluded.start_at,
               poor = excluded.poor, summary = excluded.summary, judged_at = excluded.judged_at,
               notified_at = excluded.notified_at, source = excluded.source
             WHERE feed_calls.version <= excluded.version`,
            [
              tenantId,
              entry.callId,
              entry.version,
              Date.parse(entry.startDateTime) || 0,
              entry.quality === "poor" ? 1 : 0,
              JSON.stringify(entry),
              entry.notifiedAt,
              entry.judgedAt,
              entry.source,
            ],
          );
          if (changed > 0) {
            await tx.run("DELETE FROM feed_people WHERE tenant_id = ? AND call_id = ?", [
              tenantId,
              entry.callId,
            ]);
            for (const personId of new Set(personIds))
              await tx.run("INSERT INTO feed_people (tenant_id, person_id, call_id) VALUES (?, ?, ?)", [
                tenantId,
                personId,
                entry.callId,
              ]);
          }
          const removed = await tx.run(
            "DELETE FROM feed_queue WHERE tenant_id = ? AND call_id = ? AND seq = ?",
            [tenantId, item.callId, item.seq],
          );
          if (removed > 0) return "done";
          await tx.run(
            "UPDATE feed_queue SET claimed_by = NULL, claimed_until = NULL, attempts = 0, due_at = ? WHERE tenant_id = ? AND call_id = ?",
            [options.now + options.settleMs, tenantId, item.callId],
          );
          return "again";
        }),
    ),

    /** Puts a call back for later: a failed attempt ("not yet") counts towards giving up, a wait ("slow down") does not. */
    retry: withSchema(
      async (tenantId: string, callId: string, dueAt: number, error: string, counts: "attempt" | "wait") => {
        await db.run(
          "UPDATE feed_queue SET claimed_by = NULL, claimed_until = NULL, due_at = ?, attempts = attempts + ?, last_error = ? WHERE tenant_id = ? AND call_id = ?",
          [dueAt, counts === "attempt" ? 1 : 0, error.slice(0, 500), tenantId, callId],
        );
      },
    ),

    /** Gives up on a call (gone from Graph, or failing for hours). */
    /** Takes a call off the queue for good, remembering it (and why) for the status line; forgets after 30 days. */
    drop: withSchema(async (tenantId: string, callId: string, reason: string, now: number) => {
      await db.transaction(async (tx) => {
        await tx.run("DELETE FROM feed_queue WHERE tenant_id = ? AND call_id = ?", [tenantId, callId]);
        await tx.run(
          `INSERT INTO feed_dropped (tenant_id, call_id, dropped_at, reason) VALUES (?, ?, ?, ?)
           ON CONFLICT (tenant_id, call_id) DO UPDATE SET dropped_at = excluded.dropped_at, reason = excluded.reason`,
          [tenantId, callId, now, reason.slice(0, 200)],
        );
        await tx.run("DELETE FROM feed_dropped WHERE tenant_id = ? AND dropped_at < ?", [
          tenantId,
          now - 30 * 24 * 3_600_000,
        ]);
      });
    }),

    /** How many calls were given up on since `since`. */
    droppedSince: withSchema(async (tenantId: string, since: number) => {
      const [row] = await db.all<{ count: number | string }>(
        "SELECT count(*) AS count FROM feed_dropped WHERE tenant_id = ? AND dropped_at >= ?",
        [tenantId, since],
      );
      return num(row?.count ?? 0);
    }),

    queueStats: withSchema(async (tenantId: string) => {
      const [row] = await db.all<{ count: number | string; oldest: number | string | null }>(
        "SELECT count(*) AS count, min(first_at) AS oldest FROM feed_queue WHERE tenant_id = ?",
        [tenantId],
      );
      return { pending: num(row?.count ?? 0), oldest: row?.oldest == null ? null : num(row.oldest) };
    }),

    /** Versions already judged, for the backfill to skip what it has. */
    judgedVersions: withSchema(async (tenantId: string, callIds: string[]) => {
      const versions = new Map<string, number>();
      for (let i = 0; i < callIds.length; i += 500) {
        const slice = callIds.slice(i, i + 500);
        const rows = await db.all<{ call_id: string; version: number | string }>(
          `SELECT call_id, version FROM feed_calls WHERE tenant_id = ? AND call_id IN (${placeholders(slice.length)})`,
          [tenantId, ...slice],
        );
        for (const row of rows) versions.set(row.call_id, num(row.version));
      }
      return versions;
    }),

    page: withSchema(async (tenantId: string, query: PageQuery): Promise<FeedEntry[]> => {
      const where = ["c.tenant_id = ?"];
      const params: unknown[] = [tenantId];
      if (query.poorOnly) where.push("c.poor = 1");
      if (query.people) {
        if (query.people.length === 0) return [];
        where.push(
          `EXISTS (SELECT 1 FROM feed_people p WHERE p.tenant_id = c.tenant_id AND p.call_id = c.call_id AND p.person_id IN (${placeholders(query.people.length)}))`,
        );
        params.push(...query.people);
      }
      const after = query.after;
      if (after) {
        const newer = "(c.start_at < ? OR (c.start_at = ? AND c.call_id < ?))";
        if (query.order === "poor") {
          where.push(`(c.poor < ? OR (c.poor = ? AND ${newer}))`);
          params.push(after.poor, after.poor, after.start, after.start, after.callId);
        } else {
          where.push(newer);
          params.push(after.start, after.start, after.callId);
        }
      }
      const order = `${query.order === "poor" ? "c.poor DESC, " : ""}c.start_at DESC, c.call_id DESC`;
      const rows = await db.all<CallRow>(
        `SELECT c.call_id, c.poor, c.start_at, c.summary, c.notified_at, c.judged_at, c.source
         FROM feed_calls c WHERE ${where.join(" AND ")} ORDER BY ${order} LIMIT ?`,
        [...params, query.limit],
      );
      return rows.map((row) => ({
        ...(JSON.parse(row.summary) as FeedEntry),
        notifiedAt: num(row.notified_at),
        judgedAt: num(row.judged_at),
        source: row.source as FeedEntry["source"],
      }));
    }),

    /** Graph keeps records 30 days: the inbox forgets them then too (they hold names). */
    purge: withSchema(async (tenantId: string, before: number) => {
      await db.transaction(async (tx) => {
        await tx.run(
          "DELETE FROM feed_people WHERE tenant_id = ? AND call_id IN (SELECT call_id FROM feed_calls WHERE tenant_id = ? AND start_at < ?)",
          [tenantId, tenantId, before],
        );
        await tx.run("DELETE FROM feed_calls WHERE tenant_id = ? AND start_at < ?", [tenantId, before]);
      });
    }),

    watchList: withSchema(async (tenantId: string): Promise<WatchedPerson[]> => {
      const rows = await db.all<{
        person_id: string;
        label: string;
        added_by: string;
        added_at: number | string;
      }>(
        "SELECT person_id, label, added_by, added_at FROM feed_watch WHERE tenant_id = ? ORDER BY label, person_id",
        [tenantId],
      );
      return rows.map((row) => ({
        personId: row.person_id,
        label: row.label,
        addedBy: row.added_by,
        addedAt: num(row.added_at),
      }));
    }),

    /** Adds or relabels a person; false when the list is full. */
    watch: withSchema(async (tenantId: string, person: WatchedPerson, max: number): Promise<boolean> =>
      db.transaction(async (tx) => {
        const [row] = (await tx.all<{ count: number | string }>(
          "SELECT count(*) AS count FROM feed_watch WHERE tenant_id = ? AND person_id <> ?",
          [tenantId, person.personId],
        )) as [{ count: number | string }];
        if (num(row.count) >= max) return false;
        await tx.run(
          `INSERT INTO feed_watch (tenant_id, person_id, label, added_by, added_at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (tenant_id, person_id) DO UPDATE SET label = excluded.label`,
          [tenantId, person.personId, person.label, person.addedBy, person.addedAt],
        );
        return true;
      }),
    ),

    unwatch: withSchema(
      async (tenantId: string, personId: string): Promise<boolean> =>
        (await db.run("DELETE FROM feed_watch WHERE tenant_id = ? AND person_id = ?", [tenantId, personId])) >
        0,
    ),

    subscriptions: withSchema(async (tenantId: string): Promise<FeedSubscription[]> => {
      const rows = await db.all<{
        id: string;
        resource: string;
        client_state: string;
        expires_at: number | string;
        created_at: number | string;
      }>(
        "SELECT id, resource, client_state, expires_at, created_at FROM feed_subscriptions WHERE tenant_id = ?",
        [tenantId],
      );
      return rows.map((row) => ({
        id: row.id,
        resource: row.resource,
        clientState: row.client_state,
        expiresAt: num(row.expires_at),
        createdAt: num(row.created_at),
      }));
    }),

    saveSubscription: withSchema(async (tenantId: string, subscription: FeedSubscription) => {
      await db.run(
        `INSERT INTO feed_subscriptions (id, tenant_id, resource, client_state, expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET expires_at = excluded.expires_at`,
        [
          subscription.id,
          tenantId,
          subscription.resource,
          subscription.clientState,
          subscription.expiresAt,
          subscription.createdAt,
        ],
      );
    }),

    /** Keeps a replaced subscription's secret accepted until `until`; forgets those past theirs. */
    retire: withSchema(
      async (tenantId: string, subscription: FeedSubscription, now: number, until: number) => {
        await db.transaction(async (tx) => {
          await tx.run(
            `INSERT INTO feed_retired (id, tenant_id, client_state, until_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET until_at = excluded.until_at`,
            [subscription.id, tenantId, subscription.clientState, until],
          );
          await tx.run("DELETE FROM feed_retired WHERE tenant_id = ? AND until_at < ?", [tenantId, now]);
        });
      },
    ),

    /** Replaced subscriptions whose secret is still accepted at `now`. */
    retired: withSchema(async (tenantId: string, now: number) => {
      const rows = await db.all<{ id: string; client_state: string; until_at: number | string }>(
        "SELECT id, client_state, until_at FROM feed_retired WHERE tenant_id = ? AND until_at >= ?",
        [tenantId, now],
      );
      return rows.map((row) => ({ id: row.id, clientState: row.client_state, until: num(row.until_at) }));
    }),

    removeSubscription: withSchema(async (id: string) => {
      await db.run("DELETE FROM feed_subscriptions WHERE id = ?", [id]);
    }),

    addLifecycle: withSchema(
      async (
        tenantId: string,
        events: { id: string; subscriptionId: string; event: LifecycleEvent }[],
        now: number,
      ) => {
        await db.transaction(async (tx) => {
          // One pending event per subscription and kind: copies (Graph's retries, a forged thousand) add nothing.
          for (const event of events)
            await tx.run(
              `INSERT INTO feed_events (id, tenant_id, subscription_id, event, received_at)
               SELECT ?, ?, ?, ?, CAST(? AS BIGINT)
               WHERE NOT EXISTS (SELECT 1 FROM feed_events WHERE tenant_id = ? AND subscription_id = ? AND event = ? AND handled_at IS NULL)`,
              [
                event.id,
                tenantId,
                event.subscriptionId,
                event.event,
                now,
                tenantId,
                event.subscriptionId,
                event.event,
              ],
            );
        });
      },
    ),

    pendingLifecycle: withSchema(async (tenantId: string) => {
      const rows = await db.all<{
        id: string;
        subscription_id: string;
        event: LifecycleEvent;
        received_at: number | string;
      }>(
        "SELECT id, subscription_id, event, received_at FROM feed_events WHERE tenant_id = ? AND handled_at IS NULL ORDER BY received_at, id",
        [tenantId],
      );
      return rows.map((row) => ({
        id: row.id,
        subscriptionId: row.subscription_id,
        event: row.event,
        receivedAt: num(row.received_at),
      }));
    }),

    markHandled: withSchema(async (id: string, now: number) => {
      await db.run("UPDATE feed_events SET handled_at = ? WHERE id = ?", [now, id]);
    }),

    /** Takes or extends a named lease: true when `holder` has it until `now + ttlMs`. */
    acquire: withSchema(
      async (name: string, holder: string, now: number, ttlMs: number): Promise<boolean> => {
        await db.run(
          `INSERT INTO feed_locks (name, holder, until_at) VALUES (?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, until_at = excluded.until_at
         WHERE feed_locks.until_at < ? OR feed_locks.holder = excluded.holder`,
          [name, holder, now + ttlMs, now],
        );
        const [row] = await db.all<{ holder: string }>("SELECT holder FROM feed_locks WHERE name = ?", [
          name,
        ]);
        return row?.holder === holder;
      },
    ),

    release: withSchema(async (name: string, holder: string) => {
      await db.run("DELETE FROM feed_locks WHERE name = ? AND holder = ?", [name, holder]);
    }),

    state: withSchema(async (tenantId: string): Promise<FeedState> => {
      const [row] = await db.all<{
        alive_at: number | string | null;
        backfill_from: number | string | null;
        last_backfill: string | null;
        last_error: string | null;
      }>("SELECT alive_at, backfill_from, last_backfill, last_error FROM feed_state WHERE tenant_id = ?", [
        tenantId,
      ]);
      return {
        aliveAt: row?.alive_at == null ? null : num(row.alive_at),
        backfillFrom: row?.backfill_from == null ? null : num(row.backfill_from),
        lastBackfill: row?.last_backfill
          ? (JSON.parse(row.last_backfill) as FeedState["lastBackfill"])
          : null,
        lastError: row?.last_error ?? null,
      };
    }),

    saveState: withSchema(async (tenantId: string, state: FeedState) => {
      await db.run(
        `INSERT INTO feed_state (tenant_id, alive_at, backfill_from, last_backfill, last_error) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (tenant_id) DO UPDATE SET alive_at = excluded.alive_at, backfill_from = excluded.backfill_from,
           last_backfill = excluded.last_backfill, last_error = excluded.last_error`,
        [
          tenantId,
          state.aliveAt,
          state.backfillFrom,
          state.lastBackfill ? JSON.stringify(state.lastBackfill) : null,
          state.lastError,
        ],
      );
    }),

    /**
     * The tenant-wide clientState earlier versions gave every subscription: made once (the first caller's
     * candidate wins). Subscriptions now carry their own secret; the renewer uses this one to recognise (and
     * replace) subscriptions made before.
     */
    clientState: withSchema(async (tenantId: string, candidate: string): Promise<string> => {
      await db.run(
        `INSERT INTO feed_state (tenant_id, client_state) VALUES (?, ?)
         ON CONFLICT (tenant_id) DO UPDATE SET client_state = coalesce(feed_state.client_state, excluded.client_state)`,
        [tenantId, candidate],
      );
      const [row] = await db.all<{ client_state: string }>(
        "SELECT client_state FROM feed_state WHERE tenant_id = ?",
        [tenantId],
      );
      return row?.client_state ?? candidate;
    }),

    close: () => db.close(),
  };
}

export type FeedStore = ReturnType<typeof createFeedStore>;
