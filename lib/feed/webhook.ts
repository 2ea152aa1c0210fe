import "server-only";
import { randomUUID } from "node:crypto";
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
 * Graph's side of the feed: `POST /api/notifications`. Answers the validation handshake, checks each
 * notification's clientState in constant time, stores the good ones durably, and only then answers 202.
 * Nothing else happens on this path: judging is the worker's.
 */
export function createWebhook(options: WebhookOptions) {
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => undefined);
  let secret: string | null = null;
  let checkedAt = 0;
  let rejected = { count: 0, since: 0 };

  async function expectedClientState(): Promise<string | null> {
    // Made once by the renewer; until then, look again at most every two seconds (forged floods stay cheap).
    if (secret === null && now() - checkedAt > 2000) {
      checkedAt = now();
      secret = await options.store.knownClientState(options.tenantId);
    }
    return secret;
  }

  function noteRejected(count: number, reason: string) {
    rejected.count += count;
    // One log line per minute at most, with the count: a flood of forgeries must not flood the log too.
    if (now() - rejected.since < 60_000) return;
    log({ level: "warn", message: `feed: notifications rejected (${reason})`, count: rejected.count });
    rejected = { count: 0, since: now() };
  }

  let inFlight = 0;

  async function handle(request: Request): Promise<Response> {
    const token = new URL(request.url).searchParams.get("validationToken");
    if (token !== null) {
      if (token.length === 0 || token.length > MAX_TOKEN_LENGTH)
        return plain("The validation token is missing or too long.", 400);
      // Graph checks that the endpoint echoes the token (decoded) as plain text within 10 seconds.
      return plain(token, 200, { "X-Content-Type-Options": "nosniff" });
    }
    // A flood (forged or not) holds at most this many bodies at once; Graph retries what it is refused.
    if (inFlight >= MAX_IN_FLIGHT)
      return webhookProblem(503, "busy", "Too many notifications at once. Retry later.", {
        "Retry-After": "5",
      });
    inFlight += 1;
    try {
      return await receive(request);
    } finally {
      inFlight -= 1;
    }
  }

  async function receive(request: Request): Promise<Response> {
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

    const expected = await expectedClientState();
    const genuine = <T extends { clientState: string | null; tenantId: string | null }>(item: T) =>
      expected !== null &&
      sameClientState(item.clientState, expected) &&
      (item.tenantId === null || item.tenantId === options.tenantId);
    const changes = parsed.changes.filter(genuine);
    const lifecycle = parsed.lifecycle.filter(genuine);
    const forged = parsed.changes.length + parsed.lifecycle.length - changes.length - lifecycle.length;
    // The sender learns nothing about which part was wrong: 202 either way.
    if (forged > 0) noteRejected(forged, "clientState or tenant did not match");

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

  return handle;
}
