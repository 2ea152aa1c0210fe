// Graph's /subscriptions for callRecords, and the emulator's controls for its feed of new calls.
import { demoPeople } from "../../lib/demo/people";
import type { Context, Hono } from "hono";
import type { CryptoKey } from "jose";
import type { EmulatorEnv } from "../env";
import { requireGraphApp } from "../graph/auth";
import { graphError } from "../graph/errors";
import { MAX_LIFETIME_MS, parseSubscriptionResource, type Subscription, type SubscriptionHub } from "./hub";

const LOOPBACK = ["localhost", "127.0.0.1", "[::1]"];

/** Graph requires https; the emulator also takes http on this machine, where the app serves plain http. */
function notificationUrlProblem(value: unknown, name: string): string | null {
  if (typeof value !== "string") return `${name} is required.`;
  try {
    const url = new URL(value);
    if (url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK.includes(url.hostname)))
      return null;
  } catch {
    // reported below
  }
  return `${name} must be an https URL.`;
}

const view = (subscription: Subscription) => ({
  id: subscription.id,
  resource: subscription.resource,
  applicationId: subscription.appId,
  changeType: [...subscription.changeTypes].join(","),
  clientState: null,
  notificationUrl: subscription.notificationUrl,
  lifecycleNotificationUrl: subscription.lifecycleNotificationUrl,
  expirationDateTime: new Date(subscription.expiresAt).toISOString(),
  creatorId: subscription.appId,
  latestSupportedTlsVersion: "v1_2",
  notificationUrlAppId: null,
});

function expiryProblem(value: unknown): { expiresAt: number } | { error: string } {
  const expiresAt = typeof value === "string" ? Date.parse(value) : NaN;
  if (Number.isNaN(expiresAt))
    return { error: "expirationDateTime is required and must be a date and time." };
  if (expiresAt <= Date.now()) return { error: "Subscription expiration can only be in the future." };
  if (expiresAt > Date.now() + MAX_LIFETIME_MS + 60_000)
    return {
      error: `Subscription expiration can only be ${MAX_LIFETIME_MS / 60_000} minutes in the future.`,
    };
  return { expiresAt };
}

const DEMO_PRIYA = demoPeople.find((person) => person.displayName === "Priya Raman")?.id ?? "";
const DEMO_MATEO = demoPeople.find((person) => person.displayName === "Mateo Alvarez")?.id ?? "";

