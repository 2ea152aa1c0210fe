// The feed end to end against the emulator over the network: subscriptions (handshake, renewal, lifecycle),
// the webhook (forged, replayed, malformed), the queue and the worker, backfill, and two instances.
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { demoPeople } from "@/lib/demo/people";
import type { Principal } from "@/lib/auth/roles";
import { FULL_VIEW } from "@/lib/callrecords/view";
import { MASKED_VIEW } from "@/lib/testing/masked-view";
import { DEMO_TENANT_ID } from "../../emulator/entra/registry";
import { startEmulator, type RunningEmulator } from "@/lib/testing/emulator";
import { feedStack, startWebhook, tempDbPath, type Webhook } from "@/lib/testing/feed-stack";
import type { Feed } from "./feed";
import type { InboxPage } from "./describe";

let emulator: RunningEmulator;
let webhook: Webhook;
const feeds: Feed[] = [];
const investigator: Principal = {
  kind: "demo",
  oid: "t",
  name: "Tester",
  username: null,
  tenantId: DEMO_TENANT_ID,
  roles: [],
  seesPersonalData: true,
};

beforeAll(async () => {
  emulator = await startEmulator({ throttle: false, now: Date.now() });
  webhook = await startWebhook();
});
afterAll(async () => {
  await webhook.close();
  await emulator.close();
});
beforeEach(() => {
  emulator.hub.reset();
  emulator.hub.limit = 10;
  emulator.stats.clear();
});
afterEach(async () => {
  emulator.hub.stop();
  for (const feed of feeds.splice(0)) await feed.stop();
});

function track(feed: Feed): Feed {
  feeds.push(feed);
  return feed;
}

async function until<T>(probe: () => Promise<T | null | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((done) => setTimeout(done, 50));
  }
}

/** Where Graph posts for the subscription callscope holds: its own URL, ending in its secret. */
const hookUrl = () => emulator.hub.live()[0]?.notificationUrl ?? `${webhook.url}/api/notifications`;

