// The emulator's subscriptions behave as Graph documents them: handshake, lifetime, cap, filters.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWebhook, type Webhook } from "../lib/testing/feed-stack";
import { parseSubscriptionResource } from "./feed/hub";
import { testEmulator } from "./testing";

let webhook: Webhook;
beforeAll(async () => {
  webhook = await startWebhook();
  webhook.handler = async (request) => {
    const token = new URL(request.url).searchParams.get("validationToken");
    return token === null
      ? new Response(null, { status: 202 })
      : new Response(token, { headers: { "Content-Type": "text/plain" } });
  };
});
afterAll(() => webhook.close());

describe("subscriptions", () => {
  it("validates the request, the handshake, the lifetime and the cap", async () => {
    const emulator = await testEmulator();
    const token = await emulator.token();
    const create = (body: Record<string, unknown>) =>
      emulator.request("/v1.0/subscriptions", {
        method: "POST",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
        body: JSON.stringify({
          changeType: "created,updated",
          notificationUrl: `${webhook.url}/api/notifications`,
          resource: "/communications/callRecords",
          expirationDateTime: new Date(Date.now() + 3_600_000).toISOString(),
          clientState: "secret",
          ...body,
        }),
      });
    expect(
      (await create({ expirationDateTime: new Date(Date.now() + 4231 * 60_000 + 120_000).toISOString() }))
        .status,
    ).toBe(400);
    expect((await create({ expirationDateTime: new Date(Date.now() - 1000).toISOString() })).status).toBe(
      400,
    );
    expect((await create({ changeType: "deleted" })).status).toBe(400);
    expect((await create({ resource: "/users" })).status).toBe(400);
    expect((await create({ notificationUrl: "http://example.com/hook" })).status).toBe(400);
    const failed = await create({ notificationUrl: `${webhook.url.replace(/:\d+$/, ":1")}/nothing` });
    expect(failed.status).toBe(400);
    expect(((await failed.json()) as { error: { code: string } }).error.code).toBe("ValidationError");
    const ok = await create({});
    expect(ok.status).toBe(201);
    const created = (await ok.json()) as { id: string; clientState: unknown };
    expect(created.clientState).toBeNull();
    expect(emulator.hub.stats.handshakes).toBe(2);
    const unauthorized = await emulator.request("/v1.0/subscriptions", { method: "POST", body: "{}" });
    expect(unauthorized.status).toBe(401);
    emulator.hub.limit = 1;
    expect((await create({})).status).toBe(403);
    const renew = await emulator.request(`/v1.0/subscriptions/${created.id}`, {
      method: "PATCH",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ expirationDateTime: new Date(Date.now() + 7_200_000).toISOString() }),
    });
    expect(renew.status).toBe(200);
    const remove = () =>
      emulator.request(`/v1.0/subscriptions/${created.id}`, {
        method: "DELETE",
        headers: { Authorization: `Bearer ${token}` },
      });
    expect((await remove()).status).toBe(204);
    expect((await remove()).status).toBe(404);
  });

  it("reads the participant filters Graph accepts", () => {
    expect(parseSubscriptionResource("/communications/callRecords")).toEqual({ participants: null });
    expect(
      parseSubscriptionResource("/communications/callRecords?$filter=participants/any(p:p/id eq 'A')"),
    ).toEqual({ participants: new Set(["a"]) });
    expect(
      parseSubscriptionResource(
        "/communications/callRecords?$filter=participants/any(p:p/id in ('a','b')) or participants/any(x:x/id eq 'c')",
      ),
    ).toEqual({ participants: new Set(["a", "b", "c"]) });
    expect(
      "error" in parseSubscriptionResource("/communications/callRecords?$filter=startDateTime ge 2026-01-01"),
    ).toBe(true);
  });
});
