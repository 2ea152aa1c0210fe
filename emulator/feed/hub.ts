// Graph's change notifications for callRecords, as the emulator plays them: subscriptions with the
// validation handshake, expiry and a per-tenant cap; notifications posted to the webhook with retries;
// and controls for tests and the demo (publish calls, send lifecycle events, drop notifications).
import { setTimeout as sleep } from "node:timers/promises";
import { randomBytes, randomUUID } from "node:crypto";
import { demoPeople } from "../../lib/demo/people";
import type { CallStore } from "../data/store";
import { buildWeekCall, type WeekCall } from "../data/week";
import { Random } from "../data/random";

/** Graph's longest lifetime for a callRecords subscription. */
export const MAX_LIFETIME_MS = 4230 * 60_000;
const HANDSHAKE_TIMEOUT_MS = 10_000;
/** Graph waits 3 s for a 2xx, then retries (for up to 4 hours; here a few times, quickly). */
const DELIVERY_TIMEOUT_MS = 3_000;
const RETRY_DELAYS_MS = [500, 1_000, 2_000, 4_000];

export interface Subscription {
  id: string;
  tenantId: string;
  appId: string;
  resource: string;
  /** Participant IDs the resource's $filter names; null for every call. */
  participants: Set<string> | null;
  changeTypes: Set<"created" | "updated">;
  notificationUrl: string;
  lifecycleNotificationUrl: string | null;
  clientState: string | null;
  expiresAt: number;
  /** After reauthorizationRequired, notifications pause until reauthorize or a renewal. */
  paused: boolean;
}

export interface HubStats {
  handshakes: number;
  delivered: number;
  failedDeliveries: number;
  dropped: number;
  lifecycle: number;
  created: number;
  renewed: number;
  published: { id: string; version: number; at: number }[];
}

/** `participants/any(p:p/id eq '…')` or `… in ('…', …)`, optionally joined with `or`: what Graph accepts. */
export function parseSubscriptionResource(
  resource: string,
): { participants: Set<string> | null } | { error: string } {
  const [path, query] = resource.split("?", 2);
  if (path !== "/communications/callRecords" && path !== "communications/callRecords")
    return { error: `Resource '${resource.slice(0, 80)}' is not supported for change notifications here.` };
  if (query === undefined || query === "") return { participants: null };
  const filter = /^\$filter=(.+)$/.exec(decodeURIComponent(query))?.[1];
  if (!filter) return { error: "Only $filter is supported on a callRecords subscription's resource." };
  const ids = new Set<string>();
  for (const clause of filter.split(/\s+or\s+/i)) {
    const eq = /^participants\/any\((\w+):\s*(\w+)\/id\s+eq\s+'([^']+)'\)$/i.exec(clause.trim());
    const inList = /^participants\/any\((\w+):\s*(\w+)\/id\s+in\s+\(([^)]*)\)\)$/i.exec(clause.trim());
    if (eq && eq[1] === eq[2]) ids.add((eq[3] ?? "").toLowerCase());
    else if (inList && inList[1] === inList[2]) {
      for (const item of (inList[3] ?? "").split(",")) {
        const id = /^\s*'([^']+)'\s*$/.exec(item)?.[1];
        if (!id) return { error: "Invalid participant list in $filter." };
        ids.add(id.toLowerCase());
      }
    } else return { error: `Invalid filter clause '${clause.slice(0, 80)}' on the subscription's resource.` };
  }
  return { participants: ids };
}

const freshStats = (): HubStats => ({
  handshakes: 0,
  delivered: 0,
  failedDeliveries: 0,
  dropped: 0,
  lifecycle: 0,
  created: 0,
  renewed: 0,
  published: [],
});

export class SubscriptionHub {
  readonly subscriptions = new Map<string, Subscription>();
  readonly stats: HubStats = freshStats();
  /** The next N notifications are lost (a `missed` lifecycle event is what tells the app). */
  dropNext = 0;
  /** At most this many subscriptions per tenant. */
  limit: number;
  private timers = new Set<NodeJS.Timeout>();
  private publishedCount = 0;