const post = (body: unknown, query = "", url = hookUrl()) =>
  fetch(`${url}${query}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

const inbox = async (feed: Feed, query = "") =>
  JSON.parse(
    await feed.inbox.page(
      {
        poorOnly: false,
        order: "poor",
        watchedOnly: false,
        person: null,
        cursor: null,
        ...JSON.parse(query || "{}"),
      },
      FULL_VIEW,
    ),
  ) as InboxPage;

/** A subscribed feed serving the webhook. */
async function subscribed(options: Parameters<typeof feedStack>[2] = { dbPath: tempDbPath() }) {
  const feed = track(feedStack(emulator, webhook, options));
  webhook.handler = feed.webhook;
  const report = await feed.renewer?.tick();
  expect(report?.created).toBe(1);
  return feed;
}

const change = (
  subscriptionId: string,
  clientState: string | null,
  callId: string,
  changeType = "created",
) => ({
  subscriptionId,
  clientState,
  changeType,
  resource: `communications/callRecords/${callId}`,
  subscriptionExpirationDateTime: "2026-12-01T00:00:00Z",
  resourceData: {
    "@odata.type": "#Microsoft.Graph.callRecord",
    "@odata.id": `communications/callRecords/${callId}`,
    id: callId,
  },
  tenantId: DEMO_TENANT_ID,
});

describe("subscribing", () => {
  it("passes Graph's handshake: the token echoed as text/plain", async () => {
    const feed = track(feedStack(emulator, webhook, { dbPath: tempDbPath() }));
    webhook.handler = feed.webhook;
    const token = "Validation: Testing client application reachability <script>&";
    const answer = await fetch(
      `${webhook.url}/api/notifications?validationToken=${encodeURIComponent(token)}`,
      {
        method: "POST",
      },
    );
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await answer.text()).toBe(token);
    const report = await feed.renewer?.tick();
    expect(report).toMatchObject({ holder: true, created: 1, healthy: true });
    const [subscription] = emulator.hub.live();
    // Its own secret in its URL, the same as its clientState: the webhook knows it before reading a body.
    expect(subscription?.notificationUrl).toMatch(
      new RegExp(`^${webhook.url}/api/notifications/[A-Za-z0-9_-]{43}$`),
    );
    expect(subscription?.notificationUrl.endsWith(`/${subscription?.clientState}`)).toBe(true);
    expect(subscription?.lifecycleNotificationUrl).toBe(subscription?.notificationUrl);
    expect(subscription?.clientState).toMatch(/^[\w-]{40,}$/);
    expect(subscription?.changeTypes).toEqual(new Set(["created", "updated"]));
    // Renewed ticks change nothing while the subscription is young.
    expect(await feed.renewer?.tick()).toMatchObject({ created: 0, renewed: 0, deleted: 0 });
  });

  it("says why when the endpoint fails the handshake, and subscribes once it answers", async () => {
    const feed = track(feedStack(emulator, webhook, { dbPath: tempDbPath() }));
    webhook.handler = async () =>
      new Response("nope", { status: 200, headers: { "Content-Type": "text/plain" } });
    const failed = await feed.renewer?.tick();
    expect(failed?.healthy).toBe(false);
    expect(failed?.error).toMatch(/validation/i);
    expect(emulator.hub.live()).toHaveLength(0);
    expect((await feed.inbox.status()).problem).toMatch(/validation/i);
    webhook.handler = feed.webhook;
    expect(await feed.renewer?.tick()).toMatchObject({ created: 1, healthy: true });
  });

  it("renews well before expiry, not before, rotating the secret; the old one is accepted for one lifetime", async () => {
    let clock = Date.now();
    const hour = 3_600_000;
    const feed = await subscribed({
      dbPath: tempDbPath(),
      env: { CALLSCOPE_FEED_LIFETIME_MINUTES: "60", CALLSCOPE_FEED_SETTLE_SECONDS: "3600" },
      now: () => clock,
    });
    const first = emulator.hub.live()[0];
    clock += 0.25 * hour;
    expect(await feed.renewer?.tick()).toMatchObject({ renewed: 0 });
    clock += 0.35 * hour; // 36 minutes in: less than half the lifetime left
    expect(await feed.renewer?.tick()).toMatchObject({ renewed: 1 });
    // A new subscription with a new secret replaced the old one, at Graph and in callscope.
    const second = emulator.hub.live();
    expect(second).toHaveLength(1);
    expect(second[0]?.id).not.toBe(first?.id);
    expect(second[0]?.notificationUrl).not.toBe(first?.notificationUrl);
    expect(second[0]?.expiresAt).toBeGreaterThan((first?.expiresAt ?? 0) + 0.5 * hour);
    expect((await feed.store.subscriptions(DEMO_TENANT_ID)).map((s) => s.id)).toEqual([second[0]?.id]);
    // Notifications Graph queued on the old URL still count, for one lifetime.
    const callIds = [randomUUID(), randomUUID()];
    const pending = (await feed.store.queueStats(DEMO_TENANT_ID)).pending;
    const late = change(first?.id ?? "", first?.clientState ?? "", callIds[0] ?? "");
    expect((await post({ value: [late] }, "", first?.notificationUrl)).status).toBe(202);
    expect((await feed.store.queueStats(DEMO_TENANT_ID)).pending).toBe(pending + 1);
    // After that lifetime the old secret opens nothing.
    clock += 1.1 * hour;
    await new Promise((done) => setTimeout(done, 300));
    const stale = change(first?.id ?? "", first?.clientState ?? "", callIds[1] ?? "");
    expect((await post({ value: [stale] }, "", first?.notificationUrl)).status).toBe(404);
  });

  it("recreates the subscription after subscriptionRemoved, and fills the gap from the list", async () => {
    const feed = await subscribed();
    const before = emulator.hub.live()[0]?.id;
    expect(await emulator.hub.lifecycle("subscriptionRemoved")).toBe(1);
    await until(
      async () =>
        (await feed.store.pendingLifecycle(DEMO_TENANT_ID.toLowerCase())).length > 0 ||
        emulator.hub.stats.created > 1,
    );
    const report = await until(async () => {
      const tick = await feed.renewer?.tick();
      return emulator.hub.live().length === 1 && tick;
    });
    expect(report).toBeTruthy();
    const after = emulator.hub.live()[0]?.id;
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
    expect((await feed.inbox.status()).lastBackfill).not.toBeNull();
  });

  it("notices a subscription Graph dropped without a word, recreates it and fills the gap", async () => {
    const feed = await subscribed();
    emulator.hub.subscriptions.clear();
    const report = await feed.renewer?.tick();
    expect(report).toMatchObject({ created: 1, healthy: true });
    expect(report?.backfilled).not.toBeNull();
    expect(emulator.hub.live()).toHaveLength(1);
    expect(await feed.store.subscriptions(DEMO_TENANT_ID)).toHaveLength(1);
  });

  it("reauthorizes after reauthorizationRequired, and notifications flow again", async () => {
    const feed = await subscribed();
    await emulator.hub.lifecycle("reauthorizationRequired");
    expect(emulator.hub.live()[0]?.paused).toBe(true);
    await until(async () => (await feed.renewer?.tick())?.renewed === 1);
    expect(emulator.hub.live()[0]?.paused).toBe(false);
  });

  it("keeps within the tenant's cap: a refused creation is reported, not retried in a loop", async () => {
    emulator.hub.limit = 0;
    const feed = track(feedStack(emulator, webhook, { dbPath: tempDbPath() }));
    webhook.handler = feed.webhook;
    const report = await feed.renewer?.tick();
    expect(report?.healthy).toBe(false);
    expect(report?.error).toMatch(/limit/);
    expect(emulator.hub.stats.created).toBe(0);
  });
});

describe("notifications", () => {
  it("judges published calls, coalescing created+updated, re-judging a later version", async () => {
    let clock = Date.now();
    const feed = await subscribed({ dbPath: tempDbPath(), now: () => clock });
    const ids = emulator.hub.publish({ count: 6, overMs: 0, updateAfterMs: null, poorEvery: 2, people: [] });
    await until(async () => emulator.hub.stats.delivered >= 12);
    expect(await feed.worker.drain()).toMatchObject({ judged: 6 });
    let page = await inbox(feed);
    expect(page.calls.map((c) => c.callId).sort()).toEqual([...ids].sort());
    const version = (id: string) => emulator.store.get(id, DEMO_TENANT_ID)?.version;
    const first = new Map(page.calls.map((c) => [c.callId, c.version]));
    expect(page.calls.every((c) => c.version === version(c.callId))).toBe(true);
    // Poor first, newest first within each.
    const poor = page.calls.filter((c) => c.quality === "poor");
    expect(poor.length).toBeGreaterThan(0);
    expect(page.calls.slice(0, poor.length).every((c) => c.quality === "poor")).toBe(true);
    const starts = (calls: typeof page.calls) => calls.map((c) => Date.parse(c.startDateTime));
    expect(starts(poor)).toEqual([...starts(poor)].sort((a, b) => b - a));
    // Each record was read once for its two notifications.
    for (const id of ids) expect(emulator.stats.get(id)?.firstPage).toBe(1);
    // Graph publishes a later version of each: judged again, after the short pause that absorbs replays.
    for (const id of ids) {
      emulator.store.bumpVersion(id, DEMO_TENANT_ID);
      await emulator.hub.notify(id, ["updated"]);
    }
    expect((await feed.store.queueStats(DEMO_TENANT_ID)).pending).toBe(6);
    expect(await feed.worker.drain()).toMatchObject({ judged: 0 });
    clock += 31_000;
    expect(await feed.worker.drain()).toMatchObject({ judged: 6 });
    page = await inbox(feed);
    expect(page.calls.every((c) => c.version === (first.get(c.callId) ?? 0) + 1)).toBe(true);
    for (const id of ids) expect(emulator.stats.get(id)?.firstPage).toBe(2);
  });

  it("a throttled judging waits for Retry-After and does not count towards giving up", async () => {
    let clock = Date.now();
    const feed = await subscribed({ dbPath: tempDbPath(), now: () => clock });
    const [id] = emulator.hub.publish({ count: 1, overMs: 0, updateAfterMs: null, poorEvery: 0, people: [] });
    await until(async () => emulator.hub.stats.delivered >= 2);
    emulator.faults.set({ rate429: 1, retryAfterSeconds: 120 });
    try {
      for (let round = 0; round < 10; round++) {
        expect(await feed.worker.drain()).toMatchObject({ judged: 0, dropped: 0 });
        const [claimed] = await feed.store.claim(DEMO_TENANT_ID, "probe", clock + 121_000, 1, 1);
        expect(claimed).toMatchObject({ callId: id, attempts: 0 });
        clock += 121_000 + 2;
      }
    } finally {
      emulator.faults.set({});
    }
    clock += 1000;
    expect(await feed.worker.drain()).toMatchObject({ judged: 1 });
  }, 60_000);

  it("a record Graph has not published is asked for within its 150-minute delay, then given up on and counted", async () => {
    let clock = Date.now();
    const feed = await subscribed({ dbPath: tempDbPath(), now: () => clock });
    const live = emulator.hub.live()[0];
    const missing = randomUUID();
    expect((await post({ value: [change(live?.id ?? "", live?.clientState ?? "", missing)] })).status).toBe(
      202,
    );
    clock += 3_000;
    const reads: number[] = [];
    for (let round = 0; round < 20; round++) {
      const report = await feed.worker.drain();
      reads.push(clock);
      if (report.dropped === 1) break;
      const [next] = await feed.store.claim(DEMO_TENANT_ID, "probe", clock + 31 * 60_000, 1, 1);
      expect(next?.callId).toBe(missing);
      // Jump to just after it is due again.
      clock += 31 * 60_000 + 2;
    }
    const spanMinutes = ((reads.at(-1) ?? 0) - (reads[0] ?? 0)) / 60_000;
    // Not hammered (a handful of reads), not given up before Graph's 150 minutes.
    expect(reads.length).toBeLessThan(12);
    expect(spanMinutes).toBeGreaterThan(120);
    expect((await feed.store.queueStats(DEMO_TENANT_ID)).pending).toBe(0);
    expect((await feed.inbox.status()).gaveUp).toBe(1);
  }, 60_000);

  it("stores nothing for a wrong clientState or another tenant, and answers 202 all the same", async () => {
    const feed = await subscribed();
    const subscriptionId = emulator.hub.live()[0]?.id ?? "";
    const callId = emulator.store.list(DEMO_TENANT_ID)[0]?.id ?? "";
    const forged = await post({ value: [change(subscriptionId, "guessed", callId)] });
    expect(forged.status).toBe(202);
    const noState = await post({ value: [change(subscriptionId, null, callId)] });
    expect(noState.status).toBe(202);
    const real = emulator.hub.live()[0]?.clientState ?? "";
    const otherTenant = await post({
      value: [{ ...change(subscriptionId, real, callId), tenantId: "00000000-0000-4000-8000-000000000000" }],
    });
    expect(otherTenant.status).toBe(202);
    expect((await feed.store.queueStats(DEMO_TENANT_ID)).pending).toBe(0);
    expect(await feed.worker.drain()).toMatchObject({ judged: 0 });
  });

  it("refuses a path without the subscription's secret at once, without reading the body", async () => {
    const feed = await subscribed();
    const stalled = () =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          // A body that is begun and never finished: only a webhook that reads it would wait.
          controller.enqueue(new TextEncoder().encode('{"value":['));
        },
      });
    for (const url of [
      `${webhook.url}/api/notifications`,
      `${webhook.url}/api/notifications/${"x".repeat(43)}`,
      `${webhook.url}/api/notifications/short`,
    ]) {
      const started = Date.now();
      const answer = await fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: stalled(),
        duplex: "half",
      } as RequestInit);
      expect(answer.status, url).toBe(404);
      expect(((await answer.json()) as { error: { code: string } }).error.code).toBe("unknown_endpoint");
      expect(Date.now() - started).toBeLessThan(1_000);
    }
    // The handshake is answered on any path (Graph validates a URL before the subscription exists).
    expect((await post({}, "?validationToken=abc", `${webhook.url}/api/notifications`)).status).toBe(200);
    expect((await feed.store.queueStats(DEMO_TENANT_ID)).pending).toBe(0);
  });

  it("a stray post just before a subscription exists does not hide the new secret", async () => {
    // A frozen clock: the webhook's re-read of secrets must not wait on the feed's schedule.
    const clock = Date.now();
    const feed = track(feedStack(emulator, webhook, { dbPath: tempDbPath(), now: () => clock }));
    webhook.handler = feed.webhook;
    // A guess arrives first: the webhook reads the (empty) table of secrets.
    expect((await post({ value: [] }, "", `${webhook.url}/api/notifications/${"g".repeat(43)}`)).status).toBe(
      404,
    );
    expect(await feed.renewer?.tick()).toMatchObject({ created: 1 });
    const live = emulator.hub.live()[0];
    const body = { value: [change(live?.id ?? "", live?.clientState ?? "", randomUUID())] };
    expect((await post(body)).status).toBe(202);
    expect((await feed.store.queueStats(DEMO_TENANT_ID)).pending).toBe(1);
  });

  it("drops notifications naming a subscription callscope does not hold, even with the right secret", async () => {
    const feed = await subscribed();
    const live = emulator.hub.live()[0];
    const callIds = emulator.store
      .list(DEMO_TENANT_ID)
      .slice(0, 20)
      .map((record) => record.id);
    const forged = await post({
      value: callIds.map((id, i) => change(`made-up-${i}`, live?.clientState ?? "", id)),
    });
    expect(forged.status).toBe(202);
    expect((await feed.store.queueStats(DEMO_TENANT_ID)).pending).toBe(0);
  });

  it("bounds what one subscription can bring in a minute: past it 503 and Graph retries, nothing half-stored", async () => {
    const feed = await subscribed({
      dbPath: tempDbPath(),
      env: { CALLSCOPE_FEED_NOTIFICATIONS_PER_MINUTE: "50", CALLSCOPE_FEED_SETTLE_SECONDS: "3600" },
    });
    const live = emulator.hub.live()[0];
    const batch = () => ({
      value: Array.from({ length: 30 }, () => change(live?.id ?? "", live?.clientState ?? "", randomUUID())),
    });
    expect((await post(batch())).status).toBe(202);
    const refused = await post(batch());
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe("60");
    expect((await feed.store.queueStats(DEMO_TENANT_ID)).pending).toBe(30);
  });

  it("1,000 reauthorizationRequired in one body are one renewal", async () => {
    const feed = await subscribed();
    const live = emulator.hub.live()[0];
    const event = {
      subscriptionId: live?.id,
      clientState: live?.clientState,
      tenantId: DEMO_TENANT_ID,
      lifecycleEvent: "reauthorizationRequired",
    };
    const before = emulator.hub.stats.renewed;
    expect((await post({ value: Array.from({ length: 1000 }, () => event) })).status).toBe(202);
    // Stored once: the pending event is not repeated by the copies.
    expect((await feed.store.pendingLifecycle(DEMO_TENANT_ID.toLowerCase())).length).toBeLessThanOrEqual(1);
    // The webhook wakes the renewer itself; however many rounds run, Graph sees one renewal.
    await until(async () => {
      await feed.renewer?.tick();
      return (await feed.store.pendingLifecycle(DEMO_TENANT_ID.toLowerCase())).length === 0;
    });
    expect(emulator.hub.stats.renewed - before).toBe(1);
  });

  it("believes subscriptionRemoved only when Graph agrees: a forged one orphans nothing", async () => {
    const feed = await subscribed();
    const live = emulator.hub.live()[0];
    const removed = {
      subscriptionId: live?.id,
      clientState: live?.clientState,
      tenantId: DEMO_TENANT_ID,
      lifecycleEvent: "subscriptionRemoved",
    };
    expect((await post({ value: [removed] })).status).toBe(202);
    expect(await feed.renewer?.tick()).toMatchObject({ created: 0, deleted: 0 });
    expect(emulator.hub.live().map((s) => s.id)).toEqual([live?.id]);
    expect((await feed.store.subscriptions(DEMO_TENANT_ID)).map((s) => s.id)).toEqual([live?.id]);
    expect(emulator.hub.stats.created).toBe(1);
  });

  it("refuses malformed bodies with 400 and stores nothing", async () => {
    const feed = await subscribed();
    const real = emulator.hub.live()[0]?.clientState ?? "";
    const id = emulator.hub.live()[0]?.id ?? "";
    for (const body of [
      "{not json",
      { value: [] },
      { items: [] },
      { value: [{ ...change(id, real, "not-a-guid") }] },
      { value: [{ ...change(id, real, demoPeople[0]?.id ?? ""), changeType: "deleted" }] },
      { value: [{ subscriptionId: id, clientState: real, lifecycleEvent: "exploded" }] },
    ]) {
      const answer = await post(body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(((await answer.json()) as { error: { code: string } }).error.code).toMatch(
        /malformed|invalid_json/,
      );
    }
    const wrongType = await fetch(hookUrl(), {
      method: "POST",
      body: "{}",
      headers: { "Content-Type": "text/plain" },
    });
    expect(wrongType.status).toBe(415);
    expect((await feed.store.queueStats(DEMO_TENANT_ID)).pending).toBe(0);
  });

  it("a replayed notification is stored once and the record read once", async () => {
    const feed = await subscribed();
    const subscription = emulator.hub.live()[0];
    const callId = emulator.store.list(DEMO_TENANT_ID).at(-1)?.id ?? "";
    const body = { value: [change(subscription?.id ?? "", subscription?.clientState ?? "", callId)] };
    const answers = await Promise.all(Array.from({ length: 30 }, () => post(body)));
    expect(answers.every((answer) => answer.status === 202)).toBe(true);
    expect((await feed.store.queueStats(DEMO_TENANT_ID)).pending).toBe(1);
    expect(await feed.worker.drain()).toMatchObject({ judged: 1 });
    // Replayed after judging: `created` for a known call is ignored.
    await post(body);
    expect((await feed.store.queueStats(DEMO_TENANT_ID)).pending).toBe(0);
    expect(emulator.stats.get(callId)?.firstPage).toBe(1);
  });

  it("bounds the queue: past its length notifications are refused with 503 (Graph retries), none half-stored", async () => {
    const feed = await subscribed({
      dbPath: tempDbPath(),
      env: { CALLSCOPE_FEED_QUEUE_MAX: "10", CALLSCOPE_FEED_SETTLE_SECONDS: "3600" },
    });
    const subscription = emulator.hub.live()[0];
    const ids = emulator.store
      .list(DEMO_TENANT_ID)
      .slice(0, 14)
      .map((record) => record.id);
    const first = await post({
      value: ids.slice(0, 8).map((id) => change(subscription?.id ?? "", subscription?.clientState ?? "", id)),
    });
    expect(first.status).toBe(202);
    const second = await post({
      value: ids.slice(8).map((id) => change(subscription?.id ?? "", subscription?.clientState ?? "", id)),
    });
    expect(second.status).toBe(503);
    expect(second.headers.get("retry-after")).toBe("60");
    expect((await feed.store.queueStats(DEMO_TENANT_ID)).pending).toBe(8);
  });

  it("holds a bounded number of bodies at once: past it, 503 and Graph retries", async () => {
    await subscribed();
    const enders: (() => void)[] = [];
    // 32 senders that start a body and never finish it.
    const stalled = Array.from({ length: 32 }, () => {
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"value":['));
          enders.push(() => controller.close());
        },
      });
      return fetch(hookUrl(), {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body,
        duplex: "half",
      } as RequestInit).catch(() => null);
    });
    await until(async () => {
      const answer = await post({ value: [] });
      return answer.status === 503 && answer;
    });
    const busy = await post({ value: [] });
    expect(busy.status).toBe(503);
    expect(busy.headers.get("retry-after")).toBe("5");
    for (const end of enders) end();
    const answers = await Promise.all(stalled);
    expect(answers.every((answer) => answer?.status === 400)).toBe(true);
    // The handshake is never refused, and once the bodies are done the webhook takes notifications again.
    expect((await post({}, "?validationToken=abc")).status).toBe(200);
    expect((await post({ value: [] })).status).toBe(400);
  });

  it("backfills from the list after `missed`: dropped notifications still end up judged", async () => {
    const feed = await subscribed();
    emulator.hub.dropNext = 1000;
    const ids = emulator.hub.publish({ count: 5, overMs: 0, updateAfterMs: null, poorEvery: 2, people: [] });
    await until(async () => emulator.hub.stats.dropped >= 10);
    expect(await feed.worker.drain()).toMatchObject({ judged: 0 });
    emulator.hub.dropNext = 0;
    await emulator.hub.lifecycle("missed");
    await until(async () => (await feed.renewer?.tick())?.backfilled !== null);
    await feed.worker.drain();
    const judged = (await inbox(feed)).calls.map((c) => c.callId);
    for (const id of ids) expect(judged).toContain(id);
    const backfill = (await feed.inbox.status()).lastBackfill;
    expect(backfill?.queued).toBeGreaterThanOrEqual(ids.length);
  });

  it("the very first start fills in Graph's last 30 days, a day at a time, resuming where a round stopped", async () => {
    const ids = emulator.hub.publish({ count: 4, overMs: 0, updateAfterMs: null, poorEvery: 2, people: [] });
    await until(async () => emulator.store.list(DEMO_TENANT_ID).some((r) => r.id === ids[3]));
    // One page a round: each round lists one day's window (or less) and says how far it got.
    const feed = track(
      feedStack(emulator, webhook, {
        dbPath: tempDbPath(),
        env: { CALLSCOPE_HISTORY_BACKFILL_DAYS: "30" },
        maxBackfillPages: 1,
      }),
    );
    webhook.handler = feed.webhook;
    const seen: string[] = [];
    for (let round = 0; round < 40; round++) {
      await feed.renewer?.tick();
      const last = (await feed.inbox.status()).lastBackfill;
      if (last) seen.push(last.to);
      if (last?.complete) break;
    }
    const status = (await feed.inbox.status()).lastBackfill;
    expect(status?.complete).toBe(true);
    // It started 30 days back (the first round reached only a day further) and moved forward round by round.
    expect(Date.now() - Date.parse(seen[0] ?? "")).toBeGreaterThan(86_400_000 * 28);
    expect(new Set(seen).size).toBeGreaterThan(10);
    expect([...seen].sort()).toEqual(seen);
    await feed.worker.drain();
    const judged = (await inbox(feed)).calls.map((c) => c.callId);
    for (const id of ids) expect(judged).toContain(id);
  }, 60_000);

  it("after downtime (no renewer for a while) the next start fills the gap", async () => {
    let clock = Date.now();
    const dbPath = tempDbPath();
    const feed = await subscribed({ dbPath, now: () => clock, env: { CALLSCOPE_FEED_TICK_SECONDS: "60" } });
    await feed.stop();
    const ids = emulator.hub.publish({ count: 3, overMs: 0, updateAfterMs: null, poorEvery: 2, people: [] });
    // Nobody listens: the notifications fail.
    webhook.handler = async () => new Response(null, { status: 503 });
    await until(async () => emulator.store.list(DEMO_TENANT_ID).some((r) => r.id === ids[2]));
    clock += 10 * 60_000;
    const restarted = track(feedStack(emulator, webhook, { dbPath, now: () => clock }));
    webhook.handler = restarted.webhook;
    const report = await restarted.renewer?.tick();
    expect(report?.backfilled).toBeGreaterThanOrEqual(3);
    await restarted.worker.drain();
    const judged = (await inbox(restarted)).calls.map((c) => c.callId);
    for (const id of ids) expect(judged).toContain(id);
  }, 40_000);

  it("marks a watch-list person's calls and filters on them", async () => {
    const feed = await subscribed();
    const [priya, owen] = demoPeople;
    await feed.inbox.watch(investigator, { person: owen?.userPrincipalName });
    const watchedIds = emulator.hub.publish({
      count: 2,
      overMs: 0,
      updateAfterMs: null,
      poorEvery: 0,
      people: [owen?.id ?? ""],
    });
    await until(async () => emulator.hub.stats.delivered >= 4);
    await feed.worker.drain();
    const all = await inbox(feed);
    const marked = all.calls.filter((c) => c.watched).map((c) => c.callId);
    expect(marked.sort()).toEqual([...watchedIds].sort());
    expect(all.calls.find((c) => c.watched)?.watchedPeople).toContain(owen?.displayName);
    const onlyWatched = await inbox(feed, JSON.stringify({ watchedOnly: true }));
    expect(onlyWatched.calls.every((c) => c.watched)).toBe(true);
    const byPerson = await inbox(feed, JSON.stringify({ person: priya?.id }));
    expect(byPerson.calls.every((c) => c.people.some((p) => p.identity?.id === priya?.id))).toBe(true);
    // A Reader sees the marks, not the names.
    const masked = await feed.inbox.page(
      { poorOnly: false, order: "poor", watchedOnly: false, person: null, cursor: null },
      MASKED_VIEW,
    );
    for (const person of demoPeople) {
      expect(masked).not.toContain(person.displayName);
      expect(masked).not.toContain(person.id);
    }
    expect((JSON.parse(masked) as InboxPage).calls.filter((c) => c.watched)).toHaveLength(2);
    // A Reader cannot see or change the list.
    const reader = { ...investigator, kind: "user" as const, roles: ["Reader"], seesPersonalData: false };
    await expect(feed.inbox.watchList(reader)).rejects.toMatchObject({ status: 403 });
  });
});

describe("watched scope", () => {
  it("subscribes to the watch list's people only, and follows the list as it changes", async () => {
    const [, owen, abbie] = demoPeople;
    const feed = track(
      feedStack(emulator, webhook, { dbPath: tempDbPath(), env: { CALLSCOPE_FEED_SCOPE: "watched" } }),
    );
    webhook.handler = feed.webhook;
    const empty = await feed.renewer?.tick();
    expect(empty).toMatchObject({ created: 0, healthy: true });
    expect(empty?.error).toMatch(/watch list is empty/);
    // By object ID: the label comes from the directory.
    const list = await feed.inbox.watch(investigator, { person: abbie?.id });
    expect(list.map((person) => person.label)).toEqual([abbie?.displayName]);
    // The change reaches Graph without waiting for the renewer's next round.
    await until(async () => emulator.hub.live().length === 1);
    expect(emulator.hub.live()[0]?.participants).toEqual(new Set([abbie?.id]));
    // Abbie's call is notified; a call without her is not.
    const withAbbie = emulator.hub.publish({
      count: 1,
      overMs: 0,
      updateAfterMs: null,
      poorEvery: 0,
      people: [abbie?.id ?? ""],
    });
    const without = emulator.hub.publish({
      count: 1,
      overMs: 0,
      updateAfterMs: null,
      poorEvery: 0,
      people: [owen?.id ?? "", demoPeople[0]?.id ?? ""],
    });
    await until(async () => emulator.hub.stats.delivered >= 2);
    await feed.worker.drain();
    const judged = (await inbox(feed)).calls.map((c) => c.callId);
    expect(judged).toEqual(withAbbie);
    expect(judged).not.toContain(without[0]);
    await feed.inbox.unwatch(investigator, abbie?.id ?? "");
    await until(async () => emulator.hub.live().length === 0);
  });
});

describe("several instances", () => {
  it("exactly one renews; when it stops, the other takes over", async () => {
    let clock = Date.now();
    const dbPath = tempDbPath();
    const env = { CALLSCOPE_FEED_TICK_SECONDS: "10", CALLSCOPE_FEED_LIFETIME_MINUTES: "60" };
    const a = track(feedStack(emulator, webhook, { dbPath, holder: "instance-a", env, now: () => clock }));
    const b = track(feedStack(emulator, webhook, { dbPath, holder: "instance-b", env, now: () => clock }));
    webhook.handler = a.webhook;
    const [ra, rb] = await Promise.all([a.renewer?.tick(), b.renewer?.tick()]);
    await Promise.all([a.renewer?.tick(), b.renewer?.tick()]);
    expect([ra?.holder, rb?.holder].filter(Boolean)).toHaveLength(1);
    expect(emulator.hub.stats.created).toBe(1);
    const other = ra?.holder ? b : a;
    // The holder goes away without releasing its lease; the other takes over once the lease lapses.
    clock += 10_000;
    expect(await other.renewer?.tick()).toMatchObject({ holder: false });
    clock += 30_000 + 0.6 * 3_600_000;
    expect(await other.renewer?.tick()).toMatchObject({ holder: true, renewed: 1, created: 0 });
    // Renewal rotates: one replacement made, the old one removed, one held.
    expect(emulator.hub.stats.created).toBe(2);
    expect(emulator.hub.live()).toHaveLength(1);
  });

  it("a call claimed by an instance that died is judged by another once the claim lapses", async () => {
    let clock = Date.now();
    const dbPath = tempDbPath();
    const a = await subscribed({ dbPath, holder: "a", now: () => clock });
    const b = track(feedStack(emulator, webhook, { dbPath, holder: "b", now: () => clock }));
    const ids = emulator.hub.publish({ count: 3, overMs: 0, updateAfterMs: null, poorEvery: 2, people: [] });
    await until(async () => (await a.store.queueStats(DEMO_TENANT_ID)).pending === 3);
    // a claims them and "dies" before judging.
    const claimed = await a.store.claim(DEMO_TENANT_ID, "a", clock, 10, 120_000);
    expect(claimed).toHaveLength(3);
    expect(await b.worker.drain()).toMatchObject({ judged: 0 });
    clock += 121_000;
    expect(await b.worker.drain()).toMatchObject({ judged: 3 });
    const judged = (await inbox(b)).calls.map((c) => c.callId);
    for (const id of ids) expect(judged).toContain(id);
  });
});
