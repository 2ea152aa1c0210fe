import { GraphFailure } from "@/lib/graph/errors";
import {
  directRoutingLogRowSchema,
  phoneLogPageSchema,
  pstnCallLogRowSchema,
  type WireDirectRoutingRow,
  type WirePstnRow,
} from "@/lib/graph/schema";
import type { PhoneLogKind, PhoneLogRow } from "./phone-log";
import { reportedNumber, reportedText } from "./reported";

const num = (value: number | string | null | undefined) => reportedNumber(value);
/** Graph writes "0001-01-01T00:00:00Z" for a time that does not apply (failureDateTime of a successful call). */
const time = (value: string | null | undefined) => {
  const text = reportedText(value);
  if (text === null || text.startsWith("0001-01-01")) return null;
  return Number.isNaN(Date.parse(text)) ? null : text;
};

const EMPTY: Omit<PhoneLogRow, "kind" | "id"> = {
  reference: null,
  userId: null,
  userPrincipalName: null,
  userDisplayName: null,
  startDateTime: null,
  endDateTime: null,
  inviteDateTime: null,
  failureDateTime: null,
  durationSeconds: null,
  callType: null,
  callerNumber: null,
  calleeNumber: null,
  successful: null,
  finalSipCode: null,
  finalSipCodePhrase: null,
  callEndSubReason: null,
  trunkFqdn: null,
  mediaBypassEnabled: null,
  mediaPathLocation: null,
  signalingLocation: null,
  charge: null,
  connectionCharge: null,
  currency: null,
  destinationName: null,
  destinationContext: null,
  operator: null,
  licenseCapability: null,
  conferenceId: null,
  callDurationSource: null,
  inventoryType: null,
  tenantCountryCode: null,
  usageCountryCode: null,
};

/** What both logs say the same way: the user, the times and the numbers. */
function common(row: WirePstnRow | WireDirectRoutingRow) {
  return {
    userId: reportedText(row.userId),
    userPrincipalName: reportedText(row.userPrincipalName),
    userDisplayName: reportedText(row.userDisplayName),
    startDateTime: time(row.startDateTime),
    endDateTime: time(row.endDateTime),
    durationSeconds: num(row.duration),
    callType: reportedText(row.callType),
    callerNumber: reportedText(row.callerNumber),
    calleeNumber: reportedText(row.calleeNumber),
  };
}

function parseRow(kind: PhoneLogKind, item: unknown): PhoneLogRow | null {
  if (kind === "pstn") {
    const parsed = pstnCallLogRowSchema.safeParse(item);
    if (!parsed.success) return null;
    const row = parsed.data;
    return {
      ...EMPTY,
      kind,
      id: row.id,
      ...common(row),
      reference: reportedText(row.callId),
      charge: num(row.charge),
      connectionCharge: num(row.connectionCharge),
      currency: reportedText(row.currency),
      destinationName: reportedText(row.destinationName),
      destinationContext: reportedText(row.destinationContext),
      operator: reportedText(row.operator),
      licenseCapability: reportedText(row.licenseCapability),
      conferenceId: reportedText(row.conferenceId),
      callDurationSource: reportedText(row.callDurationSource),
      inventoryType: reportedText(row.inventoryType),
      tenantCountryCode: reportedText(row.tenantCountryCode),
      usageCountryCode: reportedText(row.usageCountryCode),
    };
  }
  const parsed = directRoutingLogRowSchema.safeParse(item);
  if (!parsed.success) return null;
  const row = parsed.data;
  return {
    ...EMPTY,
    kind,
    id: row.id,
    ...common(row),
    reference: reportedText(row.correlationId),
    inviteDateTime: time(row.inviteDateTime),
    failureDateTime: time(row.failureDateTime),
    successful: row.successfulCall ?? null,
    finalSipCode: num(row.finalSipCode),
    finalSipCodePhrase: reportedText(row.finalSipCodePhrase),
    callEndSubReason: num(row.callEndSubReason),
    trunkFqdn: reportedText(row.trunkFullyQualifiedDomainName),
    mediaBypassEnabled: row.mediaBypassEnabled ?? null,
    mediaPathLocation: reportedText(row.mediaPathLocation),
    signalingLocation: reportedText(row.signalingLocation),
  };
}

export interface PhoneLogPage {
  rows: PhoneLogRow[];
  unreadable: number;
}

/** A page of getPstnCalls or getDirectRoutingCalls. A row callscope cannot read is counted, not fatal. */
export function parsePhoneLogPage(kind: PhoneLogKind, body: unknown): PhoneLogPage {
  const page = phoneLogPageSchema.safeParse(body);
  if (!page.success)
    throw new GraphFailure("malformed", "Graph sent a page of the phone log that callscope cannot read.");
  const rows: PhoneLogRow[] = [];
  let unreadable = 0;
  for (const item of page.data.value) {
    const row = parseRow(kind, item);
    if (row) rows.push(row);
    else unreadable += 1;
  }
  return { rows, unreadable };
}
