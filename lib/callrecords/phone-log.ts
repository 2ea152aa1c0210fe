import type { PhoneLogKind } from "@/lib/graph/links";

export type { PhoneLogKind };

/**
 * One row of the PSTN (Calling Plan, Operator Connect) or Direct Routing log, in one shape: the
 * fields only one log has are null in the other.
 */
export interface PhoneLogRow {
  kind: PhoneLogKind;
  id: string;
  /** PSTN: Graph's callId (not guaranteed unique); Direct Routing: the correlationId to quote to Microsoft support. */
  reference: string | null;
  userId: string | null;
  userPrincipalName: string | null;
  userDisplayName: string | null;
  startDateTime: string | null;
  endDateTime: string | null;
  inviteDateTime: string | null;
  failureDateTime: string | null;
  durationSeconds: number | null;
  callType: string | null;
  callerNumber: string | null;
  calleeNumber: string | null;
  /** Direct Routing only: whether the call was fully established. */
  successful: boolean | null;
  finalSipCode: number | null;
  finalSipCodePhrase: string | null;
  callEndSubReason: number | null;
  trunkFqdn: string | null;
  mediaBypassEnabled: boolean | null;
  mediaPathLocation: string | null;
  signalingLocation: string | null;
  charge: number | null;
  connectionCharge: number | null;
  currency: string | null;
  destinationName: string | null;
  destinationContext: string | null;
  operator: string | null;
  licenseCapability: string | null;
  conferenceId: string | null;
  /** PSTN only: who measured the duration, `microsoft` or (Operator Connect) `operator`. */
  callDurationSource: string | null;
  /** PSTN only: the user's number type, such as a service or toll-free number. */
  inventoryType: string | null;
  /** PSTN only: ISO 3166-1 alpha-2 codes of the tenant's country and the user's. */
  tenantCountryCode: string | null;
  usageCountryCode: string | null;
}

/**
 * A call that did not connect. Direct Routing says so (successfulCall false); the PSTN log has no
 * such flag, so a PSTN row counts as failed only when it never connected (no duration).
 */
export function isFailedPhoneCall(row: PhoneLogRow): boolean {
  if (row.successful !== null) return !row.successful;
  return row.kind === "pstn" && (row.durationSeconds ?? 0) === 0 && row.endDateTime === null;
}

/** Rows for one person, by object ID or sign-in name (the logs have no participant filter of their own). */
export function rowsForPerson(
  rows: readonly PhoneLogRow[],
  person: { id: string | null; userPrincipalName: string | null; number: string | null },
): PhoneLogRow[] {
  const upn = person.userPrincipalName?.toLowerCase() ?? null;
  const number = person.number ? digits(person.number) : null;
  return rows.filter(
    (row) =>
      (person.id !== null && row.userId?.toLowerCase() === person.id.toLowerCase()) ||
      (upn !== null && row.userPrincipalName?.toLowerCase() === upn) ||
      (number !== null &&
        [row.callerNumber, row.calleeNumber].some((n) => n !== null && sameNumber(n, number))),
  );
}

/** The digits of a phone number, "+1 (425) 555-0143" → "14255550143"; masked digits ("***") kept as "*". */
export function digits(number: string): string {
  return number.replace(/[^0-9*]/g, "");
}

/**
 * Whether two numbers are the same line. Direct Routing masks the last digits ("+12345678***"), and
 * one side may carry a country code the other lacks: compare from the end, with "*" matching any digit.
 */
export function sameNumber(a: string, b: string): boolean {
  const [x, y] = [digits(a), digits(b)];
  const shorter = Math.min(x.length, y.length);
  if (shorter < 7) return x === y && x.length > 0;
  for (let i = 1; i <= shorter; i++) {
    const [p, q] = [x[x.length - i], y[y.length - i]];
    if (p !== q && p !== "*" && q !== "*") return false;
  }
  // Masked digits alone prove nothing: at least seven real digits must agree.
  let real = 0;
  for (let i = 1; i <= shorter; i++) if (x[x.length - i] !== "*" && y[y.length - i] !== "*") real += 1;
  return real >= 7;
}

/** Call types the phone logs use, in words (other values are shown as Graph sent them). */
export const PHONE_CALL_TYPE_LABELS: Record<string, string> = {
  user_in: "Inbound to a user",
  user_out: "Outbound from a user",
  user_out_conf: "Outbound from a conference",
  conf_in: "Inbound to a conference (dial-in)",
  conf_out: "Outbound from a conference (dial-out)",
  emergency_out: "Emergency call",
  ucap_in: "Inbound to a bot (call queue, auto attendant)",
  ucap_out: "Outbound from a bot",
  ByotIn: "Inbound (Direct Routing)",
  ByotOut: "Outbound (Direct Routing)",
  ByotInUcap: "Inbound to a bot (Direct Routing)",
  ByotOutUcap: "Outbound from a bot (Direct Routing)",
};

/** What happened to the call, in one line: the SIP outcome for Direct Routing, connected or not for PSTN. */
export function phoneOutcome(row: PhoneLogRow): string {
  const sip =
    row.finalSipCode !== null && row.finalSipCode > 0
      ? `SIP ${row.finalSipCode}${row.finalSipCodePhrase ? ` ${row.finalSipCodePhrase}` : ""}`
      : row.finalSipCodePhrase
        ? `ended with ${row.finalSipCodePhrase}`
        : null;
  const sub = row.callEndSubReason !== null ? `sub-code ${row.callEndSubReason}` : null;
  const detail = [sip, sub].filter(Boolean).join(", ");
  if (row.successful === false) return `Failed${detail ? `: ${detail}` : ""}`;
  if (row.successful === true) return `Connected${detail ? `, ${detail}` : ""}`;
  return (row.durationSeconds ?? 0) > 0 ? "Connected" : "Not connected";
}
