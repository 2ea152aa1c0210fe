import type { CallSummary, Endpoint, Identity, Participant, Session } from "./model";
import { sameNumber, type PhoneLogRow } from "./phone-log";

/** Service roles that put a phone network on the other side: Calling Plan / Operator Connect, or an SBC. */
const PHONE_SERVICE_ROLES = new Set(["mediationServer", "gateway"]);

export interface PhoneLegs {
  /** Phone numbers in the call (phone identities of participants, the organizer and session endpoints). */
  numbers: string[];
  /** Entra object IDs of the Teams users in the call: the phone logs name the user who placed or took the call. */
  userIds: string[];
  /** Why the call has a phone leg, in words; null when it has none. */
  reason: string | null;
}

function endpointsOf(sessions: readonly Session[]): Endpoint[] {
  const out: Endpoint[] = [];
  for (const session of sessions) {
    for (const endpoint of [session.caller, session.callee]) if (endpoint) out.push(endpoint);
    for (const segment of session.segments)
      for (const endpoint of [segment.caller, segment.callee]) if (endpoint) out.push(endpoint);
  }
  return out;
}

/** The phone side of a call, if it has one: what matching log rows needs. */
export function phoneLegsOf(
  call: CallSummary,
  sessions: readonly Session[],
  participants: readonly Participant[],
): PhoneLegs {
  const numbers = new Set<string>();
  const userIds = new Set<string>();
  let gateway: string | null = null;
  const visit = (identity: Identity | null) => {
    if (!identity?.id) return;
    if (identity.kind === "phone") numbers.add(identity.id);
    else if (identity.kind === "user" || identity.kind === "associated")
      userIds.add(identity.id.toLowerCase());
  };
  visit(call.organizer);
  for (const participant of participants) visit(participant.identity);
  for (const endpoint of endpointsOf(sessions)) {
    visit(endpoint.identity);
    const role = endpoint.userAgent?.role;
    if (endpoint.kind === "service" && role && PHONE_SERVICE_ROLES.has(role)) gateway ??= role;
  }
  const reason =
    numbers.size > 0
      ? `a phone number takes part (${numbers.size === 1 ? "one number" : `${numbers.size} numbers`})`
      : gateway
        ? `a ${gateway === "gateway" ? "gateway (SBC)" : "mediation server"} carries a leg`
        : null;
  return { numbers: [...numbers], userIds: [...userIds], reason };
}

export interface MatchedPhoneRow {
  row: PhoneLogRow;
  matchedBy: ("user" | "number")[];
  /** Seconds between the row's start and the call record's start (negative: the row started first). */
  offsetSeconds: number;
  /** The log masked a number's last digits and the call record has it whole: the row shows the record's. */
  filledFromRecord: boolean;
}

/**
 * The record's whole number in place of the log's masked one ("+12065550***" → "+12065550143"), so one page
 * does not show a number masked on one card and whole on the next. The view masks both alike for a Reader.
 */
function fillMasked(number: string | null, whole: readonly string[]): string | null {
  if (number === null || !number.includes("*")) return number;
  return whole.find((mine) => !mine.includes("*") && sameNumber(mine, number)) ?? number;
}

/** How far a log row's times may sit outside the call record's window and still be the same call. */
export const MATCH_SLACK_MS = 120_000;

function rowWindow(row: PhoneLogRow): { start: number; end: number } | null {
  const start = Date.parse(row.startDateTime ?? row.inviteDateTime ?? "");
  if (Number.isNaN(start)) return null;
  const ended = Date.parse(row.endDateTime ?? row.failureDateTime ?? "");
  const end = Number.isNaN(ended) ? start + (row.durationSeconds ?? 0) * 1000 : ended;
  return { start, end: Math.max(start, end) };
}

/**
 * The log rows that are this call's phone legs: their time overlaps the call's (give or take two
 * minutes) and they name one of its Teams users or one of its phone numbers. Time alone is not
 * enough: a busy tenant has many phone calls in any two minutes.
 */
export function matchPhoneRows(
  call: CallSummary,
  legs: PhoneLegs,
  rows: readonly PhoneLogRow[],
): MatchedPhoneRow[] {
  const start = Date.parse(call.startDateTime);
  const end = Date.parse(call.endDateTime);
  const users = new Set(legs.userIds);
  const matched: MatchedPhoneRow[] = [];
  for (const row of rows) {
    const window = rowWindow(row);
    if (!window || window.end < start - MATCH_SLACK_MS || window.start > end + MATCH_SLACK_MS) continue;
    const matchedBy: MatchedPhoneRow["matchedBy"] = [];
    if (row.userId && users.has(row.userId.toLowerCase())) matchedBy.push("user");
    const numbers = [row.callerNumber, row.calleeNumber].filter((n): n is string => n !== null);
    if (legs.numbers.some((mine) => numbers.some((theirs) => sameNumber(mine, theirs))))
      matchedBy.push("number");
    if (matchedBy.length === 0) continue;
    const filled = {
      ...row,
      callerNumber: fillMasked(row.callerNumber, legs.numbers),
      calleeNumber: fillMasked(row.calleeNumber, legs.numbers),
    };
    matched.push({
      row: filled,
      matchedBy,
      offsetSeconds: Math.round((window.start - start) / 1000),
      filledFromRecord: filled.callerNumber !== row.callerNumber || filled.calleeNumber !== row.calleeNumber,
    });
  }
  return matched.sort(
    (a, b) =>
      b.matchedBy.length - a.matchedBy.length || Math.abs(a.offsetSeconds) - Math.abs(b.offsetSeconds),
  );
}

/** One sentence on how a row was tied to the call, for the page. */
export function describeMatch(match: MatchedPhoneRow): string {
  const by =
    match.matchedBy.length === 2
      ? "same Teams user and same phone number"
      : match.matchedBy[0] === "user"
        ? "same Teams user"
        : "same phone number";
  const offset = match.offsetSeconds;
  const when =
    offset === 0
      ? "started with the call"
      : `started ${Math.abs(offset)} s ${offset < 0 ? "before" : "after"} the call record`;
  const filled = match.filledFromRecord
    ? "; the log masks the number's last digits, shown whole from the call record"
    : "";
  return `${by}; ${when}${filled}`;
}
