import "server-only";
import { followPages } from "@/lib/graph/paging";
import { randomUUID } from "node:crypto";
import { parseCallListPage } from "@/lib/callrecords/parse-call-list";
import { GraphFailure } from "@/lib/graph/errors";
import type { ListPage } from "@/lib/graph/search";
import type { CallListFilter } from "@/lib/graph/links";
import type { SubscriptionsClient } from "@/lib/graph/subscriptions";
import { newClientState } from "./client-state";
import { desiredSubscriptions, planSubscriptions, type FeedScope } from "./plan";
import type { FeedState, FeedStore } from "./store";
import type { FeedSubscription } from "./model";

/** The backfill lists Graph's records a day at a time, so it can stop and resume between days. */
const BACKFILL_WINDOW_MS = 86_400_000;

export interface RenewerOptions {
  store: FeedStore;
  subscriptions: SubscriptionsClient;
  listCalls: (filter: CallListFilter, nextLink: string | null) => Promise<ListPage>;
  tenantId: string;
  holder: string;
  scope: FeedScope;
  /** Where Graph posts notifications (and lifecycle notifications): `{CALLSCOPE_PUBLIC_URL}/api/notifications`. */
  notificationUrl: string;
  lifetimeMs: number;
  /** Renew when less than this is left (default: half the lifetime). */
  renewWithinMs?: number;
  tickMs: number;
  limits: { idsPerSubscription: number; maxSubscriptions: number };
  /** How far before a gap a backfill starts: a record appears up to ~150 minutes after its call ends. */
  lookbackMs: number;
  /** Pages of the list read per person in one backfill. */
  maxBackfillPages: number;
  /**
   * At the very first start, fill this far back from Graph's list (the quality history's past; Graph keeps 30
   * days). 0: no backfill at first start, only after downtime.
   */
  firstBackfillMs?: number;
  /** Queues the changes; `refused` when the queue is full (the backfill then resumes from there next round). */
  enqueue: (
    changes: { callId: string; changeType: "created" | "updated" }[],
  ) => Promise<{ taken: number; refused: boolean }>;
  now?: () => number;
  log?: (fields: Record<string, unknown>) => void;
  /** Told when this instance saved a new subscription (its webhook reads the secrets again). */
  onSubscriptionSaved?: () => void;
}

export interface TickReport {
  holder: boolean;
  created: number;
  renewed: number;
  deleted: number;
  backfilled: number | null;
  /** What went wrong, or a note about the plan (the watch list too long, or empty). */
  error: string | null;
  healthy: boolean;
}

const RETENTION_MS = 30 * 86_400_000;
const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Keeps callscope's subscriptions alive. Every instance runs it; one at a time holds the lease in the report
 * database and does the work: lifecycle notifications, creating, renewing and deleting subscriptions so they
 * match the settings and the watch list, and reading the list of call records to fill gaps (a `missed`
 * notification, a removed subscription, or time when no instance was running).
 */
