import "server-only";
import { setImmediate as nextTurn } from "node:timers/promises";
// Alerts' tables: rules, destinations, each value's state, and the outbox (events and their deliveries).
import { randomUUID } from "node:crypto";
import type { ExpressionBuilder } from "kysely";
import type { Db } from "@/lib/db/open";
import type { Database } from "@/lib/db/schema";
import { changed } from "@/lib/db/types";
import { decide, schedule, type ValueState } from "./decide";
import type {
  AlertMessage,
  AlertRule,
  DeliveryStatus,
  DeliveryView,
  DestinationKind,
  RuleSettings,
  RuleSpec,
} from "./model";
import type { StoredDestination } from "./senders";

/** A delivery a worker holds: what to send, where. */
export interface ClaimedDelivery {
  id: string;
  eventId: string;
  ruleId: string;
  destinationId: string;
  attempts: number;
  digestKey: string | null;
  createdAt: number;
}

const unclaimed = (now: number) => (eb: ExpressionBuilder<Database, "alert_deliveries">) =>
  eb.or([eb("claimed_until", "is", null), eb("claimed_until", "<", now)]);

type RuleRow = Database["alert_rules"];

/** A delivery waiting to be sent: unclaimed, untried. */
function queued(d: {
  tenantId: string;
  id: string;
  eventId: string;
  ruleId: string;
  destinationId: string;
  dueAt: number;
  digestKey: string | null;
  now: number;
}) {
  return {
    tenant_id: d.tenantId,
    id: d.id,
    event_id: d.eventId,
    rule_id: d.ruleId,
    destination_id: d.destinationId,
    status: "queued",
    due_at: d.dueAt,
    digest_key: d.digestKey,
    claimed_by: null,
    claimed_until: null,
    created_at: d.now,
    sent_at: null,
    last_status: null,
    last_error: null,
  };
}

