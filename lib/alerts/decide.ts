// When an observation becomes an alert, and when it is sent: cooldown and recovery per rule and value, snooze,
// digest buckets and quiet hours. Pure: the store applies it inside its transaction, the preview replays it.
import type { AlertRule, QuietHours } from "./model";

export interface ValueState {
  /** Fired and not recovered since. */
  open: boolean;
  firedAt: number;
  /** Firing observations held back by the cooldown since the last alert. */
  suppressed: number;
}

export type Decision =
  | { fire: true; next: ValueState }
  | {
      fire: false;
      reason: "snoozed" | "cooldown" | "quiet" | "recovered" | "not-firing";
      next: ValueState | null;
    };

/**
 * One observation of a rule's value. Firing: an alert unless the rule is snoozed or the value fired within its
 * cooldown and has not recovered since (then it is counted as held back). Not firing: an open value recovers,
 * so the next time it fires alerts at once.
 */
export function decide(
  rule: Pick<AlertRule, "cooldownMinutes" | "snoozedUntil">,
  state: ValueState | null,
  firing: boolean,
  now: number,
): Decision {
  if (!firing) {
    if (state?.open)
      return { fire: false, reason: "recovered", next: { ...state, open: false, suppressed: 0 } };
    return { fire: false, reason: "not-firing", next: null };
  }
  if (rule.snoozedUntil !== null && rule.snoozedUntil > now)
    return { fire: false, reason: "snoozed", next: null };
  if (state?.open && now - state.firedAt < rule.cooldownMinutes * 60_000)
    return { fire: false, reason: "cooldown", next: { ...state, suppressed: state.suppressed + 1 } };
  return { fire: true, next: { open: true, firedAt: now, suppressed: 0 } };
}

/** The local hour and minute of `at` in a time zone, as minutes since midnight. */
function localMinutes(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(at);
  const value = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  return value("hour") * 60 + value("minute");
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export function isQuiet(quiet: QuietHours, at: number): boolean {
  const local = localMinutes(at, quiet.timeZone);
  const from = minutesOf(quiet.from);
  const to = minutesOf(quiet.to);
  if (from === to) return false;
  return from < to ? local >= from && local < to : local >= from || local < to;
}

/** The first minute at or after `at` outside the quiet hours (a quiet night ends at its `to`). */
export function afterQuiet(quiet: QuietHours | null, at: number): number {
  if (!quiet || !isQuiet(quiet, at)) return at;
  let t = Math.ceil(at / 60_000) * 60_000;
  for (let i = 0; i < 24 * 60 && isQuiet(quiet, t); i++) t += 60_000;
  return t;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** A daily digest goes out at 08:00 UTC. */
const DAILY_AT_MS = 8 * HOUR_MS;

/** When an alert fired at `now` is sent, and the digest it joins (alerts with the same key go as one message). */
export function schedule(
  rule: Pick<AlertRule, "id" | "digest" | "quietHours">,
  destinationId: string,
  now: number,
): { dueAt: number; digestKey: string | null } {
  let due = now;
  if (rule.digest === "hourly") due = Math.floor(now / HOUR_MS) * HOUR_MS + HOUR_MS;
  if (rule.digest === "daily") {
    const today = Math.floor(now / DAY_MS) * DAY_MS + DAILY_AT_MS;
    due = today > now ? today : today + DAY_MS;
  }
  due = afterQuiet(rule.quietHours, due);
  return { dueAt: due, digestKey: rule.digest === "none" ? null : `${rule.id}:${destinationId}:${due}` };
}

/** How many alerts a rule would have sent for a series of observations (the preview), with its cooldown. */
export function replay(
  rule: Pick<AlertRule, "cooldownMinutes">,
  observations: readonly { key: string; at: number; firing: boolean }[],
): { fired: number; at: number[] } {
  const states = new Map<string, ValueState>();
  const at: number[] = [];
  for (const observation of [...observations].sort((a, b) => a.at - b.at)) {
    const decision = decide(
      { cooldownMinutes: rule.cooldownMinutes, snoozedUntil: null },
      states.get(observation.key) ?? null,
      observation.firing,
      observation.at,
    );
    if (decision.next) states.set(observation.key, decision.next);
    if (decision.fire) at.push(observation.at);
  }
  return { fired: at.length, at };
}
