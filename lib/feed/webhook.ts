import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { readJsonBody } from "@/lib/api/body";
import { ApiError } from "@/lib/api/errors";
import { sameClientState } from "./client-state";
import { parseNotificationCollection } from "./notifications";
import type { FeedStore } from "./store";

/** Graph batches up to 1,000 notifications of a few hundred bytes each. */
const MAX_BODY_BYTES = 1024 * 1024;
/** Graph's validation tokens are short opaque strings; a longer "token" is not Graph's. */
const MAX_TOKEN_LENGTH = 2048;
const MAX_IN_FLIGHT = 32;

export interface WebhookOptions {
  store: FeedStore;
  tenantId: string;
  settleMs: number;
  rejudgeAfterMs: number;
  maxQueue: number;
  /**
   * Change notifications one subscription may bring in a minute on this instance: each becomes a Graph read,
   * so a leaked secret cannot turn into a flood of reads. Graph sends two per call (created, updated); 2,000
   * a minute is a tenant of over a million calls a day. Past it: 503 with Retry-After, and Graph retries.
   */
  perSubscriptionPerMinute?: number;
  /** Told after notifications were stored (this process's worker and renewer look at once). */
  onStored?: (kind: "changes" | "lifecycle") => void;
  now?: () => number;
  log?: (fields: Record<string, unknown>) => void;
}

const plain = (body: string, status: number, headers: Record<string, string> = {}) =>
  new Response(body, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", ...headers },
  });

/** The webhook's errors, for whoever posts there (Graph, or someone probing): JSON, never cached. */
export const webhookProblem = (
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
) =>
  new Response(JSON.stringify({ error: { code, message } }), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", ...headers },
  });

/**
 * Graph's side of the feed: `POST /api/notifications/{secret}`. Answers the validation handshake, refuses a
 * path without a known secret before reading anything, checks each notification's subscription, tenant and
 * clientState (constant time), stores the good ones durably, and only then answers 202. Nothing else happens
 * on this path: judging is the worker's.
 */