function ruleOf(row: { [K in keyof RuleRow]: RuleRow[K] }): AlertRule {
  const settings = JSON.parse(row.settings) as Omit<RuleSettings, "name" | "enabled">;
  return {
    id: row.id,
    name: row.name,
    enabled: Number(row.enabled) === 1,
    ...settings,
    spec: JSON.parse(row.spec) as RuleSpec,
    createdBy: row.created_by,
    createdByName: row.created_by_name,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

const settingsJson = (rule: RuleSettings) =>
  JSON.stringify({
    cooldownMinutes: rule.cooldownMinutes,
    digest: rule.digest,
    quietHours: rule.quietHours,
    snoozedUntil: rule.snoozedUntil,
    destinationIds: rule.destinationIds,
  });

/** Alert events forgotten per statement. */
const FORGET_SLICE = 300;

export function createAlertStore(db: Db) {
  return {
    async rules(tenantId: string): Promise<AlertRule[]> {
      const q = await db.ready();
      const rows = await q
        .selectFrom("alert_rules")
        .selectAll()
        .where("tenant_id", "=", tenantId)
        .orderBy("created_at")
        .orderBy("name")
        .execute();
      return rows.map(ruleOf);
    },

    async rule(tenantId: string, id: string): Promise<AlertRule | null> {
      const q = await db.ready();
      const row = await q
        .selectFrom("alert_rules")
        .selectAll()
        .where("tenant_id", "=", tenantId)
        .where("id", "=", id)
        .executeTakeFirst();
      return row ? ruleOf(row) : null;
    },

    async saveRule(tenantId: string, rule: AlertRule): Promise<void> {
      const q = await db.ready();
      const values = {
        tenant_id: tenantId,
        id: rule.id,
        name: rule.name,
        kind: rule.spec.kind,
        spec: JSON.stringify(rule.spec),
        settings: settingsJson(rule),
        enabled: rule.enabled ? 1 : 0,
        created_by: rule.createdBy,
        created_by_name: rule.createdByName,
        created_at: rule.createdAt,
        updated_at: rule.updatedAt,
      };
      await q
        .insertInto("alert_rules")
        .values(values)
        .onConflict((c) =>
          c.columns(["tenant_id", "id"]).doUpdateSet({
            name: values.name,
            kind: values.kind,
            spec: values.spec,
            settings: values.settings,
            enabled: values.enabled,
            updated_at: values.updated_at,
          }),
        )
        .execute();
    },

    /**
     * Forgets the alert log older than `before`: events (their messages name people, their keys are object IDs),
     * their deliveries (titles), and each value's closed state. A few hundred rows a statement, with a turn of the
     * event loop between (SQLite runs on this thread). Returns the events forgotten.
     */
    async forgetBefore(tenantId: string, before: number): Promise<number> {
      const q = await db.ready();
      let forgotten = 0;
      for (;;) {
        const events = await q
          .selectFrom("alert_events")
          .select("id")
          .where("tenant_id", "=", tenantId)
          .where("created_at", "<", before)
          .limit(FORGET_SLICE)
          .execute();
        if (events.length === 0) break;
        const ids = events.map((event) => event.id);
        await q.transaction().execute(async (tx) => {
          await tx
            .deleteFrom("alert_deliveries")
            .where("tenant_id", "=", tenantId)
            .where("event_id", "in", ids)
            .execute();
          await tx
            .deleteFrom("alert_events")
            .where("tenant_id", "=", tenantId)
            .where("id", "in", ids)
            .execute();
        });
        forgotten += ids.length;
        await nextTurn();
      }
      await q
        .deleteFrom("alert_state")
        .where("tenant_id", "=", tenantId)
        .where("open", "=", 0)
        .where("fired_at", "<", before)
        .execute();
      return forgotten;
    },

    async deleteRule(tenantId: string, id: string): Promise<boolean> {
      const q = await db.ready();
      return q.transaction().execute(async (tx) => {
        const result = await tx
          .deleteFrom("alert_rules")
          .where("tenant_id", "=", tenantId)
          .where("id", "=", id)
          .executeTakeFirst();
        await tx
          .deleteFrom("alert_state")
          .where("tenant_id", "=", tenantId)
          .where("rule_id", "=", id)
          .execute();
        // What was queued for it is not sent; what was sent stays in the log.
        await tx
          .deleteFrom("alert_deliveries")
          .where("tenant_id", "=", tenantId)
          .where("rule_id", "=", id)
          .where("status", "=", "queued")
          .execute();
        return changed(result) > 0;
      });
    },

    async destinations(tenantId: string): Promise<(StoredDestination & DestinationHealth)[]> {
      const q = await db.ready();
      const rows = await q
        .selectFrom("alert_destinations")
        .selectAll()
        .where("tenant_id", "=", tenantId)
        .orderBy("created_at")
        .orderBy("name")
        .execute();
      return rows.map(destinationOf);
    },

    async destination(tenantId: string, id: string): Promise<(StoredDestination & DestinationHealth) | null> {
      const q = await db.ready();
      const row = await q
        .selectFrom("alert_destinations")
        .selectAll()
        .where("tenant_id", "=", tenantId)
        .where("id", "=", id)
        .executeTakeFirst();
      return row ? destinationOf(row) : null;
    },

    async addDestination(
      tenantId: string,
      destination: Omit<StoredDestination, "tenantId">,
      createdBy: string,
      now: number,
    ): Promise<void> {
      const q = await db.ready();
      await q
        .insertInto("alert_destinations")
        .values({
          tenant_id: tenantId,
          id: destination.id,
          name: destination.name,
          kind: destination.kind,
          target: destination.target,
          secret: destination.secret,
          created_by: createdBy,
          created_at: now,
          failing_since: null,
          last_ok_at: null,
          last_error: null,
        })
        .execute();
    },

    async deleteDestination(tenantId: string, id: string): Promise<boolean> {
      const q = await db.ready();
      return q.transaction().execute(async (tx) => {
        const result = await tx
          .deleteFrom("alert_destinations")
          .where("tenant_id", "=", tenantId)
          .where("id", "=", id)
          .executeTakeFirst();
        await tx
          .deleteFrom("alert_deliveries")
          .where("tenant_id", "=", tenantId)
          .where("destination_id", "=", id)
          .where("status", "=", "queued")
          .execute();
        return changed(result) > 0;
      });
    },

    /** A delivery went through: the destination is healthy again. */
    async destinationOk(tenantId: string, id: string, now: number): Promise<void> {
      const q = await db.ready();
      await q
        .updateTable("alert_destinations")
        .set({ failing_since: null, last_ok_at: now, last_error: null })
        .where("tenant_id", "=", tenantId)
        .where("id", "=", id)
        .execute();
    },

    async destinationFailed(tenantId: string, id: string, now: number, error: string): Promise<void> {
      const q = await db.ready();
      await q
        .updateTable("alert_destinations")
        .set((eb) => ({
          failing_since: eb.fn.coalesce("failing_since", eb.val(now)),
          last_error: error.slice(0, 500),
        }))
        .where("tenant_id", "=", tenantId)
        .where("id", "=", id)
        .execute();
    },

    async valueState(tenantId: string, ruleId: string, valueKey: string): Promise<ValueState | null> {
      const q = await db.ready();
      const row = await q
        .selectFrom("alert_state")
        .select(["open", "fired_at", "suppressed"])
        .where("tenant_id", "=", tenantId)
        .where("rule_id", "=", ruleId)
        .where("value_key", "=", valueKey)
        .executeTakeFirst();
      return row
        ? { open: Number(row.open) === 1, firedAt: Number(row.fired_at), suppressed: Number(row.suppressed) }
        : null;
    },

    /** The values of a rule that fired and have not recovered (a window rule checks them for recovery). */
    async openValues(tenantId: string, ruleId: string): Promise<string[]> {
      const q = await db.ready();
      const rows = await q
        .selectFrom("alert_state")
        .select("value_key")
        .where("tenant_id", "=", tenantId)
        .where("rule_id", "=", ruleId)
        .where("open", "=", 1)
        .execute();
      return rows.map((row) => row.value_key);
    },

    /**
     * Applies one observation (lib/alerts/decide.ts) in one transaction: on firing, the alert and one delivery
     * per destination are written before anything is sent; the dedup key (rule + value + window) makes a second
     * instance's identical observation a no-op. Returns whether an alert was written.
     */
    async observe(
      tenantId: string,
      rule: AlertRule,
      observation: { valueKey: string; windowKey: string; firing: boolean; message: AlertMessage | null },
      now: number,
    ): Promise<boolean> {
      const q = await db.ready();
      return q.transaction().execute(async (tx) => {
        const row = await tx
          .selectFrom("alert_state")
          .select(["open", "fired_at", "suppressed"])
          .where("tenant_id", "=", tenantId)
          .where("rule_id", "=", rule.id)
          .where("value_key", "=", observation.valueKey)
          .executeTakeFirst();
        const state: ValueState | null = row
          ? {
              open: Number(row.open) === 1,
              firedAt: Number(row.fired_at),
              suppressed: Number(row.suppressed),
            }
          : null;
        const decision = decide(rule, state, observation.firing, now);
        let fired = false;
        if (decision.fire && observation.message) {
          const eventId = randomUUID();
          const message =
            state?.suppressed && state.suppressed > 0
              ? {
                  ...observation.message,
                  summary: `${observation.message.summary} (${state.suppressed} more held back by the cooldown since the last alert.)`,
                }
              : observation.message;
          const inserted = await tx
            .insertInto("alert_events")
            .values({
              tenant_id: tenantId,
              id: eventId,
              rule_id: rule.id,
              dedup_key: `${rule.id}|${observation.valueKey}|${observation.windowKey}`,
              message: JSON.stringify(message),
              created_at: now,
            })
            .onConflict((c) => c.columns(["tenant_id", "dedup_key"]).doNothing())
            .executeTakeFirst();
          if (changed(inserted) === 0) return false;
          fired = true;
          for (const destinationId of rule.destinationIds) {
            const { dueAt, digestKey } = schedule(rule, destinationId, now);
            await tx
              .insertInto("alert_deliveries")
              .values(
                queued({
                  tenantId,
                  id: randomUUID(),
                  eventId,
                  ruleId: rule.id,
                  destinationId,
                  dueAt,
                  digestKey,
                  now,
                }),
              )
              .execute();
          }
        }
        const next = decision.next;
        if (next)
          await tx
            .insertInto("alert_state")
            .values({
              tenant_id: tenantId,
              rule_id: rule.id,
              value_key: observation.valueKey,
              open: next.open ? 1 : 0,
              fired_at: next.firedAt,
              suppressed: next.suppressed,
            })
            .onConflict((c) =>
              c.columns(["tenant_id", "rule_id", "value_key"]).doUpdateSet({
                open: next.open ? 1 : 0,
                fired_at: next.firedAt,
                suppressed: next.suppressed,
              }),
            )
            .execute();
        return fired;
      });
    },

    /** A test message to one destination, through the same outbox. */
    async enqueueTest(
      tenantId: string,
      destinationId: string,
      message: AlertMessage,
      now: number,
    ): Promise<string> {
      const q = await db.ready();
      const eventId = randomUUID();
      const id = randomUUID();
      await q.transaction().execute(async (tx) => {
        await tx
          .insertInto("alert_events")
          .values({
            tenant_id: tenantId,
            id: eventId,
            rule_id: "test",
            dedup_key: `test|${eventId}`,
            message: JSON.stringify(message),
            created_at: now,
          })
          .execute();
        await tx
          .insertInto("alert_deliveries")
          .values(
            queued({
              tenantId,
              id,
              eventId,
              ruleId: "test",
              destinationId,
              dueAt: now,
              digestKey: null,
              now,
            }),
          )
          .execute();
      });
      return id;
    },

    /**
     * Takes due deliveries for `holder`. First, deliveries whose sender stopped mid-send (status `sending`, claim
     * lapsed) become `unsure`: they may have arrived, so they are not sent again without a person asking.
     */
    async claim(
      tenantId: string,
      holder: string,
      now: number,
      limit: number,
      claimMs: number,
    ): Promise<ClaimedDelivery[]> {
      const q = await db.ready();
      await q
        .updateTable("alert_deliveries")
        .set({ status: "unsure", claimed_by: null, claimed_until: null })
        .where("tenant_id", "=", tenantId)
        .where("status", "=", "sending")
        .where("claimed_until", "<", now)
        .execute();
      const rows = await q
        .updateTable("alert_deliveries")
        .set({ claimed_by: holder, claimed_until: now + claimMs })
        .where("tenant_id", "=", tenantId)
        .where("status", "=", "queued")
        .where("due_at", "<=", now)
        .where(unclaimed(now))
        .where("id", "in", (eb) =>
          eb
            .selectFrom("alert_deliveries")
            .select("id")
            .where("tenant_id", "=", tenantId)
            .where("status", "=", "queued")
            .where("due_at", "<=", now)
            .where(unclaimed(now))
            .orderBy("due_at")
            .limit(limit),
        )
        .returning(["id", "event_id", "rule_id", "destination_id", "attempts", "digest_key", "created_at"])
        .execute();
      const claimed = rows.map(claimedOf);
      // A digest goes as one message: the rest of its alerts come along, whoever's limit they fell outside.
      for (const key of new Set(claimed.flatMap((row) => (row.digestKey ? [row.digestKey] : [])))) {
        const more = await q
          .updateTable("alert_deliveries")
          .set({ claimed_by: holder, claimed_until: now + claimMs })
          .where("tenant_id", "=", tenantId)
          .where("status", "=", "queued")
          .where("digest_key", "=", key)
          .where(unclaimed(now))
          .returning(["id", "event_id", "rule_id", "destination_id", "attempts", "digest_key", "created_at"])
          .execute();
        claimed.push(...more.map(claimedOf));
      }
      return claimed;
    },

    /** Marks claimed deliveries as being sent, only while `holder` still holds them; returns the ones it does. */
    async sending(tenantId: string, ids: string[], holder: string, now: number): Promise<number> {
      if (ids.length === 0) return 0;
      const q = await db.ready();
      const result = await q
        .updateTable("alert_deliveries")
        .set((eb) => ({ status: "sending", attempts: eb("attempts", "+", 1) }))
        .where("tenant_id", "=", tenantId)
        .where("id", "in", ids)
        .where("claimed_by", "=", holder)
        .where("claimed_until", ">=", now)
        .where("status", "=", "queued")
        .executeTakeFirst();
      return changed(result);
    },

    async finish(
      tenantId: string,
      ids: string[],
      outcome:
        | { status: "sent"; code: number; at: number }
        | { status: "queued"; code: number | null; error: string; dueAt: number }
        | { status: "failed"; code: number | null; error: string },
    ): Promise<void> {
      if (ids.length === 0) return;
      const q = await db.ready();
      await q
        .updateTable("alert_deliveries")
        .set({
          status: outcome.status,
          claimed_by: null,
          claimed_until: null,
          last_status: outcome.code,
          last_error: outcome.status === "sent" ? null : outcome.error.slice(0, 500),
          ...(outcome.status === "sent" ? { sent_at: outcome.at } : {}),
          ...(outcome.status === "queued" ? { due_at: outcome.dueAt } : {}),
        })
        .where("tenant_id", "=", tenantId)
        .where("id", "in", ids)
        .execute();
    },

    /** A person asks to send a failed or unsure delivery again. */
    async resend(tenantId: string, id: string, now: number): Promise<boolean> {
      const q = await db.ready();
      const result = await q
        .updateTable("alert_deliveries")
        .set({ status: "queued", due_at: now, claimed_by: null, claimed_until: null })
        .where("tenant_id", "=", tenantId)
        .where("id", "=", id)
        .where("status", "in", ["failed", "unsure"])
        .executeTakeFirst();
      return changed(result) > 0;
    },

    async messages(tenantId: string, eventIds: string[]): Promise<Map<string, AlertMessage>> {
      if (eventIds.length === 0) return new Map();
      const q = await db.ready();
      const rows = await q
        .selectFrom("alert_events")
        .select(["id", "message"])
        .where("tenant_id", "=", tenantId)
        .where("id", "in", eventIds)
        .execute();
      return new Map(rows.map((row) => [row.id, JSON.parse(row.message) as AlertMessage]));
    },

    /** The delivery log, newest first: one row per delivery, a digest's alerts counted on each. */
    async deliveries(tenantId: string, limit: number): Promise<DeliveryView[]> {
      const q = await db.ready();
      const rows = await q
        .selectFrom("alert_deliveries as d")
        .innerJoin("alert_events as e", (join) =>
          join.onRef("e.id", "=", "d.event_id").onRef("e.tenant_id", "=", "d.tenant_id"),
        )
        .leftJoin("alert_destinations as t", (join) =>
          join.onRef("t.id", "=", "d.destination_id").onRef("t.tenant_id", "=", "d.tenant_id"),
        )
        .select([
          "d.id",
          "d.created_at",
          "d.rule_id",
          "d.destination_id",
          "d.status",
          "d.attempts",
          "d.due_at",
          "d.sent_at",
          "d.last_status",
          "d.last_error",
          "d.digest_key",
          "e.message",
          "t.name as destination_name",
          "t.kind as destination_kind",
        ])
        .where("d.tenant_id", "=", tenantId)
        .orderBy("d.created_at", "desc")
        .orderBy("d.id")
        .limit(limit)
        .execute();
      const digestSizes = new Map<string, number>();
      for (const row of rows)
        if (row.digest_key) digestSizes.set(row.digest_key, (digestSizes.get(row.digest_key) ?? 0) + 1);
      return rows.map((row) => {
        const message = JSON.parse(row.message) as AlertMessage;
        return {
          id: row.id,
          createdAt: Number(row.created_at),
          ruleId: row.rule_id,
          ruleName: message.ruleName,
          title: message.title,
          destinationId: row.destination_id,
          destinationName: row.destination_name ?? "(deleted destination)",
          destinationKind: (row.destination_kind ?? "webhook") as DestinationKind,
          status: row.status as DeliveryStatus,
          attempts: Number(row.attempts),
          dueAt: Number(row.due_at),
          sentAt: row.sent_at === null ? null : Number(row.sent_at),
          lastStatus: row.last_status === null ? null : Number(row.last_status),
          lastError: row.last_error,
          alerts: row.digest_key ? (digestSizes.get(row.digest_key) ?? 1) : 1,
        };
      });
    },
  };
}

export interface DestinationHealth {
  createdBy: string;
  createdAt: number;
  failingSince: number | null;
  lastOkAt: number | null;
  lastError: string | null;
}

function destinationOf(row: Database["alert_destinations"]): StoredDestination & DestinationHealth {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    name: row.name,
    kind: row.kind as DestinationKind,
    target: row.target,
    secret: row.secret,
    createdBy: row.created_by,
    createdAt: Number(row.created_at),
    failingSince: row.failing_since === null ? null : Number(row.failing_since),
    lastOkAt: row.last_ok_at === null ? null : Number(row.last_ok_at),
    lastError: row.last_error,
  };
}

function claimedOf(row: {
  id: string;
  event_id: string;
  rule_id: string;
  destination_id: string;
  attempts: number;
  digest_key: string | null;
  created_at: number;
}): ClaimedDelivery {
  return {
    id: row.id,
    eventId: row.event_id,
    ruleId: row.rule_id,
    destinationId: row.destination_id,
    attempts: Number(row.attempts),
    digestKey: row.digest_key,
    createdAt: Number(row.created_at),
  };
}

export type AlertStore = ReturnType<typeof createAlertStore>;
