import "server-only";
import type { Db } from "@/lib/db/open";
import type { CallService } from "@/lib/api/call-service";
import type { SearchPerson } from "@/lib/api/person";
import type { FeedConfig } from "@/lib/config/schema";
import type { CallListFilter } from "@/lib/graph/links";
import type { ListPage } from "@/lib/graph/search";
import type { SubscriptionsClient } from "@/lib/graph/subscriptions";
import { createInbox, createInboxSealer } from "./inbox";
import { createFeedRenewer, newHolder } from "./renewer";
import { createFeedStore } from "./store";
import { createWebhook, webhookProblem } from "./webhook";
import { createFeedWorker, type WorkerOptions } from "./worker";

/** Filtered subscriptions name at most this many people each. */
const IDS_PER_SUBSCRIPTION = 20;
/** A record appears 30 to 150 minutes after its call ends: a gap is filled from this long before it. */
const LOOKBACK_MS = 3 * 3_600_000;
/** A call judged a moment ago is not fetched again for a replayed or repeated `updated` before this. */
const REJUDGE_AFTER_MS = 30_000;

export interface FeedDeps {
  db: Db;
  tenantId: string;
  /** Seals the inbox's page links (CALLSCOPE_CURSOR_SECRET; per process without one). */
  cursorSecret?: string;
  config: FeedConfig | null;
  calls: Pick<CallService, "readCall" | "forget">;
  subscriptions: SubscriptionsClient;
  listCalls: (filter: CallListFilter, nextLink: string | null) => Promise<ListPage>;
  resolvePerson: (input: string) => Promise<SearchPerson>;
  nameOf?: (objectId: string) => Promise<string | null>;
  /** Names this instance in leases and claims (default: random per process). */
  holder?: string;
  log?: (fields: Record<string, unknown>) => void;
  /** Told each call judged (the quality history). */
  onJudged?: WorkerOptions["onJudged"];
  now?: () => number;
  pollMs?: number;
  lookbackMs?: number;
  /** Overrides for tests: renew when this much is left; maximum pages per backfill. */
  renewWithinMs?: number;
  maxBackfillPages?: number;
}

/** Change notifications end to end: the webhook, the queue, the worker, the renewer and the inbox. */
export function createFeed(deps: FeedDeps) {
  const { config, tenantId } = deps;
  const holder = deps.holder ?? newHolder();
  const store = createFeedStore(deps.db);
  const settleMs = config?.settleMs ?? 2000;
  const worker = createFeedWorker({
    store,
    tenantId,
    calls: deps.calls,
    holder,
    concurrency: Math.max(1, config?.workers ?? 2),
    settleMs,
    pollMs: deps.pollMs,
    now: deps.now,
    log: deps.log,
    onJudged: deps.onJudged,
  });
  const enqueueOptions = (source: "notification" | "backfill") => ({
    now: (deps.now ?? Date.now)(),
    settleMs,
    rejudgeAfterMs: REJUDGE_AFTER_MS,
    maxQueue: config?.queueMax ?? 10_000,
    source,
  });
  const renewer = config
    ? createFeedRenewer({
        store,
        subscriptions: deps.subscriptions,
        listCalls: deps.listCalls,
        tenantId,
        holder,
        scope: config.scope,
        notificationUrl: config.notificationUrl,
        lifetimeMs: config.lifetimeMs,
        renewWithinMs: deps.renewWithinMs,
        tickMs: config.tickMs,
        limits: { idsPerSubscription: IDS_PER_SUBSCRIPTION, maxSubscriptions: config.maxSubscriptions },
        lookbackMs: deps.lookbackMs ?? LOOKBACK_MS,
        maxBackfillPages: deps.maxBackfillPages ?? 50,
        firstBackfillMs: (config.firstBackfillDays ?? 0) * 86_400_000,
        onSubscriptionSaved: () => webhook.forgetSecrets(),
        enqueue: async (changes) => {
          const result = await store.enqueue(tenantId, changes, enqueueOptions("backfill"));
          worker.wake();
          return { taken: result.queued + result.coalesced, refused: result.refused };
        },
        now: deps.now,
        log: deps.log,
      })
    : null;
  const webhook = config
    ? createWebhook({
        store,
        tenantId,
        settleMs,
        rejudgeAfterMs: REJUDGE_AFTER_MS,
        maxQueue: config.queueMax,
        perSubscriptionPerMinute: config.perSubscriptionPerMinute,
        onStored: (kind) =>
          kind === "changes" ? worker.wake() : void renewer?.tick().catch(() => undefined),
        now: deps.now,
        log: deps.log,
      })
    : Object.assign(
        async () =>
          webhookProblem(
            404,
            "feed_off",
            "Change notifications are off here: CALLSCOPE_PUBLIC_URL is not set.",
          ),
        { forgetSecrets: () => undefined },
      );
  const inbox = createInbox({
    store,
    tenantId,
    cursors: createInboxSealer(deps.cursorSecret),
    feed: config && { scope: config.scope, publicUrl: config.publicUrl },
    maxWatched: config?.maxWatched ?? 200,
    resolvePerson: deps.resolvePerson,
    nameOf: deps.nameOf,
    onWatchListChanged: () => {
      if (config?.scope === "watched") void renewer?.tick().catch(() => undefined);
    },
    now: deps.now,
  });
  let started = false;
  return {
    store,
    worker,
    renewer,
    webhook,
    inbox,
    holder,
    /** Starts the renewer and the worker (once); a deployment without the feed starts nothing. */
    start() {
      if (started || !config) return;
      started = true;
      renewer?.start();
      if (config.workers > 0) worker.start();
    },
    async stop() {
      worker.stop();
      await renewer?.stop();
    },
  };
}

export type Feed = ReturnType<typeof createFeed>;
