// Alerts end to end on both databases, against real local stand-ins: an HTTPS receiver (Teams webhook, generic
// webhook) and an SMTP server. Nothing is mocked but the clock and the receivers' DNS names.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { workflowProblem } from "@/emulator/alerts/catcher";
import { eachDatabase, openAgain } from "@/lib/db/testing/databases";
import type { Db } from "@/lib/db/open";
import type { Principal } from "@/lib/auth/roles";
import { alertRule, alertStack, judgedCall, MATEO, testPolicy } from "@/lib/testing/alert-stack";
import {
  startHttpsReceiver,
  startSmtpCatcher,
  type HttpsReceiver,
  type SmtpCatcher,
} from "@/lib/testing/alert-receivers";
import { verifySignature, SIGNATURE_HEADER } from "./sign";

const investigator: Principal = {
  kind: "user",
  oid: "admin-1",
  name: "Ada Admin",
  username: "ada@contoso.example",
  tenantId: "t",
  roles: ["CallQuality.Investigator"],
  seesPersonalData: true,
};

let receiver: HttpsReceiver;
let smtp: SmtpCatcher;
beforeAll(async () => {
  receiver = await startHttpsReceiver(["receiver.test"]);
  smtp = await startSmtpCatcher();
});
afterAll(async () => {
  await receiver.close();
  await smtp.close();
});
beforeEach(() => {
  receiver.received.length = 0;
  receiver.replies.length = 0;
  smtp.mails.length = 0;
  smtp.refuse = null;
});

const T0 = Date.UTC(2026, 11, 4, 10, 20);
const hook = (path: string) => `https://receiver.test:${receiver.port}${path}`;

