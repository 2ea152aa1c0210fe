// The feed's pure parts: reading Graph's notifications (Microsoft's published examples), planning
// subscriptions, comparing clientState, judging a call, and the inbox's status line.
import { describe, expect, it } from "vitest";
import changeExample from "./fixtures/callrecords-change-notification.json";
import lifecycleExample from "./fixtures/lifecycle-notification.json";
import { parseNotificationCollection } from "./notifications";
import { sameClientState, newClientState } from "./client-state";
import { CALL_RECORDS_RESOURCE, desiredSubscriptions, participantResource, planSubscriptions } from "./plan";
import { describeFeed, type FeedStatus } from "./describe";
import type { FeedSubscription } from "./model";

describe("reading notifications", () => {
  it("reads the call ID of the docs' change notification", () => {
    const parsed = parseNotificationCollection(changeExample);
    expect(parsed).toEqual({
      ok: true,
      lifecycle: [],
      changes: [
        {
          subscriptionId: "7f105c7d-2dc5-4530-97cd-4e7ae6534c07",
          clientState: "{Secret client state}",
          tenantId: "dc368399-474c-4d40-900c-6265431fd81f",
          changeType: "created",
          callId: "2f1a1100-b174-40a0-aba7-0b405e01ed92",
        },
      ],
    });
  });

  it("reads each lifecycle event of the docs' structure", () => {
    const parsed = parseNotificationCollection(lifecycleExample);
    expect(parsed.ok && parsed.lifecycle.map((item) => item.event)).toEqual([
      "reauthorizationRequired",
      "subscriptionRemoved",
      "missed",
    ]);
  });

  it("takes the ID from resource when resourceData is absent, and refuses when they disagree", () => {
    const [item] = changeExample.value;
    const { resourceData: _data, ...bare } = item ?? {};
    const fromResource = parseNotificationCollection({ value: [bare] });
    expect(fromResource.ok && fromResource.changes[0]?.callId).toBe("2f1a1100-b174-40a0-aba7-0b405e01ed92");
    const disagreeing = parseNotificationCollection({
      value: [{ ...item, resource: "communications/callRecords/00000000-0000-4000-8000-000000000001" }],
    });
    expect(disagreeing.ok).toBe(false);
  });

  it.each([
    ["not an object", "text"],
    ["no value", {}],
    ["empty value", { value: [] }],
    ["item not an object", { value: [1] }],
    ["no subscription", { value: [{ changeType: "created", resource: "communications/callRecords/x" }] }],
    ["a deleted change", { value: [{ ...changeExample.value[0], changeType: "deleted" }] }],
    [
      "another resource",
      { value: [{ ...changeExample.value[0], resource: "users/1/messages/2", resourceData: undefined }] },
    ],
    ["a path in the ID", { value: [{ ...changeExample.value[0], resourceData: { id: "../../users" } }] }],
    ["an unknown lifecycle event", { value: [{ subscriptionId: "a", lifecycleEvent: "exploded" }] }],
    ["over 1,000 items", { value: Array(1001).fill(changeExample.value[0]) }],
  ])("refuses %s", (_name, body) => {
    expect(parseNotificationCollection(body).ok).toBe(false);
  });
});

describe("clientState", () => {
  it("matches only the same secret, whatever the length", () => {
    const secret = newClientState();
    expect(secret.length).toBeLessThanOrEqual(128);
    expect(sameClientState(secret, secret)).toBe(true);
    expect(sameClientState(`${secret}x`, secret)).toBe(false);
    expect(sameClientState(secret.slice(0, -1), secret)).toBe(false);
    expect(sameClientState(null, secret)).toBe(false);
    expect(sameClientState("", "")).toBe(false);
    expect(newClientState()).not.toBe(secret);
  });
});