export function createFeedRenewer(options: RenewerOptions) {
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => undefined);
  const renewWithin = options.renewWithinMs ?? options.lifetimeMs / 2;
  const lock = `feed-renewer:${options.tenantId}`;
  let timer: NodeJS.Timeout | null = null;
  let ticking: Promise<TickReport> | null = null;

  const earliest = (current: number | null, candidate: number) =>
    current === null ? candidate : Math.min(current, candidate);

  /**
   * Lists Graph's call records from `state.backfillFrom` to now, a day's window at a time, and queues those
   * not judged (or judged at an older version). Resumable: each window listed and queued moves
   * `backfillFrom` forward; a window cut short (the page cap, a full queue) is listed again next round.
   */
  async function backfill(state: FeedState, watched: string[]): Promise<number> {
    const start = state.backfillFrom ?? now();
    const people: (string | undefined)[] = options.scope === "watched" ? watched : [undefined];
    let from = start;
    let pagesLeft = options.maxBackfillPages;
    let listed = 0;
    let queued = 0;
    let stopped = false;
    while (from < now() && pagesLeft > 0 && !stopped) {
      const to = Math.min(from + BACKFILL_WINDOW_MS, now() + 60_000);
      const found = new Map<string, number>();
      for (const participantId of people) {
        let pages = 0;
        const walk = followPages(
          (link) => {
            pages += 1;
            return options.listCalls({ from, to, participantId }, link);
          },
          { what: "call records", maxPages: Math.max(1, pagesLeft) },
        );
        for await (const page of walk)
          for (const call of parseCallListPage(page.body).calls)
            found.set(call.id, Math.max(call.version, found.get(call.id) ?? 0));
        pagesLeft -= pages;
        if (walk.incomplete) stopped = true;
      }
      listed += found.size;
      const judged = await options.store.judgedVersions(options.tenantId, [...found.keys()]);
      const changes = [...found]
        .filter(([id, version]) => (judged.get(id) ?? 0) < version)
        .map(([callId]) => ({
          callId,
          changeType: judged.has(callId) ? ("updated" as const) : ("created" as const),
        }));
      if (changes.length > 0) {
        const result = await options.enqueue(changes);
        queued += result.taken;
        if (result.refused) stopped = true;
      }
      if (!stopped) from = to;
    }
    const done = from >= now();
    state.backfillFrom = done ? null : from;
    state.lastBackfill = {
      from: new Date(start).toISOString(),
      to: new Date(Math.min(from, now())).toISOString(),
      listed,
      queued,
      at: new Date(now()).toISOString(),
      complete: done,
    };
    log({
      level: "info",
      message: done ? "feed: backfill done" : "feed: backfill resumes next round",
      ...state.lastBackfill,
    });
    return queued;
  }

  /** A new subscription with its own secret, in its URL and as its clientState: the webhook refuses any other path unread. */
  async function create(resource: string) {
    const secret = newClientState();
    const url = `${options.notificationUrl}/${secret}`;
    const created = await options.subscriptions.create({
      resource,
      notificationUrl: url,
      lifecycleNotificationUrl: url,
      expiresAt: now() + options.lifetimeMs,
      clientState: secret,
    });
    const subscription = {
      id: created.id,
      resource,
      clientState: secret,
      expiresAt: created.expiresAt,
      createdAt: now(),
    };
    await options.store.saveSubscription(options.tenantId, subscription);
    options.onSubscriptionSaved?.();
    log({
      level: "info",
      message: "feed: subscription created",
      subscriptionId: created.id,
      expiresAt: new Date(created.expiresAt).toISOString(),
    });
    return subscription;
  }

  /**
   * Renewal rotates the secret: a new subscription (new URL, new clientState) replaces the old, whose secret
   * stays accepted for one more lifetime (notifications Graph queued or retries on the old URL). Graph
   * documents no way to change a subscription's URL in place. When the new one cannot be made (the tenant's
   * cap, say), the old is renewed in place and keeps its secret. Returns the renewals made (1).
   */
  async function rotate(old: FeedSubscription): Promise<number> {
    let replacement: FeedSubscription | null = null;
    try {
      replacement = await create(old.resource);
    } catch (error) {
      if (error instanceof GraphFailure && error.kind === "throttled") throw error;
      log({
        level: "warn",
        message: `feed: rotating a subscription failed, renewing it in place: ${describe(error)}`,
      });
    }
    if (!replacement) {
      const renewed = await options.subscriptions.renew(old.id, now() + options.lifetimeMs);
      await options.store.saveSubscription(options.tenantId, { ...old, expiresAt: renewed.expiresAt });
      return 1;
    }
    await options.store.retire(options.tenantId, old, now(), now() + options.lifetimeMs);
    await options.store.removeSubscription(old.id);
    try {
      await options.subscriptions.remove(old.id);
    } catch (error) {
      if (!(error instanceof GraphFailure && error.kind === "not-found")) {
        // Graph keeps delivering to the old URL until it expires; its secret is still accepted meanwhile.
        log({ level: "warn", message: `feed: removing a replaced subscription: ${describe(error)}` });
      }
    }
    return 1;
  }

  async function work(): Promise<TickReport> {
    const report: TickReport = {
      holder: false,
      created: 0,
      renewed: 0,
      deleted: 0,
      backfilled: null,
      error: null,
      healthy: true,
    };
    if (!(await options.store.acquire(lock, options.holder, now(), options.tickMs * 3))) return report;
    report.holder = true;
    const state = await options.store.state(options.tenantId);
    const clientState = await options.store.clientState(options.tenantId, newClientState());
    const problems: string[] = [];
    // Nobody renewed for a while: every instance was down, and Graph's notifications went nowhere.
    if (state.aliveAt !== null && now() - state.aliveAt > options.tickMs * 3)
      state.backfillFrom = earliest(state.backfillFrom, state.aliveAt - options.lookbackMs);

    let held = await options.store.subscriptions(options.tenantId);
    // One action per subscription and event kind a round, however many copies arrived (1,000 forged
    // reauthorizationRequired are one renewal), and only for subscriptions callscope holds.
    const done = new Map<string, boolean>();
    for (const event of await options.store.pendingLifecycle(options.tenantId)) {
      const subscription = held.find((candidate) => candidate.id === event.subscriptionId);
      const key = `${event.subscriptionId}:${event.event}`;
      try {
        if (!subscription) {
          // Not ours (or already gone): nothing to renew, and nothing Graph would resend for it.
        } else if (done.has(key)) {
          // Handled this round already.
        } else if (event.event === "reauthorizationRequired") {
          // PATCH with a new expiry reauthorizes and renews in one request.
          const renewed = await options.subscriptions.renew(subscription.id, now() + options.lifetimeMs);
          await options.store.saveSubscription(options.tenantId, {
            ...subscription,
            expiresAt: renewed.expiresAt,
          });
          report.renewed += 1;
        } else if (event.event === "subscriptionRemoved") {
          // Believed only when Graph agrees: a forged removal must not make callscope orphan a live
          // subscription and create a second one.
          if (!(await options.subscriptions.exists(subscription.id))) {
            await options.store.removeSubscription(subscription.id);
            state.backfillFrom = earliest(state.backfillFrom, event.receivedAt - options.lookbackMs);
          }
        } else if (event.event === "missed") {
          state.backfillFrom = earliest(state.backfillFrom, event.receivedAt - options.lookbackMs);
        }
        done.set(key, true);
        await options.store.markHandled(event.id, now());
      } catch (error) {
        if (error instanceof GraphFailure && error.kind === "not-found" && subscription) {
          // Graph no longer has it: recreate below, and fetch what it would have sent.
          await options.store.removeSubscription(subscription.id);
          state.backfillFrom = earliest(state.backfillFrom, event.receivedAt - options.lookbackMs);
          done.set(key, true);
          await options.store.markHandled(event.id, now());
        } else problems.push(`${event.event}: ${describe(error)}`);
      }
    }
    held = await options.store.subscriptions(options.tenantId);

    // Graph can drop a subscription without telling (or lose it, as a restarted emulator does): check each
    // round, so a lost one is recreated within a round, not at its renewal a day later.
    for (const subscription of await options.store.subscriptions(options.tenantId)) {
      if (subscription.expiresAt <= now()) continue;
      try {
        if (await options.subscriptions.exists(subscription.id)) continue;
        await options.store.removeSubscription(subscription.id);
        state.backfillFrom = earliest(state.backfillFrom, (state.aliveAt ?? now()) - options.lookbackMs);
        log({
          level: "warn",
          message: "feed: Graph no longer has a subscription; recreating it",
          subscriptionId: subscription.id,
        });
      } catch (error) {
        problems.push(`checking a subscription: ${describe(error)}`);
      }
    }

    const watched = (await options.store.watchList(options.tenantId)).map((person) => person.personId);
    const desired = desiredSubscriptions(options.scope, watched, options.limits);
    held = await options.store.subscriptions(options.tenantId);
    const firstEver = held.length === 0 && state.aliveAt === null;
    // Made before each subscription had its own secret in its URL (the tenant-wide clientState, posted to the
    // bare `/api/notifications`, which now refuses every body): replaced now, and what it carried backfilled.
    const legacy = held.filter((subscription) => subscription.clientState === clientState);
    if (legacy.length > 0) {
      held = held.filter((subscription) => !legacy.includes(subscription));
      state.backfillFrom = earliest(state.backfillFrom, now() - options.lookbackMs);
    }
    const actions = [
      ...legacy.map((subscription) => ({ kind: "delete" as const, subscription })),
      ...planSubscriptions(desired.resources, held, now(), renewWithin),
    ];
    for (const action of actions) {
      try {
        if (action.kind === "create") {
          await create(action.resource);
          report.created += 1;
        } else if (action.kind === "renew") {
          try {
            report.renewed += await rotate(action.subscription);
          } catch (error) {
            if (!(error instanceof GraphFailure && error.kind === "not-found")) throw error;
            // Gone at Graph: forget it; the next tick creates a new one and backfills the gap.
            await options.store.removeSubscription(action.subscription.id);
            state.backfillFrom = earliest(state.backfillFrom, now() - options.lookbackMs);
          }
        } else {
          await options.subscriptions.remove(action.subscription.id).catch((error: unknown) => {
            if (!(error instanceof GraphFailure && error.kind === "not-found")) throw error;
          });
          await options.store.removeSubscription(action.subscription.id);
          report.deleted += 1;
        }
      } catch (error) {
        problems.push(
          `${action.kind === "create" ? "creating" : action.kind === "renew" ? "renewing" : "deleting"} a subscription: ${describe(error)}`,
        );
      }
    }
    // The first subscription ever has no gap before it (but the history may want Graph's last 30 days); a
    // later start after downtime has one.
    if (firstEver) state.backfillFrom = options.firstBackfillMs ? now() - options.firstBackfillMs : null;

    if (state.backfillFrom !== null && problems.length === 0) {
      try {
        report.backfilled = await backfill(state, watched);
      } catch (error) {
        problems.push(`reading the list of call records to fill a gap: ${describe(error)}`);
      }
    }
    // Graph keeps records 30 days; so does the inbox (its rows name people).
    await options.store.purge(options.tenantId, now() - RETENTION_MS);
    const healthy = problems.length === 0;
    report.healthy = healthy;
    report.error = healthy ? desired.note : problems.join("; ");
    if (!healthy) log({ level: "warn", message: `feed: ${report.error}` });
    await options.store.saveState(options.tenantId, {
      ...state,
      aliveAt: healthy || state.aliveAt === null ? now() : state.aliveAt,
      lastError: report.error,
    });
    return report;
  }

  /** One round; rounds never overlap in this process. */
  function tick(): Promise<TickReport> {
    ticking ??= work().finally(() => {
      ticking = null;
    });
    return ticking;
  }

  return {
    tick,
    start() {
      if (timer) return;
      let failures = 0;
      const run = async () => {
        let wait = options.tickMs;
        try {
          const report = await tick();
          // Until it works (the server may still be starting when Graph first calls back), try again soon.
          failures = report.holder && !report.healthy ? failures + 1 : 0;
        } catch (error) {
          failures += 1;
          log({ level: "error", message: `feed: the renewer failed: ${describe(error)}` });
        }
        if (failures > 0) wait = Math.min(options.tickMs, 2000 * 2 ** (failures - 1));
        if (timer) {
          timer = setTimeout(() => void run(), wait);
          timer.unref?.();
        }
      };
      timer = setTimeout(() => void run(), 1000);
      timer.unref?.();
    },
    async stop() {
      if (timer) clearTimeout(timer);
      timer = null;
      await ticking?.catch(() => undefined);
      await options.store.release(lock, options.holder).catch(() => undefined);
    },
  };
}

export type FeedRenewer = ReturnType<typeof createFeedRenewer>;
export const newHolder = () => randomUUID();