export function createWebhook(options: WebhookOptions) {
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => undefined);
  let rejected = { count: 0, since: 0 };

  // Each subscription's notification URL ends in its own secret (its clientState, set when subscribing):
  // `/api/notifications/{secret}`. The secret is looked up by its SHA-256 digest, so the comparison takes
  // the same time for any guess, and before a byte of the body is read. The table is read again when a
  // request names a digest not seen yet (a subscription another instance just made), at most four times a
  // second, so a flood of guesses costs one small query per 250 ms and nothing else.
  type Known = { id: string; clientState: string; until: number };
  let bySecret: { map: Map<string, Known>; at: number } = {
    map: new Map(),
    at: -Infinity,
  };
  const digestOf = (secret: string) => createHash("sha256").update(secret, "utf8").digest("base64url");
  async function subscriptionFor(secret: string): Promise<{ id: string; clientState: string } | null> {
    const key = digestOf(secret);
    // Real time, not the injectable clock: this bounds database reads, it is not part of the feed's schedule.
    const elapsed = performance.now() - bySecret.at;
    if ((!bySecret.map.has(key) || elapsed > 30_000) && elapsed > 250) {
      // Held subscriptions, and those replaced at renewal whose secret is still accepted.
      const [held, retired] = await Promise.all([
        options.store.subscriptions(options.tenantId),
        options.store.retired(options.tenantId, now()),
      ]);
      bySecret = {
        map: new Map(
          [
            ...retired.map((s) => ({ id: s.id, clientState: s.clientState, until: s.until })),
            ...held.map((s) => ({ id: s.id, clientState: s.clientState, until: Infinity })),
          ].map((known) => [digestOf(known.clientState), known]),
        ),
        at: performance.now(),
      };
    }
    const known = bySecret.map.get(key);
    // A replaced subscription's secret lapses at its own time, whenever the table was last read.
    return known && known.until >= now() ? known : null;
  }

  function noteRejected(count: number, reason: string) {
    rejected.count += count;
    // One log line per minute at most, with the count: a flood of forgeries must not flood the log too.
    if (now() - rejected.since < 60_000) return;
    log({ level: "warn", message: `feed: notifications rejected (${reason})`, count: rejected.count });
    rejected = { count: 0, since: now() };
  }

  let inFlight = 0;
  // One fixed one-minute window per subscription: cheap, and enough to bound the reads a secret can cause.
  const windows = new Map<string, { start: number; count: number }>();
  function overRate(subscriptionId: string, count: number): boolean {
    const limit = options.perSubscriptionPerMinute ?? 2_000;
    const current = windows.get(subscriptionId);
    const window = current && now() - current.start < 60_000 ? current : { start: now(), count: 0 };
    if (window.count + count > limit) return true;
    window.count += count;
    windows.set(subscriptionId, window);
    if (windows.size > 1_000) windows.delete(windows.keys().next().value ?? "");
    return false;
  }

  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const token = url.searchParams.get("validationToken");
    if (token !== null) {
      if (token.length === 0 || token.length > MAX_TOKEN_LENGTH)
        return plain("The validation token is missing or too long.", 400);
      // Graph checks that the endpoint echoes the token (decoded) as plain text within 10 seconds. It does so
      // while the subscription is being made, before callscope knows its secret: answered on any path.
      return plain(token, 200, { "X-Content-Type-Options": "nosniff" });
    }
    // Decide before reading: a path without a known secret is refused at once, its body never read.
    const secret = /\/api\/notifications\/([A-Za-z0-9_-]{16,128})$/.exec(url.pathname)?.[1];
    const subscription = secret ? await subscriptionFor(secret) : null;
    if (!subscription) {
      noteRejected(1, "no known secret in the notification URL");
      await request.body?.cancel().catch(() => undefined);
      return webhookProblem(404, "unknown_endpoint", "No subscription receives notifications here.", {
        Connection: "close",
      });
    }
    // A flood (forged or not) holds at most this many bodies at once; Graph retries what it is refused.
    if (inFlight >= MAX_IN_FLIGHT)
      return webhookProblem(503, "busy", "Too many notifications at once. Retry later.", {
        "Retry-After": "5",
      });
    inFlight += 1;
    try {
      return await receive(request, subscription);
    } finally {
      inFlight -= 1;
    }
  }

  async function receive(
    request: Request,
    subscription: { id: string; clientState: string },
  ): Promise<Response> {
    let body: unknown;
    try {
      body = await readJsonBody(
        request,
        "a changeNotificationCollection from Microsoft Graph",
        MAX_BODY_BYTES,
      );
    } catch (error) {
      if (error instanceof ApiError) return webhookProblem(error.status, error.code, error.message);
      throw error;
    }
    const parsed = parseNotificationCollection(body);
    if (!parsed.ok) return webhookProblem(400, "malformed_notification", parsed.problem);

    // Graph posts each subscription's notifications to its own URL: anything naming another subscription,
    // another tenant or another clientState is not Graph's for this one.
    const genuine = <
      T extends { clientState: string | null; tenantId: string | null; subscriptionId: string },
    >(
      item: T,
    ) =>
      sameClientState(item.clientState, subscription.clientState) &&
      (item.tenantId === null || item.tenantId === options.tenantId) &&
      item.subscriptionId === subscription.id;
    const changes = parsed.changes.filter(genuine);
    // One lifecycle event per subscription and kind in a body: Graph sends one; a thousand are not Graph.
    const seen = new Set<string>();
    const lifecycle = parsed.lifecycle.filter(genuine).filter((item) => {
      const key = `${item.subscriptionId}:${item.event}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    const forged =
      parsed.changes.length - changes.length + parsed.lifecycle.filter((i) => !genuine(i)).length;
    // The sender learns nothing about which part was wrong: 202 either way.
    if (forged > 0) noteRejected(forged, "clientState, tenant or subscription did not match");

    if (changes.length > 0 && overRate(subscription.id, changes.length)) {
      log({
        level: "warn",
        message: "feed: a subscription's notifications over the rate, refused (Graph retries)",
      });
      return webhookProblem(
        503,
        "too_many_notifications",
        "Too many notifications for this subscription. Retry later.",
        {
          "Retry-After": "60",
        },
      );
    }
    try {
      if (changes.length > 0) {
        const stored = await options.store.enqueue(options.tenantId, changes, {
          now: now(),
          settleMs: options.settleMs,
          rejudgeAfterMs: options.rejudgeAfterMs,
          maxQueue: options.maxQueue,
          source: "notification",
        });
        if (stored.refused) {
          log({
            level: "warn",
            message: "feed: queue full, notifications refused (Graph retries them)",
            count: changes.length,
          });
          // Not acknowledged, so Graph delivers them again later; nothing is lost and the queue stays bounded.
          return webhookProblem(503, "queue_full", "Too many calls are waiting to be judged. Retry later.", {
            "Retry-After": "60",
          });
        }
        options.onStored?.("changes");
      }
      if (lifecycle.length > 0) {
        await options.store.addLifecycle(
          options.tenantId,
          lifecycle.map((item) => ({
            id: randomUUID(),
            subscriptionId: item.subscriptionId,
            event: item.event,
          })),
          now(),
        );
        options.onStored?.("lifecycle");
      }
    } catch (error) {
      log({
        level: "error",
        message: `feed: could not store notifications: ${error instanceof Error ? error.message : String(error)}`,
      });
      // Not stored, not acknowledged: Graph retries.
      return webhookProblem(503, "not_stored", "The notifications could not be stored. Retry later.", {
        "Retry-After": "10",
      });
    }
    return new Response(null, { status: 202, headers: { "Cache-Control": "no-store" } });
  }

  return Object.assign(handle, {
    /** Forget the secrets read so far: this instance just made or replaced a subscription. */
    forgetSecrets() {
      bySecret = { map: new Map(), at: -Infinity };
    },
  });
}