describe("planning subscriptions", () => {
  const held = (resource: string, expiresAt: number, id = "s1"): FeedSubscription => ({
    id,
    resource,
    clientState: "x",
    expiresAt,
    createdAt: 0,
  });
  const hour = 3_600_000;

  it("creates the missing, renews what expires soon, keeps the rest", () => {
    expect(planSubscriptions([CALL_RECORDS_RESOURCE], [], 0, 35 * hour)).toEqual([
      { kind: "create", resource: CALL_RECORDS_RESOURCE },
    ]);
    expect(
      planSubscriptions([CALL_RECORDS_RESOURCE], [held(CALL_RECORDS_RESOURCE, 40 * hour)], 0, 35 * hour),
    ).toEqual([]);
    expect(
      planSubscriptions([CALL_RECORDS_RESOURCE], [held(CALL_RECORDS_RESOURCE, 30 * hour)], 0, 35 * hour),
    ).toEqual([{ kind: "renew", subscription: held(CALL_RECORDS_RESOURCE, 30 * hour) }]);
  });

  it("replaces an expired one, deletes unwanted and duplicate ones", () => {
    const expired = held(CALL_RECORDS_RESOURCE, 10, "old");
    expect(planSubscriptions([CALL_RECORDS_RESOURCE], [expired], 20, hour)).toEqual([
      { kind: "delete", subscription: expired },
      { kind: "create", resource: CALL_RECORDS_RESOURCE },
    ]);
    const a = held(CALL_RECORDS_RESOURCE, 50 * hour, "a");
    const b = held(CALL_RECORDS_RESOURCE, 60 * hour, "b");
    const filtered = held(participantResource(["p"]), 60 * hour, "c");
    const plan = planSubscriptions([CALL_RECORDS_RESOURCE], [a, b, filtered], 0, hour);
    expect(plan).toHaveLength(2);
    expect(plan).toEqual(
      expect.arrayContaining([
        { kind: "delete", subscription: a },
        { kind: "delete", subscription: filtered },
      ]),
    );
  });

  it("filters on the watch list within the subscription cap, else subscribes to everything", () => {
    expect(participantResource(["a-1"])).toBe(
      "/communications/callRecords?$filter=participants/any(p:p/id eq 'a-1')",
    );
    expect(participantResource(["a", "b"])).toBe(
      "/communications/callRecords?$filter=participants/any(p:p/id in ('a','b'))",
    );
    const ids = Array.from({ length: 45 }, (_, i) => `id-${String(i).padStart(2, "0")}`);
    const split = desiredSubscriptions("watched", ids, { idsPerSubscription: 20, maxSubscriptions: 3 });
    expect(split.resources).toHaveLength(3);
    expect(split.note).toBeNull();
    const tooMany = desiredSubscriptions("watched", ids, { idsPerSubscription: 20, maxSubscriptions: 2 });
    expect(tooMany.resources).toEqual([CALL_RECORDS_RESOURCE]);
    expect(tooMany.note).toMatch(/3 filtered subscriptions/);
    expect(
      desiredSubscriptions("watched", [], { idsPerSubscription: 20, maxSubscriptions: 2 }).resources,
    ).toEqual([]);
    expect(
      desiredSubscriptions("all", ids, { idsPerSubscription: 20, maxSubscriptions: 2 }).resources,
    ).toEqual([CALL_RECORDS_RESOURCE]);
  });
});

describe("the inbox's status line", () => {
  const base: FeedStatus = {
    on: true,
    scope: "all",
    subscriptions: [{ expiresAt: "2026-11-30T00:00:00Z", filtered: false }],
    pending: 0,
    oldestPendingAt: null,
    aliveAt: null,
    lastBackfill: null,
    problem: null,
    watched: 0,
    gaveUp: 0,
  };
  const now = Date.parse("2026-11-27T00:00:00Z");

  it("counts the calls given up on", () => {
    expect(describeFeed({ ...base, gaveUp: 3 }, now).text).toContain(
      "3 calls notified in the last 24 h never appeared in Graph within its 150-minute publication delay",
    );
  });

  it("says when the feed is off and how to turn it on", () => {
    expect(describeFeed({ ...base, on: false }, now).text).toMatch(/CALLSCOPE_PUBLIC_URL/);
  });
  it("says what is waiting, and when the subscription expires", () => {
    const line = describeFeed({ ...base, pending: 3, oldestPendingAt: "2026-11-26T23:59:30Z" }, now);
    expect(line).toEqual({
      tone: "good",
      text: expect.stringMatching(/3 calls waiting to be judged \(oldest 30 s\).*expires in 72 h/),
    });
  });
  it("warns with the problem when not subscribed", () => {
    expect(
      describeFeed({ ...base, subscriptions: [], problem: "creating a subscription: refused" }, now),
    ).toEqual({
      tone: "warn",
      text: "Not subscribed to Graph yet: creating a subscription: refused",
    });
  });
});