export function registerFeedRoutes(
  app: Hono<EmulatorEnv>,
  deps: { hub: SubscriptionHub; publicKey: CryptoKey; demo: boolean },
): void {
  const { hub } = deps;
  let demoStarted = false;

  const auth = (c: Context<EmulatorEnv>) => requireGraphApp(c, deps.publicKey);
  const owned = (c: Context<EmulatorEnv>, tenantId: string) => {
    const subscription = hub.subscriptions.get(c.req.param("id") ?? "");
    return subscription && subscription.tenantId === tenantId && subscription.expiresAt > Date.now()
      ? subscription
      : null;
  };
  const notFound = (c: Context<EmulatorEnv>) =>
    graphError(c, 404, "ResourceNotFound", `The object was not found.`);

  app.post("/v1.0/subscriptions", async (c) => {
    const caller = await auth(c);
    if (caller instanceof Response) return caller;
    const body = (await c.req.json().catch(() => null)) as Record<string, unknown> | null;
    if (!body) return graphError(c, 400, "InvalidRequest", "The request body must be a subscription object.");
    const types = typeof body.changeType === "string" ? body.changeType.split(",").map((t) => t.trim()) : [];
    if (types.length === 0 || types.some((type) => type !== "created" && type !== "updated"))
      return graphError(
        c,
        400,
        "InvalidRequest",
        "changeType must be created, updated, or both for callRecords.",
      );
    const resource =
      typeof body.resource === "string"
        ? parseSubscriptionResource(body.resource)
        : { error: "resource is required." };
    if ("error" in resource) return graphError(c, 400, "InvalidRequest", resource.error);
    const urlProblem =
      notificationUrlProblem(body.notificationUrl, "notificationUrl") ??
      (body.lifecycleNotificationUrl === undefined || body.lifecycleNotificationUrl === null
        ? null
        : notificationUrlProblem(body.lifecycleNotificationUrl, "lifecycleNotificationUrl"));
    if (urlProblem) return graphError(c, 400, "InvalidRequest", urlProblem);
    const expiry = expiryProblem(body.expirationDateTime);
    if ("error" in expiry) return graphError(c, 400, "InvalidRequest", expiry.error);
    if (
      body.clientState !== undefined &&
      body.clientState !== null &&
      (typeof body.clientState !== "string" || body.clientState.length > 128)
    )
      return graphError(c, 400, "InvalidRequest", "clientState must be at most 128 characters.");
    if (hub.live(caller.tenantId).length >= hub.limit)
      return graphError(
        c,
        403,
        "ExtensionError",
        `Operation: Create; Exception: [Status Code: Forbidden; Reason: The tenant has reached its limit of ${hub.limit} subscriptions for this resource.]`,
      );
    const urls = [
      body.notificationUrl as string,
      ...(typeof body.lifecycleNotificationUrl === "string" ? [body.lifecycleNotificationUrl] : []),
    ];
    for (const url of new Set(urls)) {
      const failed = await hub.handshake(url);
      if (failed)
        return graphError(
          c,
          400,
          "ValidationError",
          `Subscription validation request failed: ${failed}. Notification endpoint must respond with 200 OK to validation request.`,
        );
    }
    const subscription = hub.add({
      tenantId: caller.tenantId,
      appId: caller.appId,
      resource: body.resource as string,
      participants: resource.participants,
      changeTypes: new Set(types as ("created" | "updated")[]),
      notificationUrl: body.notificationUrl as string,
      lifecycleNotificationUrl:
        typeof body.lifecycleNotificationUrl === "string" ? body.lifecycleNotificationUrl : null,
      clientState: typeof body.clientState === "string" ? body.clientState : null,
      expiresAt: expiry.expiresAt,
    });
    if (deps.demo && !demoStarted) {
      // The demo's tenant keeps having calls: a few at once, then one a minute.
      demoStarted = true;
      hub.publish({ count: 6, overMs: 20_000, updateAfterMs: 60_000, poorEvery: 3, people: [] });
      // Mateo Alvarez is on the demo's watch list with an alert rule: a poor call of his arrives at once, then
      // one every ten minutes, so a new user sees an alert reach the Teams stand-in and the mailbox.
      const mateoCall = () =>
        hub.publish({
          count: 1,
          overMs: 5_000,
          updateAfterMs: null,
          poorEvery: 1,
          people: [DEMO_PRIYA, DEMO_MATEO],
        });
      mateoCall();
      let minutes = 0;
      setInterval(() => {
        minutes += 1;
        if (minutes % 10 === 0) mateoCall();
        else hub.publish({ count: 1, overMs: 0, updateAfterMs: 60_000, poorEvery: 3, people: [] });
      }, 60_000).unref();
    }
    return c.json(
      {
        "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#subscriptions/$entity",
        ...view(subscription),
      },
      201,
    );
  });

  app.get("/v1.0/subscriptions", async (c) => {
    const caller = await auth(c);
    if (caller instanceof Response) return caller;
    return c.json({
      value: hub
        .live(caller.tenantId)
        .filter((s) => s.appId === caller.appId)
        .map(view),
    });
  });

  app.get("/v1.0/subscriptions/:id", async (c) => {
    const caller = await auth(c);
    if (caller instanceof Response) return caller;
    const subscription = owned(c, caller.tenantId);
    return subscription ? c.json(view(subscription)) : notFound(c);
  });

  app.patch("/v1.0/subscriptions/:id", async (c) => {
    const caller = await auth(c);
    if (caller instanceof Response) return caller;
    const subscription = owned(c, caller.tenantId);
    if (!subscription) return notFound(c);
    const body = (await c.req.json().catch(() => null)) as Record<string, unknown> | null;
    const expiry = expiryProblem(body?.expirationDateTime);
    if ("error" in expiry) return graphError(c, 400, "InvalidRequest", expiry.error);
    subscription.expiresAt = expiry.expiresAt;
    // Renewing also reauthorizes.
    subscription.paused = false;
    hub.stats.renewed += 1;
    return c.json(view(subscription));
  });

  app.post("/v1.0/subscriptions/:id/reauthorize", async (c) => {
    const caller = await auth(c);
    if (caller instanceof Response) return caller;
    const subscription = owned(c, caller.tenantId);
    if (!subscription) return notFound(c);
    subscription.paused = false;
    return c.body(null, 204);
  });

  app.delete("/v1.0/subscriptions/:id", async (c) => {
    const caller = await auth(c);
    if (caller instanceof Response) return caller;
    const subscription = owned(c, caller.tenantId);
    if (!subscription) return notFound(c);
    hub.subscriptions.delete(subscription.id);
    return c.body(null, 204);
  });

  // Controls (not Graph): what tests and the demo drive the feed with.
  app.get("/_emulator/feed", (c) =>
    c.json({
      subscriptions: hub.live().map((s) => ({ ...view(s), paused: s.paused })),
      limit: hub.limit,
      dropNext: hub.dropNext,
      ...hub.stats,
    }),
  );
  app.post("/_emulator/feed/publish", async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as Record<string, unknown>;
    const count = Number(body.count ?? 1);
    const overSeconds = Number(body.overSeconds ?? 0);
    if (!Number.isInteger(count) || count < 1 || count > 5000 || !(overSeconds >= 0 && overSeconds <= 3600))
      return c.json({ error: "count must be 1–5000 and overSeconds 0–3600" }, 400);
    const updateAfter =
      body.updateAfterSeconds === null || body.updateAfterSeconds === undefined
        ? null
        : Number(body.updateAfterSeconds);
    const ids = hub.publish({
      count,
      overMs: overSeconds * 1000,
      updateAfterMs: updateAfter === null || !Number.isFinite(updateAfter) ? null : updateAfter * 1000,
      poorEvery: Number(body.poorEvery ?? 3),
      people: Array.isArray(body.people) ? body.people.filter((p): p is string => typeof p === "string") : [],
    });
    return c.json({ ids });
  });
  app.post("/_emulator/feed/lifecycle", async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as { event?: string; subscriptionId?: string };
    if (
      body.event !== "subscriptionRemoved" &&
      body.event !== "missed" &&
      body.event !== "reauthorizationRequired"
    )
      return c.json({ error: "event must be subscriptionRemoved, missed or reauthorizationRequired" }, 400);
    return c.json({ sent: await hub.lifecycle(body.event, body.subscriptionId) });
  });
  app.post("/_emulator/feed/drop", async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as { count?: number };
    hub.dropNext = Math.max(0, Number(body.count ?? 0));
    return c.json({ dropNext: hub.dropNext });
  });
  app.put("/_emulator/feed/limit", async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as { limit?: number };
    hub.limit = Math.max(0, Number(body.limit ?? 10));
    return c.json({ limit: hub.limit });
  });
}
