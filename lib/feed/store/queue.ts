import "server-only";
import type { ExpressionBuilder } from "kysely";
import type { Db } from "@/lib/db/open";
import type { Database } from "@/lib/db/schema";
import { changed } from "@/lib/db/types";
import type { ChangeType, FeedEntry } from "../model";
import { saveJudged } from "./calls";

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

const DROPPED_KEPT_MS = 30 * 24 * 3_600_000;

/** A queued call nobody holds, or whose holder's claim lapsed. */
const unclaimed = (now: number) => (eb: ExpressionBuilder<Database, "feed_queue">) =>
  eb.or([eb("claimed_until", "is", null), eb("claimed_until", "<", now)]);

/** Calls waiting to be judged, claimed by one worker at a time, and the ones given up on. */
export function queueTable(db: Db) {
  return {
    /**
     * Stores notifications durably (one transaction) before Graph hears 202. A call waits in the queue
     * once however many notifications name it; `updated` bumps its sequence so a judging in flight is redone.
     */
    async enqueue(
      tenantId: string,
      changes: { callId: string; changeType: ChangeType }[],
      options: {
        now: number;
        settleMs: number;
        rejudgeAfterMs: number;
        maxQueue: number;
        source: QueueItem["source"];
      },
    ): Promise<EnqueueResult> {
      const result: EnqueueResult = { queued: 0, coalesced: 0, ignored: 0, refused: false };
      const ids = [...new Set(changes.map((change) => change.callId))];
      if (ids.length === 0) return result;
      const q = await db.ready();
      return q.transaction().execute(async (tx) => {
        const queued = new Set(
          (
            await tx
              .selectFrom("feed_queue")
              .select("call_id")
              .where("tenant_id", "=", tenantId)
              .where("call_id", "in", ids)
              .execute()
          ).map((row) => row.call_id),
        );
        const judged = new Map(
          (
            await tx
              .selectFrom("feed_calls")
              .select(["call_id", "judged_at"])
              .where("tenant_id", "=", tenantId)
              .where("call_id", "in", ids)
              .execute()
          ).map((row) => [row.call_id, row.judged_at]),
        );
        const fresh = ids.filter((id) => !queued.has(id));
        if (fresh.length > 0) {
          const { count } = await tx
            .selectFrom("feed_queue")
            .select((eb) => eb.fn.countAll<number>().as("count"))
            .where("tenant_id", "=", tenantId)
            .executeTakeFirstOrThrow();
          if (Number(count) + fresh.length > options.maxQueue) return { ...result, refused: true };
        }
        for (const { callId, changeType } of changes) {
          if (queued.has(callId)) {
            if (changeType === "updated")
              await tx
                .updateTable("feed_queue")
                .set((eb) => ({ seq: eb("seq", "+", 1), last_at: options.now, change_type: "updated" }))
                .where("tenant_id", "=", tenantId)
                .where("call_id", "=", callId)
                .execute();
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
          await tx
            .insertInto("feed_queue")
            .values({
              tenant_id: tenantId,
              call_id: callId,
              change_type: changeType,
              source: options.source,
              first_at: options.now,
              last_at: options.now,
              seq: 1,
              due_at: due,
              claimed_by: null,
              claimed_until: null,
              last_error: null,
            })
            .execute();
          queued.add(callId);
          result.queued += 1;
        }
        return result;
      });
    },

    /** Takes up to `limit` due calls for `holder` until `claimMs` from now; a claim that lapses is taken again. */
    async claim(
      tenantId: string,
      holder: string,
      now: number,
      limit: number,
      claimMs: number,
    ): Promise<QueueItem[]> {
      const q = await db.ready();
      const rows = await q
        .updateTable("feed_queue")
        .set({ claimed_by: holder, claimed_until: now + claimMs })
        .where("tenant_id", "=", tenantId)
        .where("due_at", "<=", now)
        .where(unclaimed(now))
        .where("call_id", "in", (eb) =>
          eb
            .selectFrom("feed_queue")
            .select("call_id")
            .where("tenant_id", "=", tenantId)
            .where("due_at", "<=", now)
            .where(unclaimed(now))
            .orderBy("due_at")
            .limit(limit),
        )
        .returning(["call_id", "change_type", "source", "first_at", "seq", "attempts"])
        .execute();
      return rows.map((row) => ({
        callId: row.call_id,
        changeType: row.change_type as ChangeType,
        source: row.source as QueueItem["source"],
        firstAt: row.first_at,
        seq: row.seq,
        attempts: row.attempts,
      }));
    },

    /**
     * Stores a judged call and takes it off the queue, unless another notification came while it was
     * judged (then it stays, due again after `settleMs`). A judging of an older version never replaces a newer one.
     */
    async finish(
      tenantId: string,
      item: QueueItem,
      entry: FeedEntry,
      personIds: string[],
      options: { now: number; settleMs: number },
    ): Promise<"done" | "again"> {
      const q = await db.ready();
      return q.transaction().execute(async (tx) => {
        await saveJudged(tx, tenantId, entry, personIds);
        const removed = await tx
          .deleteFrom("feed_queue")
          .where("tenant_id", "=", tenantId)
          .where("call_id", "=", item.callId)
          .where("seq", "=", item.seq)
          .executeTakeFirst();
        if (changed(removed) > 0) return "done";
        await tx
          .updateTable("feed_queue")
          .set({ claimed_by: null, claimed_until: null, attempts: 0, due_at: options.now + options.settleMs })
          .where("tenant_id", "=", tenantId)
          .where("call_id", "=", item.callId)
          .execute();
        return "again";
      });
    },

    /** Puts a call back for later: a failed attempt ("not yet") counts towards giving up, a wait ("slow down") does not. */
    async retry(tenantId: string, callId: string, dueAt: number, error: string, counts: "attempt" | "wait") {
      const q = await db.ready();
      await q
        .updateTable("feed_queue")
        .set((eb) => ({
          claimed_by: null,
          claimed_until: null,
          due_at: dueAt,
          attempts: eb("attempts", "+", counts === "attempt" ? 1 : 0),
          last_error: error.slice(0, 500),
        }))
        .where("tenant_id", "=", tenantId)
        .where("call_id", "=", callId)
        .execute();
    },

    /** Takes a call off the queue for good, remembering it (and why) for the status line; forgets after 30 days. */
    async drop(tenantId: string, callId: string, reason: string, now: number) {
      const q = await db.ready();
      await q.transaction().execute(async (tx) => {
        await tx
          .deleteFrom("feed_queue")
          .where("tenant_id", "=", tenantId)
          .where("call_id", "=", callId)
          .execute();
        await tx
          .insertInto("feed_dropped")
          .values({ tenant_id: tenantId, call_id: callId, dropped_at: now, reason: reason.slice(0, 200) })
          .onConflict((conflict) =>
            conflict.columns(["tenant_id", "call_id"]).doUpdateSet((eb) => ({
              dropped_at: eb.ref("excluded.dropped_at"),
              reason: eb.ref("excluded.reason"),
            })),
          )
          .execute();
        await tx
          .deleteFrom("feed_dropped")
          .where("tenant_id", "=", tenantId)
          .where("dropped_at", "<", now - DROPPED_KEPT_MS)
          .execute();
      });
    },

    /** How many calls were given up on since `since`. */
    async droppedSince(tenantId: string, since: number): Promise<number> {
      const q = await db.ready();
      const row = await q
        .selectFrom("feed_dropped")
        .select((eb) => eb.fn.countAll<number>().as("count"))
        .where("tenant_id", "=", tenantId)
        .where("dropped_at", ">=", since)
        .executeTakeFirst();
      return Number(row?.count ?? 0);
    },

    async queueStats(tenantId: string): Promise<{ pending: number; oldest: number | null }> {
      const q = await db.ready();
      const row = await q
        .selectFrom("feed_queue")
        .select((eb) => [eb.fn.countAll<number>().as("count"), eb.fn.min("first_at").as("oldest")])
        .where("tenant_id", "=", tenantId)
        .executeTakeFirst();
      return { pending: Number(row?.count ?? 0), oldest: row?.oldest == null ? null : Number(row.oldest) };
    },
  };
}
