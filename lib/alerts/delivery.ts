import "server-only";
// Sends what the outbox holds. Every instance runs one; a claim keeps the others off a delivery, and lapses if
// its holder dies. Just before the network write a delivery is marked `sending`: if the process dies then,
// nobody knows whether it arrived, so it becomes `unsure` (shown, sent again only when a person asks) rather
// than sent twice. Failures worth another try wait (the destination's Retry-After, else a growing backoff)
// for up to a day; then the delivery fails and the destination shows as broken.
import type { AlertStore, ClaimedDelivery } from "./store";
import type { Senders } from "./senders";

export const GIVE_UP_AFTER_MS = 86_400_000;
/** Destinations sent to at once by one worker. */
const MAX_DESTINATIONS_AT_ONCE = 20;
const sleep = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms).unref?.();
  });
const MAX_RETRY_AFTER_MS = 3_600_000;
const defaultBackoff = (attempt: number) => Math.min(30 * 60_000, 15_000 * 2 ** Math.max(0, attempt - 1));

export interface DeliveryWorkerOptions {
  store: AlertStore;
  senders: Senders;
  tenantId: string;
  holder: string;
  now?: () => number;
  claimMs?: number;
  pollMs?: number;
  batch?: number;
  backoffMs?: (attempt: number) => number;
  log?: (level: "info" | "warn" | "error", message: string, fields?: Record<string, unknown>) => void;
  /** Told when a delivery is sent (the bench measures event → delivered). */
  onSent?: (delivery: ClaimedDelivery, at: number) => void;
}

export function createDeliveryWorker(options: DeliveryWorkerOptions) {
  const now = options.now ?? Date.now;
  const claimMs = options.claimMs ?? 60_000;
  const backoff = options.backoffMs ?? defaultBackoff;
  const log = options.log ?? (() => undefined);
  let running = false;
  let timer: NodeJS.Timeout | null = null;
  let wakeUp: (() => void) | null = null;

  async function sendGroup(group: ClaimedDelivery[]): Promise<void> {
    const { tenantId, store } = options;
    const first = group[0];
    if (!first) return;
    const ids = group.map((delivery) => delivery.id);
    const destination = await store.destination(tenantId, first.destinationId);
    if (!destination) {
      await store.finish(tenantId, ids, {
        status: "failed",
        code: null,
        error: "the destination was deleted",
      });
      return;
    }
    const messages = await store.messages(
      tenantId,
      group.map((delivery) => delivery.eventId),
    );
    const alerts = group.flatMap((delivery) => {
      const message = messages.get(delivery.eventId);
      return message ? [message] : [];
    });
    // Only what this holder still holds goes out (a claim that lapsed mid-drain is someone else's now).
    if ((await store.sending(tenantId, ids, options.holder, now())) < ids.length) {
      log("warn", "alerts: a claim lapsed before sending; left to the next holder", {
        deliveries: ids.length,
      });
      return;
    }
    const outcome = await options.senders.send(destination, alerts, first.id);
    const at = now();
    if (outcome.kind === "sent") {
      await store.finish(tenantId, ids, { status: "sent", code: outcome.status, at });
      await store.destinationOk(tenantId, destination.id, at);
      for (const delivery of group) options.onSent?.(delivery, at);
      log("info", "alerts: delivered", {
        destination: destination.kind,
        alerts: alerts.length,
        attempt: first.attempts + 1,
      });
      return;
    }
    await store.destinationFailed(tenantId, destination.id, at, outcome.error);
    const attempt = first.attempts + 1;
    if (outcome.kind === "retry" && at - first.createdAt < GIVE_UP_AFTER_MS) {
      const wait = Math.max(backoff(attempt), Math.min(outcome.retryAfterMs ?? 0, MAX_RETRY_AFTER_MS));
      await store.finish(tenantId, ids, {
        status: "queued",
        code: outcome.status,
        error: outcome.error,
        dueAt: at + wait,
      });
      log("warn", "alerts: delivery failed, will retry", {
        destination: destination.kind,
        attempt,
        waitMs: wait,
        error: outcome.error,
      });
      return;
    }
    const error = outcome.kind === "retry" ? `gave up after a day of tries: ${outcome.error}` : outcome.error;
    await store.finish(tenantId, ids, { status: "failed", code: outcome.status, error });
    log("warn", "alerts: delivery failed", { destination: destination.kind, attempt, error });
  }

  // Each destination's sends, one at a time, chained: a slow or hostile destination holds up only its own
  // alerts (each attempt ends by its deadline, lib/alerts/outbound.ts), never another destination's.
  const inFlight = new Map<string, Promise<void>>();
  const settled = () => Promise.race(inFlight.values());

  function start(group: ClaimedDelivery[]) {
    const destinationId = group[0]?.destinationId ?? "";
    const before = inFlight.get(destinationId) ?? Promise.resolve();
    const chain = before
      .then(() => sendGroup(group))
      .catch((error: unknown) =>
        log("error", `alerts: sending failed: ${error instanceof Error ? error.message : String(error)}`),
      )
      .finally(() => {
        if (inFlight.get(destinationId) === chain) inFlight.delete(destinationId);
      });
    inFlight.set(destinationId, chain);
  }

  /**
   * Sends everything due now; resolves when nothing due is left and nothing is in flight. While a send is in
   * flight, what falls due meanwhile (another destination's test, a new alert) is claimed and started at the
   * next poll rather than after it.
   */
  async function drain(): Promise<number> {
    let sent = 0;
    for (;;) {
      // Claims are held while they wait in a destination's chain: taken only while few are in flight.
      const claimed =
        inFlight.size < MAX_DESTINATIONS_AT_ONCE
          ? await options.store.claim(options.tenantId, options.holder, now(), options.batch ?? 20, claimMs)
          : [];
      if (claimed.length === 0) {
        if (inFlight.size === 0) return sent;
        await Promise.race([settled(), sleep(options.pollMs ?? 1000)]);
        continue;
      }
      const groups = new Map<string, ClaimedDelivery[]>();
      for (const delivery of claimed) {
        const key = delivery.digestKey ?? delivery.id;
        groups.set(key, [...(groups.get(key) ?? []), delivery]);
      }
      for (const group of groups.values()) start(group);
      sent += claimed.length;
    }
  }

  async function loop() {
    while (running) {
      try {
        await drain();
      } catch (error) {
        log(
          "error",
          `alerts: the delivery worker failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      if (!running) return;
      await new Promise<void>((resolve) => {
        wakeUp = resolve;
        timer = setTimeout(resolve, options.pollMs ?? 1000);
        timer.unref?.();
      });
      wakeUp = null;
    }
  }

  return {
    drain,
    start() {
      if (running) return;
      running = true;
      void loop();
    },
    stop() {
      running = false;
      if (timer) clearTimeout(timer);
      wakeUp?.();
    },
    wake() {
      wakeUp?.();
    },
  };
}

export type DeliveryWorker = ReturnType<typeof createDeliveryWorker>;
