import "server-only";
// Alerts as the API offers them: rules, destinations, the delivery log, tests and previews. Investigators only
// (a rule names people; a destination is a secret). Webhook URLs and recipients are never shown back in full.
import { randomBytes, randomUUID } from "node:crypto";
import { LRUCache } from "lru-cache";
import { z } from "zod";
import { requireInvestigator, type Principal } from "@/lib/auth/roles";
import { AlertError } from "./errors";
import type { AlertEvaluator } from "./evaluator";
import type { DeliveryWorker } from "./delivery";
import { GIVE_UP_AFTER_MS } from "./delivery";
import type { AlertMessage, AlertRule, DestinationKind, DestinationView } from "./model";
import { checkDestination, type OutboundPolicy } from "./outbound";
import { parseRuleInput, parseRulePatch, type RuleInput } from "./rules";
import type { AlertStore, DestinationHealth } from "./store";
import type { StoredDestination } from "./senders";

const MAX_RULES = 200;
const MAX_DESTINATIONS = 50;
const LOG_ROWS = 200;

const EMAIL = /^[^\s@<>,;"]{1,64}@[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,}$/;

const destinationInput = z.object({
  name: z.string().trim().min(1, "a name").max(120),
  kind: z.enum(["teams", "email", "webhook"], { error: "kind must be teams, email or webhook" }),
  url: z.string().trim().max(2048).optional(),
  recipients: z.array(z.string().trim()).max(20).optional(),
});

/** A webhook URL as shown back: its host only (the path and query are its password). */
function maskTarget(kind: DestinationKind, target: string): string {
  if (kind === "email") {
    const list = target.split(",").map((entry) => entry.trim());
    const first = list[0] ?? "";
    const [local = "", domain = ""] = first.split("@");
    return `${local.slice(0, 1)}…@${domain}${list.length > 1 ? `, +${list.length - 1}` : ""}`;
  }
  try {
    return `https://${new URL(target).host}/…`;
  } catch {
    return "…";
  }
}

export function destinationView(
  destination: StoredDestination & DestinationHealth,
  now: number,
): DestinationView {
  return {
    id: destination.id,
    name: destination.name,
    kind: destination.kind,
    target: maskTarget(destination.kind, destination.target),
    createdBy: destination.createdBy,
    createdAt: destination.createdAt,
    failingSince: destination.failingSince,
    broken: destination.failingSince !== null && now - destination.failingSince >= GIVE_UP_AFTER_MS,
    lastError: destination.lastError,
    lastOkAt: destination.lastOkAt,
  };
}

export interface AlertServiceOptions {
  store: AlertStore;
  evaluator: AlertEvaluator;
  worker: DeliveryWorker;
  policy: OutboundPolicy;
  tenantId: string;
  emailOn: boolean;
  /** The demo's catcher of sent messages (CALLSCOPE_DEMO_MESSAGES_URL), read in demo mode only. */
  demoMessages?: () => Promise<unknown>;
  now?: () => number;
}

/** A destination takes one test this often. */
const TEST_EVERY_MS = 10_000;

export function createAlertService(options: AlertServiceOptions) {
  const { store, tenantId } = options;
  const now = options.now ?? Date.now;
  const guard = (principal: Principal, what: string) => requireInvestigator(principal, what);
  // When each destination was last sent a test, in this process (a second instance allows its own).
  const lastTest = new LRUCache<string, number>({ max: 1_000 });

  async function checkDestinations(ids: readonly string[]) {
    const known = new Set((await store.destinations(tenantId)).map((destination) => destination.id));
    const unknown = ids.filter((id) => !known.has(id));
    if (unknown.length > 0)
      throw new AlertError(
        400,
        "unknown_destination",
        `destinationIds: ${unknown.join(", ")} ${unknown.length > 1 ? "are" : "is"} not a destination here; add it first (POST /api/alerts/destinations).`,
      );
  }

  async function ruleOrThrow(id: string): Promise<AlertRule> {
    const rule = await store.rule(tenantId, id);
    if (!rule)
      throw new AlertError(
        404,
        "rule_not_found",
        "No alert rule has this ID here (it may have been deleted).",
      );
    return rule;
  }

  async function ruleViews() {
    const at = now();
    const destinations = new Map(
      (await store.destinations(tenantId)).map((d) => [d.id, destinationView(d, at)]),
    );
    return (await store.rules(tenantId)).map((rule) => ({
      ...rule,
      // The owner is told here when a destination of theirs is failing (broken after a day).
      problems: rule.destinationIds.flatMap((id) => {
        const destination = destinations.get(id);
        if (!destination) return [`A destination of this rule was deleted.`];
        if (destination.broken)
          return [`${destination.name} has failed for over a day: ${destination.lastError ?? ""}`];
        if (destination.failingSince)
          return [`${destination.name} is failing: ${destination.lastError ?? ""}`];
        return [];
      }),
    }));
  }

  return {
    async rules(principal: Principal) {
      guard(principal, "see alert rules");
      return ruleViews();
    },

    async createRule(principal: Principal, body: unknown) {
      guard(principal, "create alert rules");
      const input = parseRuleInput(body);
      await checkDestinations(input.destinationIds);
      if ((await store.rules(tenantId)).length >= MAX_RULES)
        throw new AlertError(
          409,
          "too_many_rules",
          `A tenant has at most ${MAX_RULES} alert rules; delete one first.`,
        );
      const at = now();
      const rule: AlertRule = {
        ...input,
        id: randomUUID(),
        createdBy: principal.oid,
        createdByName: principal.name,
        createdAt: at,
        updatedAt: at,
      };
      await store.saveRule(tenantId, rule);
      return rule;
    },

    async updateRule(principal: Principal, id: string, body: unknown) {
      guard(principal, "change alert rules");
      const current = await ruleOrThrow(id);
      const input: RuleInput = parseRulePatch(current, body);
      await checkDestinations(input.destinationIds);
      const rule: AlertRule = { ...current, ...input, updatedAt: now() };
      await store.saveRule(tenantId, rule);
      return rule;
    },

    async deleteRule(principal: Principal, id: string) {
      guard(principal, "delete alert rules");
      if (!(await store.deleteRule(tenantId, id)))
        throw new AlertError(
          404,
          "rule_not_found",
          "No alert rule has this ID here (it may have been deleted).",
        );
    },

    /** How often a rule (saved or not) would have fired in the last 7 days. */
    async preview(principal: Principal, body: unknown) {
      guard(principal, "preview alert rules");
      const input = parseRuleInput(body);
      const at = now();
      return options.evaluator.preview({
        ...input,
        id: "preview",
        createdBy: "",
        createdByName: "",
        createdAt: at,
        updatedAt: at,
      });
    },

    async destinations(principal: Principal): Promise<DestinationView[]> {
      guard(principal, "see alert destinations");
      const at = now();
      return (await store.destinations(tenantId)).map((destination) => destinationView(destination, at));
    },

    /**
     * Adds a destination after checking it (an https URL on an allowed host that resolves to public addresses,
     * or email recipients). A generic webhook gets a signing secret, shown this once.
     */
    async createDestination(principal: Principal, body: unknown) {
      guard(principal, "add alert destinations");
      const parsed = destinationInput.safeParse(body);
      if (!parsed.success)
        throw new AlertError(
          400,
          "invalid_destination",
          `The destination is not valid: ${parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ")}.`,
        );
      const input = parsed.data;
      if ((await store.destinations(tenantId)).length >= MAX_DESTINATIONS)
        throw new AlertError(
          409,
          "too_many_destinations",
          `A tenant has at most ${MAX_DESTINATIONS} destinations.`,
        );
      let target: string;
      if (input.kind === "email") {
        if (!options.emailOn)
          throw new AlertError(
            400,
            "email_off",
            "Email alerts are off here: an administrator sets CALLSCOPE_SMTP_URL to turn them on.",
          );
        const recipients = (input.recipients ?? []).filter(Boolean);
        const bad = recipients.filter((address) => !EMAIL.test(address));
        if (recipients.length === 0 || bad.length > 0)
          throw new AlertError(
            400,
            "invalid_destination",
            bad.length > 0
              ? `recipients: ${bad.length} not an email address (name@example.com).`
              : "recipients: at least one email address.",
          );
        target = recipients.join(", ");
      } else {
        if (!input.url)
          throw new AlertError(400, "invalid_destination", "url: the https:// address to post to.");
        target = (await checkDestination(input.url, options.policy)).href;
      }
      const destination: Omit<StoredDestination, "tenantId"> = {
        id: randomUUID(),
        name: input.name,
        kind: input.kind,
        target,
        secret: input.kind === "webhook" ? randomBytes(32).toString("base64url") : null,
      };
      await store.addDestination(tenantId, destination, principal.name, now());
      const saved = await store.destination(tenantId, destination.id);
      if (!saved) throw new AlertError(503, "not_saved", "The destination could not be saved; try again.");
      return { destination: destinationView(saved, now()), signingSecret: destination.secret };
    },

    async deleteDestination(principal: Principal, id: string) {
      guard(principal, "delete alert destinations");
      if (!(await store.deleteDestination(tenantId, id)))
        throw new AlertError(404, "destination_not_found", "No destination has this ID here.");
    },

    /** "Send a test": one message through the outbox, so it shows in the log like any alert. */
    async test(principal: Principal, id: string): Promise<{ deliveryId: string }> {
      guard(principal, "send test alerts");
      const destination = await store.destination(tenantId, id);
      if (!destination)
        throw new AlertError(404, "destination_not_found", "No destination has this ID here.");
      const at = now();
      // A test is for seeing one message arrive: a destination is not someone's to flood through callscope.
      const last = lastTest.get(id);
      if (last !== undefined && at - last < TEST_EVERY_MS) {
        const wait = Math.ceil((TEST_EVERY_MS - (at - last)) / 1000);
        throw new AlertError(
          429,
          "test_too_soon",
          `A test went to ${destination.name} ${Math.max(0, Math.round((at - last) / 1000))} s ago; send another in ${wait} s.`,
          wait,
        );
      }
      lastTest.set(id, at);
      const message: AlertMessage = {
        ruleId: "test",
        ruleName: "Test",
        kind: "test",
        title: `Test alert from callscope to ${destination.name}`,
        summary: `${principal.name} sent this test from callscope's alerts page. Alerts to this destination will look like this.`,
        facts: [{ name: "Sent by", value: principal.name }],
        link: null,
        at: new Date(at).toISOString(),
      };
      const deliveryId = await store.enqueueTest(tenantId, id, message, at);
      options.worker.wake();
      return { deliveryId };
    },

    async deliveries(principal: Principal) {
      guard(principal, "see alert deliveries");
      return store.deliveries(tenantId, LOG_ROWS);
    },

    async resend(principal: Principal, id: string) {
      guard(principal, "send alerts again");
      if (!(await store.resend(tenantId, id, now())))
        throw new AlertError(409, "not_resendable", "Only a failed or unsure delivery can be sent again.");
      options.worker.wake();
    },

    async demoMessages(principal: Principal): Promise<unknown> {
      guard(principal, "see the demo's messages");
      if (!options.demoMessages)
        throw new AlertError(404, "not_demo", "The message catcher exists in the demo only.");
      return options.demoMessages();
    },
  };
}

export type AlertService = ReturnType<typeof createAlertService>;