eachDatabase((name, open) => {
  describe(`alerts on ${name}`, () => {
    let db: Db;
    let tenantId: string;
    let clock: { now: number };
    let stack: ReturnType<typeof alertStack>;
    beforeEach(() => {
      db = open();
      tenantId = `alerts-${randomUUID()}`;
      clock = { now: T0 };
      stack = alertStack({
        db,
        tenantId,
        policy: testPolicy(receiver.port, receiver.ca),
        smtpPort: smtp.port,
        clock,
      });
    });

    async function destinations() {
      const teams = await stack.service.createDestination(investigator, {
        name: "Ops channel",
        kind: "teams",
        url: hook("/teams/secret-flow"),
      });
      const email = await stack.service.createDestination(investigator, {
        name: "Ops mail",
        kind: "email",
        recipients: ["ops@contoso.example"],
      });
      const webhook = await stack.service.createDestination(investigator, {
        name: "Pager",
        kind: "webhook",
        url: hook("/hook/secret-hook"),
      });
      return { teams, email, webhook };
    }

    it("sends a person's poor call to Teams (a valid card), email (subject and link) and a signed webhook, once each", async () => {
      const { teams, email, webhook } = await destinations();
      expect(teams.destination.target).toBe(`https://receiver.test:${receiver.port}/…`);
      expect(JSON.stringify(await stack.service.destinations(investigator))).not.toContain("secret-flow");
      const rule = alertRule({ kind: "person", people: [MATEO], parts: ["impacted"] }, [
        teams.destination.id,
        email.destination.id,
        webhook.destination.id,
      ]);
      await stack.store.saveRule(tenantId, rule);
      expect(
        await stack.evaluator.onJudged(
          judgedCall("call-1", ["impacting", "impacted"], T0),
          "notification",
          T0,
        ),
      ).toBe(1);
      await stack.worker.drain();

      const byPath = new Map(receiver.received.map((r) => [r.path, r]));
      const card = JSON.parse(byPath.get("/teams/secret-flow")?.body ?? "{}") as unknown;
      expect(workflowProblem(card)).toBeNull();
      expect(JSON.stringify(card)).toContain("Mateo Alvarez had a poor call (impacted)");

      const signed = byPath.get("/hook/secret-hook");
      const header = String(signed?.headers[SIGNATURE_HEADER]);
      const seconds = Math.floor(T0 / 1000);
      expect(verifySignature(webhook.signingSecret ?? "", signed?.body ?? "", header, seconds)).toBe(true);
      expect(verifySignature(webhook.signingSecret ?? "", `${signed?.body} `, header, seconds)).toBe(false);
      expect(verifySignature("another secret", signed?.body ?? "", header, seconds)).toBe(false);
      expect(verifySignature(webhook.signingSecret ?? "", signed?.body ?? "", header, seconds + 3600)).toBe(
        false,
      );

      expect(smtp.mails).toHaveLength(1);
      expect(smtp.mails[0]?.subject).toBe("[callscope] Mateo Alvarez had a poor call (impacted)");
      expect(smtp.mails[0]?.text).toContain("https://callscope.test/calls/call-1");
      expect(smtp.mails[0]?.to && "text" in smtp.mails[0].to ? smtp.mails[0].to.text : "").toBe(
        "ops@contoso.example",
      );

      const log = await stack.service.deliveries(investigator);
      expect(log.map((d) => [d.destinationName, d.status, d.attempts]).sort()).toEqual([
        ["Ops channel", "sent", 1],
        ["Ops mail", "sent", 1],
        ["Pager", "sent", 1],
      ]);
      // The same call judged again (a new version) does not alert twice; nothing is left to send.
      await stack.evaluator.onJudged(judgedCall("call-1", ["impacting", "impacted"], T0), "notification", T0);
      await stack.worker.drain();
      expect(receiver.received).toHaveLength(2);
      expect(smtp.mails).toHaveLength(1);
    });

    it("sends a person with a hostile name to the Teams stand-in as text: the card read back has no link in it", async () => {
      const { teams } = await destinations();
      await stack.store.saveRule(
        tenantId,
        alertRule({ kind: "person", people: [MATEO], parts: ["impacted"] }, [teams.destination.id]),
      );
      const hostile = "[Reset your password](https://evil.example/p) **now**";
      const call = judgedCall("call-hostile", ["impacting", "impacted"], T0, ["- 10.0.0.0", "# 10.1.0.0"]);
      const mateo = call.roles?.people[1];
      if (mateo?.identity) mateo.identity.displayName = hostile;
      expect(await stack.evaluator.onJudged(call, "notification", T0)).toBe(1);
      await stack.worker.drain();
      const body = receiver.received.find((r) => r.path === "/teams/secret-flow")?.body ?? "";
      const card = JSON.parse(body) as unknown;
      expect(workflowProblem(card)).toBeNull();
      const { default: MarkdownIt } = await import("markdown-it");
      const md = new MarkdownIt("commonmark");
      const texts: string[] = [];
      const walk = (value: unknown, key = ""): void => {
        if (typeof value === "string" && ["text", "title", "value"].includes(key)) texts.push(value);
        else if (Array.isArray(value)) value.forEach((item) => walk(item));
        else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) walk(v, k);
      };
      walk(card);
      expect(texts.some((text) => text.includes("Reset your password"))).toBe(true);
      for (const text of texts) expect(md.render(text), text).not.toMatch(/<(?!\/?p>)[a-z]/i);
    });

    it("retries a 503 after the Retry-After it gave, a 429 on its backoff, and fails a 400 with its answer", async () => {
      const { teams } = await destinations();
      await stack.store.saveRule(
        tenantId,
        alertRule({ kind: "person", people: "watch-list", parts: ["impacted"] }, [teams.destination.id]),
      );
      receiver.replies.push(
        { status: 503, headers: { "retry-after": "120" } },
        { status: 429 },
        { status: 202 },
      );
      await stack.evaluator.onJudged(judgedCall("call-2", ["impacting", "impacted"], T0), "notification", T0);
      await stack.worker.drain();
      let [delivery] = await stack.service.deliveries(investigator);
      expect(delivery).toMatchObject({ status: "queued", attempts: 1, lastStatus: 503, dueAt: T0 + 120_000 });
      clock.now += 119_000;
      await stack.worker.drain();
      expect(receiver.received).toHaveLength(1);
      clock.now += 1_000;
      await stack.worker.drain();
      [delivery] = await stack.service.deliveries(investigator);
      expect(delivery).toMatchObject({ status: "queued", attempts: 2, lastStatus: 429 });
      clock.now += 1_000;
      await stack.worker.drain();
      [delivery] = await stack.service.deliveries(investigator);
      expect(delivery).toMatchObject({ status: "sent", attempts: 3 });
      expect(receiver.received).toHaveLength(3);

      receiver.replies.push({ status: 400, body: "Bad Request: the flow /teams/secret-flow is turned off" });
      await stack.service.test(investigator, teams.destination.id);
      await stack.worker.drain();
      const [failed] = await stack.service.deliveries(investigator);
      expect(failed).toMatchObject({ status: "failed", lastStatus: 400 });
      expect(failed?.lastError).toBe("answered 400: Bad Request: the flow … is turned off");
    });

    it("a destination that drips a byte every 200 ms holds up only its own alert, which ends at its deadline", async () => {
      const { teams, webhook } = await destinations();
      // The webhook drips: headers at once, then a byte every 200 ms, never an end (never idle for 5 s either).
      receiver.replies.push({ status: 200, dripMs: 200 });
      await stack.service.test(investigator, webhook.destination.id);
      const draining = stack.worker.drain();
      await expect
        .poll(() => receiver.received.map((r) => r.path), { timeout: 5_000 })
        .toContain("/hook/secret-hook");
      // While the drip is in flight, another destination's test goes out at the next poll, not after the drip.
      const asked = Date.now();
      await stack.service.test(investigator, teams.destination.id);
      await expect
        .poll(() => receiver.received.map((r) => r.path), { timeout: 3_000 })
        .toContain("/teams/secret-flow");
      expect(Date.now() - asked).toBeLessThan(2_500);
      await draining;
      const log = await stack.service.deliveries(investigator);
      expect(log.find((d) => d.destinationId === teams.destination.id)).toMatchObject({ status: "sent" });
      // The drip ended at the attempt's deadline (5 s here), as a failure worth another try.
      expect(log.find((d) => d.destinationId === webhook.destination.id)).toMatchObject({
        status: "queued",
        attempts: 1,
        lastError: "no complete answer within 5 s",
      });
    }, 20_000);

    it("forgets the alert log past the personal-data window: no name or object ID of an old alert is left", async () => {
      const { teams } = await destinations();
      await stack.store.saveRule(
        tenantId,
        alertRule({ kind: "person", people: [MATEO], parts: ["impacted"] }, [teams.destination.id]),
      );
      await stack.evaluator.onJudged(
        judgedCall("old-call", ["impacting", "impacted"], T0),
        "notification",
        T0,
      );
      await stack.worker.drain();
      const later = T0 + 31 * 86_400_000;
      clock.now = later;
      await stack.evaluator.onJudged(
        judgedCall("new-call", ["impacting", "impacted"], later),
        "notification",
        later,
      );
      await stack.worker.drain();
      const q = await db.ready();
      const everything = async () =>
        JSON.stringify(
          await Promise.all(
            (["alert_events", "alert_deliveries", "alert_state"] as const).map((table) =>
              q.selectFrom(table).selectAll().where("tenant_id", "=", tenantId).execute(),
            ),
          ),
        );
      expect(await everything()).toContain("old-call");
      expect(await stack.store.forgetBefore(tenantId, later - 30 * 86_400_000)).toBe(1);
      const left = await everything();
      expect(left).not.toContain("old-call");
      // The newer alert stays, with its names: it is inside the window.
      expect(left).toContain("new-call");
      expect((await stack.service.deliveries(investigator)).map((d) => d.status)).toEqual(["sent"]);
    });

    it("gives up after a day of failures and shows the destination as broken on its rules", async () => {
      const { teams } = await destinations();
      const rule = alertRule({ kind: "person", people: "watch-list", parts: ["impacted"] }, [
        teams.destination.id,
      ]);
      await stack.store.saveRule(tenantId, rule);
      await stack.evaluator.onJudged(judgedCall("call-3", ["fine", "impacted"], T0), "notification", T0);
      for (let hour = 0; hour <= 25; hour++) {
        receiver.replies.push({ status: 502 });
        await stack.worker.drain();
        clock.now += 3_600_000;
      }
      const [delivery] = await stack.service.deliveries(investigator);
      expect(delivery?.status).toBe("failed");
      expect(delivery?.lastError).toMatch(/^gave up after a day of tries: answered 502/);
      const views = await stack.service.destinations(investigator);
      expect(views.map((view) => [view.name, view.broken])).toEqual([
        ["Ops channel", true],
        ["Ops mail", false],
        ["Pager", false],
      ]);
      const [ruleView] = await stack.service.rules(investigator);
      expect(ruleView?.problems[0]).toMatch(/Ops channel has failed for over a day/);
    });

    it("holds back a second alert within the cooldown and counts it in the next", async () => {
      const { teams } = await destinations();
      await stack.store.saveRule(
        tenantId,
        alertRule({ kind: "person", people: [MATEO], parts: ["impacted"] }, [teams.destination.id], {
          cooldownMinutes: 30,
        }),
      );
      await stack.evaluator.onJudged(judgedCall("call-4", ["fine", "impacted"], T0), "notification", T0);
      clock.now += 10 * 60_000;
      expect(
        await stack.evaluator.onJudged(judgedCall("call-5", ["fine", "impacted"], T0), "notification", T0),
      ).toBe(0);
      clock.now += 25 * 60_000;
      expect(
        await stack.evaluator.onJudged(judgedCall("call-6", ["fine", "impacted"], T0), "notification", T0),
      ).toBe(1);
      await stack.worker.drain();
      expect(receiver.received).toHaveLength(2);
      // Both go out in the same drain, in either order: the second alert (call-6) counts the one held back.
      const second = receiver.received.find((request) => request.body.includes("calls/call-6"));
      expect(second?.body).toContain("1 more held back by the cooldown");
      expect(receiver.received.find((request) => request.body.includes("calls/call-4"))?.body).not.toContain(
        "held back",
      );
    });

    it("gathers an hourly digest into one message at the hour", async () => {
      const { teams, email } = await destinations();
      await stack.store.saveRule(
        tenantId,
        alertRule(
          { kind: "person", people: "watch-list", parts: ["impacted", "impacting"] },
          [teams.destination.id, email.destination.id],
          {
            digest: "hourly",
            cooldownMinutes: 0,
          },
        ),
      );
      await stack.evaluator.onJudged(judgedCall("call-7", ["impacting", "impacted"], T0), "notification", T0);
      clock.now += 5 * 60_000;
      await stack.evaluator.onJudged(judgedCall("call-8", ["fine", "impacted"], T0), "notification", T0);
      await stack.worker.drain();
      expect(receiver.received).toHaveLength(0);
      clock.now = Date.UTC(2026, 11, 4, 11, 0);
      await stack.worker.drain();
      expect(receiver.received).toHaveLength(1);
      const body = receiver.received[0]?.body ?? "";
      expect(body).toContain("3 alerts from");
      expect(body.match(/had a poor call/g)?.length).toBe(3);
      expect(smtp.mails.map((mail) => mail.subject)).toEqual([
        `[callscope] 3 alerts: Watched people's poor calls`,
      ]);
      const log = await stack.service.deliveries(investigator);
      expect(log.every((d) => d.status === "sent" && d.alerts === 3)).toBe(true);
    });

    it("writes one alert and sends it once when two instances see the same call and drain at once", async () => {
      const { teams, email } = await destinations();
      const rule = alertRule({ kind: "person", people: "watch-list", parts: ["impacted"] }, [
        teams.destination.id,
        email.destination.id,
      ]);
      await stack.store.saveRule(tenantId, rule);
      const other = alertStack({
        db: openAgain(db),
        tenantId,
        policy: testPolicy(receiver.port, receiver.ca),
        smtpPort: smtp.port,
        clock,
        holder: "other-instance",
      });
      const call = judgedCall("call-9", ["fine", "impacted"], T0);
      const fired = await Promise.all([
        stack.evaluator.onJudged(call, "notification", T0),
        other.evaluator.onJudged(call, "notification", T0),
      ]);
      expect(fired.reduce((a, b) => a + b, 0)).toBe(1);
      receiver.replies.push({ status: 202, holdMs: 200 });
      await Promise.all([stack.worker.drain(), other.worker.drain(), stack.worker.drain()]);
      expect(receiver.received).toHaveLength(1);
      expect(smtp.mails).toHaveLength(1);
    });

    it("reports SMTP refusals: 5xx fails, 4xx is tried again", async () => {
      const { email } = await destinations();
      smtp.refuse = { code: 550, count: 1 };
      await stack.service.test(investigator, email.destination.id);
      await stack.worker.drain();
      let [delivery] = await stack.service.deliveries(investigator);
      expect(delivery).toMatchObject({ status: "failed", lastStatus: 550 });
      smtp.refuse = { code: 451, count: 1 };
      // A destination takes one test every 10 s: "Send a test" is not a way to flood it.
      clock.now += 9_000;
      await expect(stack.service.test(investigator, email.destination.id)).rejects.toMatchObject({
        status: 429,
        code: "test_too_soon",
        message: "A test went to Ops mail 9 s ago; send another in 1 s.",
        retryAfterSeconds: 1,
      });
      clock.now += 1_000;
      await stack.service.test(investigator, email.destination.id);
      await stack.worker.drain();
      [delivery] = await stack.service.deliveries(investigator);
      expect(delivery).toMatchObject({ status: "queued", lastStatus: 451 });
      clock.now += 2_000;
      await stack.worker.drain();
      [delivery] = await stack.service.deliveries(investigator);
      expect(delivery?.status).toBe("sent");
      expect(smtp.mails[0]?.subject).toBe("[callscope] Test alert from callscope to Ops mail");
    });

    it("refuses destinations and rules it cannot use, saying why", async () => {
      await expect(
        stack.service.createDestination(investigator, {
          name: "x",
          kind: "teams",
          url: "https://10.0.0.8/hook",
        }),
      ).rejects.toThrow(/10\.0\.0\.8 is an IP address/);
      await expect(
        stack.service.createDestination(investigator, {
          name: "x",
          kind: "email",
          recipients: ["not an address"],
        }),
      ).rejects.toThrow(/recipients: 1 not an email address/);
      await expect(
        stack.service.createRule(investigator, {
          name: "x",
          spec: { kind: "person", people: "watch-list", parts: ["impacted"] },
          destinationIds: ["nope"],
        }),
      ).rejects.toThrow(/destinationIds: nope is not a destination here/);
      const reader = { ...investigator, roles: ["CallQuality.Reader"], seesPersonalData: false };
      await expect(stack.service.rules(reader)).rejects.toThrow(/Only an investigator/);
      await expect(stack.service.destinations(reader)).rejects.toThrow(/Only an investigator/);
      await expect(stack.service.deliveries(reader)).rejects.toThrow(/Only an investigator/);
    });
  });
});