  constructor(
    private readonly store: CallStore,
    options: { limit?: number; log?: (line: string) => void } = {},
  ) {
    this.limit = options.limit ?? 10;
    this.log = options.log ?? (() => undefined);
  }
  private readonly log: (line: string) => void;

  /** Forgets expired subscriptions, as Graph deletes them. */
  live(tenantId?: string): Subscription[] {
    const now = Date.now();
    for (const [id, subscription] of this.subscriptions)
      if (subscription.expiresAt <= now) this.subscriptions.delete(id);
    return [...this.subscriptions.values()].filter((s) => tenantId === undefined || s.tenantId === tenantId);
  }

  /** Graph's validation: POST `url?validationToken=…`, expect 200 with the token as the body within 10 s. */
  async handshake(url: string): Promise<string | null> {
    const token = `Validation: Testing client application reachability for subscription Request-Id: ${randomUUID()}`;
    this.stats.handshakes += 1;
    try {
      const target = new URL(url);
      target.searchParams.set("validationToken", token);
      const response = await fetch(target, {
        method: "POST",
        headers: { "Content-Type": "text/plain" },
        signal: AbortSignal.timeout(HANDSHAKE_TIMEOUT_MS),
      });
      const body = await response.text();
      if (response.status !== 200) return `the endpoint answered ${response.status}`;
      if (body !== token) return "the endpoint did not echo the validation token";
      if (!(response.headers.get("content-type") ?? "").startsWith("text/plain"))
        return "the endpoint did not answer as text/plain";
      return null;
    } catch (error) {
      return `the endpoint could not be reached (${error instanceof Error ? error.message : String(error)})`;
    }
  }

  add(subscription: Omit<Subscription, "id" | "paused">): Subscription {
    const created = { ...subscription, id: randomUUID(), paused: false };
    this.subscriptions.set(created.id, created);
    this.stats.created += 1;
    return created;
  }

