// The feed's tables on both databases it runs on: one SQL text, SQLite and PostgreSQL.
import { afterAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/open";
import { eachDatabase } from "@/lib/db/testing/databases";
import { createFeedStore, type FeedStore } from "./store";
import type { FeedEntry } from "./model";
import { callId, feedEntry } from "@/lib/testing/feed-builders";

const id = callId;
const entry = (n: number, quality: FeedEntry["quality"], start: number, version = 1): FeedEntry =>
  feedEntry(n, quality, start, { version });

function contract(name: string, open: () => Db) {
  describe(`feed store on ${name}`, () => {
    const db = open();
    const store: FeedStore = createFeedStore(db);
    const tenant = `tenant-${Math.random().toString(36).slice(2)}`;
    const options = {
      now: 1000,
      settleMs: 0,
      rejudgeAfterMs: 30_000,
      maxQueue: 100,
      source: "notification" as const,
    };
    afterAll(() => db.close());

    it("queues a call once, coalescing updates, and claims it for one holder", async () => {
      const result = await store.enqueue(
        tenant,
        [
          { callId: id(1), changeType: "created" },
          { callId: id(1), changeType: "updated" },
          { callId: id(2), changeType: "created" },
        ],
        options,
      );
      expect(result).toEqual({ queued: 2, coalesced: 1, ignored: 0, refused: false });
      const [a, b] = await Promise.all([
        store.claim(tenant, "a", 1000, 10, 60_000),
        store.claim(tenant, "b", 1000, 10, 60_000),
      ]);
      expect(a.length + b.length).toBe(2);
      const item = [...a, ...b].find((claimed) => claimed.callId === id(1));
      expect(item?.seq).toBe(2);
      expect(await store.claim(tenant, "c", 2000, 10, 60_000)).toEqual([]);
      // An update while being judged: the call stays queued for another round.
      await store.enqueue(tenant, [{ callId: id(1), changeType: "updated" }], options);
      if (!item) throw new Error("no claim");
      expect(
        await store.finish(tenant, item, entry(1, "poor", 5000), ["p1"], { now: 3000, settleMs: 100 }),
      ).toBe("again");
      const other = [...a, ...b].find((claimed) => claimed.callId === id(2));
      if (!other) throw new Error("no claim");
      expect(
        await store.finish(tenant, other, entry(2, "good", 9000), ["p2"], { now: 3000, settleMs: 100 }),
      ).toBe("done");
      expect((await store.queueStats(tenant)).pending).toBe(1);
      // A lapsed claim is taken again.
      const again = await store.claim(tenant, "c", 3200, 10, 60_000);
      expect(again.map((claimed) => claimed.callId)).toEqual([id(1)]);
      expect(
        await store.finish(tenant, again[0] ?? item, entry(1, "poor", 5000, 2), ["p1"], {
          now: 4000,
          settleMs: 0,
        }),
      ).toBe("done");
      // A `created` for a judged call is ignored; the queue bound refuses a whole batch.
      expect(await store.enqueue(tenant, [{ callId: id(2), changeType: "created" }], options)).toMatchObject({
        ignored: 1,
      });
      const many = Array.from({ length: 101 }, (_, i) => ({
        callId: id(100 + i),
        changeType: "created" as const,
      }));
      expect(await store.enqueue(tenant, many, options)).toMatchObject({ refused: true, queued: 0 });
      expect((await store.queueStats(tenant)).pending).toBe(0);
    });

    it("pages poor first or newest first, by person, with a keyset cursor", async () => {
      for (const [n, quality, start] of [
        [10, "good", 10_000],
        [11, "poor", 11_000],
        [12, "good", 12_000],
        [13, "poor", 13_000],
      ] as const) {
        const [claimed] = await (async () => {
          await store.enqueue(tenant, [{ callId: id(n), changeType: "created" }], options);
          return store.claim(tenant, "a", 1000, 1, 60_000);
        })();
        if (!claimed) throw new Error("nothing claimed");
        await store.finish(tenant, claimed, entry(n, quality, start), n % 2 ? ["odd"] : ["even"], {
          now: 1,
          settleMs: 0,
        });
      }
      const query = { poorOnly: false, order: "poor" as const, people: null, after: null, limit: 100 };
      const poorFirst = await store.page(tenant, query);
      expect(poorFirst.slice(0, 4).map((e) => e.callId)).toEqual([id(13), id(11), id(1), id(12)]);
      const newest = await store.page(tenant, { ...query, order: "newest" });
      expect(newest.slice(0, 3).map((e) => e.callId)).toEqual([id(13), id(12), id(11)]);
      const odd = await store.page(tenant, { ...query, people: ["odd"] });
      expect(odd.map((e) => e.callId)).toEqual([id(13), id(11)]);
      const afterFirst = await store.page(tenant, {
        ...query,
        after: { poor: 1, start: 13_000, callId: id(13) },
        limit: 2,
      });
      expect(afterFirst.map((e) => e.callId)).toEqual([id(11), id(1)]);
      expect(
        (await store.page(tenant, { ...query, poorOnly: true })).every((e) => e.quality === "poor"),
      ).toBe(true);
      // An older judging never replaces a newer version.
      await store.enqueue(tenant, [{ callId: id(1), changeType: "updated" }], { ...options, now: 100_000 });
      const [stale] = await store.claim(tenant, "a", 200_000, 1, 60_000);
      if (!stale) throw new Error("nothing claimed");
      await store.finish(tenant, stale, entry(1, "good", 5000, 1), [], { now: 1, settleMs: 0 });
      expect(
        (await store.page(tenant, { ...query, order: "newest" })).find((e) => e.callId === id(1))?.version,
      ).toBe(2);
      // Graph's 30 days passed: the rows and who was in them are gone.
      await store.purge(tenant, 12_500);
      expect((await store.page(tenant, query)).map((e) => e.callId)).toEqual([id(13)]);
      expect(await store.page(tenant, { ...query, people: ["odd"] })).toHaveLength(1);
      expect(await store.page(tenant, { ...query, people: ["even"] })).toHaveLength(0);
    });

    it("holds one lease at a time, the watch list, subscriptions, lifecycle events and state", async () => {
      expect(await store.acquire(`lock-${tenant}`, "a", 0, 1000)).toBe(true);
      expect(await store.acquire(`lock-${tenant}`, "b", 500, 1000)).toBe(false);
      expect(await store.acquire(`lock-${tenant}`, "a", 900, 1000)).toBe(true);
      expect(await store.acquire(`lock-${tenant}`, "b", 2000, 1000)).toBe(true);
      const person = { personId: "p1", label: "Priya", addedBy: "t", addedAt: 1 };
      expect(await store.watch(tenant, person, 1)).toBe(true);
      expect(await store.watch(tenant, { ...person, label: "Priya R." }, 1)).toBe(true);
      expect(await store.watch(tenant, { ...person, personId: "p2" }, 1)).toBe(false);
      expect((await store.watchList(tenant)).map((p) => p.label)).toEqual(["Priya R."]);
      expect(await store.unwatch(tenant, "p1")).toBe(true);
      expect(await store.unwatch(tenant, "p1")).toBe(false);
      const secret = await store.clientState(tenant, "first");
      expect(await store.clientState(tenant, "second")).toBe(secret);
      expect(await store.clientState(tenant, "third")).toBe("first");
      await store.saveSubscription(tenant, {
        id: `s-${tenant}`,
        resource: "/r",
        clientState: secret,
        expiresAt: 5,
        createdAt: 1,
      });
      await store.saveSubscription(tenant, {
        id: `s-${tenant}`,
        resource: "/r",
        clientState: secret,
        expiresAt: 9,
        createdAt: 1,
      });
      expect((await store.subscriptions(tenant)).map((s) => s.expiresAt)).toEqual([9]);
      await store.addLifecycle(
        tenant,
        [{ id: `e-${tenant}`, subscriptionId: `s-${tenant}`, event: "missed" }],
        7,
      );
      // Copies of a pending event add nothing; another kind of event is its own.
      await store.addLifecycle(
        tenant,
        [
          { id: `e2-${tenant}`, subscriptionId: `s-${tenant}`, event: "missed" },
          { id: `e3-${tenant}`, subscriptionId: `s-${tenant}`, event: "missed" },
        ],
        8,
      );
      expect(await store.pendingLifecycle(tenant)).toHaveLength(1);
      const [event] = await store.pendingLifecycle(tenant);
      expect(event).toMatchObject({ event: "missed", receivedAt: 7 });
      await store.markHandled(event?.id ?? "", 8);
      expect(await store.pendingLifecycle(tenant)).toEqual([]);
      await store.saveState(tenant, { aliveAt: 5, backfillFrom: null, lastBackfill: null, lastError: "x" });
      expect(await store.state(tenant)).toEqual({
        aliveAt: 5,
        backfillFrom: null,
        lastBackfill: null,
        lastError: "x",
      });
      expect(await store.clientState(tenant, "third")).toBe("first");
    });
  });
}

eachDatabase(contract);