  /** Posts one batch to a webhook, retrying what is not acknowledged in time; true when acknowledged. */
  private async post(url: string, value: unknown[]): Promise<boolean> {
    for (let attempt = 0; attempt <= RETRY_DELAYS_MS.length; attempt++) {
      try {
        const response = await fetch(url, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ value }),
          signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
        });
        await response.arrayBuffer().catch(() => undefined);
        if (response.status >= 200 && response.status < 300) return true;
      } catch {
        // Unreachable or too slow: retried like a non-2xx.
      }
      const delay = RETRY_DELAYS_MS[attempt];
      if (delay === undefined) break;
      await sleep(delay);
    }
    this.stats.failedDeliveries += 1;
    this.log(`notification to ${url} not acknowledged after retries`);
    return false;
  }

  /** Tells every matching subscription that a record was created or updated. */
  async notify(recordId: string, changeTypes: ("created" | "updated")[]): Promise<void> {
    const record = this.store.get(recordId, this.store.tenantId);
    if (!record) return;
    const people = this.store.participantIds(record);
    const sends: Promise<boolean>[] = [];
    for (const subscription of this.live(this.store.tenantId)) {
      if (subscription.paused) continue;
      if (subscription.participants && ![...subscription.participants].some((id) => people.has(id))) continue;
      const value = changeTypes
        .filter((type) => subscription.changeTypes.has(type))
        .map((changeType) => ({
          subscriptionId: subscription.id,
          clientState: subscription.clientState,
          changeType,
          resource: `communications/callRecords/${record.id}`,
          subscriptionExpirationDateTime: new Date(subscription.expiresAt).toISOString(),
          resourceData: {
            "@odata.type": "#Microsoft.Graph.callRecord",
            "@odata.id": `communications/callRecords/${record.id}`,
            id: record.id,
          },
          tenantId: subscription.tenantId,
        }));
      if (value.length === 0) continue;
      if (this.dropNext > 0) {
        const lost = Math.min(this.dropNext, value.length);
        this.dropNext -= lost;
        this.stats.dropped += lost;
        value.splice(0, lost);
        if (value.length === 0) continue;
      }
      sends.push(
        this.post(subscription.notificationUrl, value).then(
          (ok) => (ok && (this.stats.delivered += value.length), ok),
        ),
      );
    }
    await Promise.all(sends);
  }

  /** Sends a lifecycle notification to one subscription or all; `subscriptionRemoved` also removes them. */
  async lifecycle(
    event: "subscriptionRemoved" | "missed" | "reauthorizationRequired",
    subscriptionId?: string,
  ): Promise<number> {
    const targets = this.live(this.store.tenantId).filter(
      (s) => subscriptionId === undefined || s.id === subscriptionId,
    );
    await Promise.all(
      targets.map(async (subscription) => {
        if (event === "subscriptionRemoved") this.subscriptions.delete(subscription.id);
        if (event === "reauthorizationRequired") subscription.paused = true;
        this.stats.lifecycle += 1;
        await this.post(subscription.lifecycleNotificationUrl ?? subscription.notificationUrl, [
          {
            subscriptionId: subscription.id,
            subscriptionExpirationDateTime: new Date(subscription.expiresAt).toISOString(),
            tenantId: subscription.tenantId,
            clientState: subscription.clientState,
            lifecycleEvent: event,
          },
        ]);
      }),
    );
    return targets.length;
  }

  /**
   * Publishes `count` new calls spread over `overMs` (each: a new record, then `created` + `updated`), and a
   * second version of each `updateAfterMs` later (`updated`). Every `poorEvery`-th call is poor. Calls are
   * between the demo people; `people` puts one chosen person in every call, or makes the call of two or more.
   */
  publish(options: {
    count: number;
    overMs: number;
    updateAfterMs: number | null;
    poorEvery: number;
    people: string[];
  }): string[] {
    const ids: string[] = [];
    const batch = this.publishedCount;
    for (let i = 0; i < options.count; i++) {
      const n = batch + i;
      const rng = new Random(`feed:${n}:${randomBytes(4).toString("hex")}`);
      const chosen = options.people.flatMap((id) => demoPeople.filter((person) => person.id === id));
      const pool = [...chosen, ...demoPeople.filter((person) => !chosen.includes(person))];
      const organizer = pool[0] ?? demoPeople[0];
      // Two or more chosen people make the whole call; one is joined by others.
      const others = chosen.length >= 2 ? chosen.slice(1) : pool.slice(1, 2 + rng.int(0, 2));
      if (!organizer) break;
      const id = rng.guid();
      const end = Date.now() - rng.int(2, 20) * 60_000;
      const call: WeekCall = {
        id,
        kind: others.length > 1 ? "meeting" : "oneToOne",
        start: end - rng.int(5, 40) * 60_000,
        end,
        organizer,
        others,
        poor: options.poorEvery > 0 && n % options.poorEvery === 0 ? (others[0] ?? null) : null,
      };
      ids.push(id);
      const at = Math.round((options.overMs * i) / Math.max(1, options.count));
      this.later(at, async () => {
        this.store.add(id, () => buildWeekCall(call, "feed", this.store.tenantId));
        const record = this.store.get(id, this.store.tenantId);
        this.stats.published.push({ id, version: record?.version ?? 1, at: Date.now() });
        await this.notify(id, ["created", "updated"]);
      });
      if (options.updateAfterMs !== null)
        this.later(at + options.updateAfterMs, async () => {
          const record = this.store.bumpVersion(id, this.store.tenantId);
          if (record) this.stats.published.push({ id, version: record.version, at: Date.now() });
          await this.notify(id, ["updated"]);
        });
    }
    this.publishedCount += options.count;
    return ids;
  }

  private later(ms: number, work: () => Promise<void>) {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      work().catch((error: unknown) => this.log(`feed: ${String(error)}`));
    }, ms);
    this.timers.add(timer);
  }

  /** Stops scheduled publications (tests, reset). */
  stop() {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  /** Forgets every subscription and count (tests). */
  reset() {
    this.stop();
    this.subscriptions.clear();
    this.dropNext = 0;
    Object.assign(this.stats, freshStats());
  }
}
