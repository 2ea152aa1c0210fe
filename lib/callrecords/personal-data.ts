// The one list of what in a call record is personal data. Redaction (lib/reports/redact.ts) replaces
// exactly these wire properties; masking for Readers (./mask.ts) hides the same ones in the domain
// model, and its tests check it against this list; the UI tells a Reader what was hidden from it.

export type PersonalDataKind =
  | "name"
  | "signIn"
  | "userId"
  | "phone"
  | "address"
  | "mac"
  | "accessPoint"
  | "dnsSuffix"
  | "machine"
  | "device"
  | "meetingLink"
  | "freeText";

/** What a Reader is told was hidden, in this order. */
export const HIDDEN_FROM_READERS: readonly string[] = [
  "names and sign-in names",
  "user IDs and phone numbers",
  "IP addresses and subnets",
  "MAC addresses and Wi-Fi access point IDs",
  "DNS suffixes",
  "machine and device names",
  "meeting links",
  "feedback text (free text can name people)",
];

/** Objects whose `id` identifies a person, a phone or an app instance rather than a record. */
const IDENTITY_PARENTS = new Set([
  "user",
  "guest",
  "phone",
  "application",
  "applicationInstance",
  "device",
  "acsUser",
  "spoolUser",
  "encrypted",
  "onPremises",
  "azureCommunicationServicesUser",
  "acsApplicationInstance",
  "spoolApplicationInstance",
  "assertedIdentity",
  "associatedIdentity",
  "organizer_v2",
  "participants_v2",
  "organizer",
  "participants",
]);

const BY_KEY: Readonly<Record<string, PersonalDataKind>> = {
  displayName: "name",
  userPrincipalName: "signIn",
  ipAddress: "address",
  reflexiveIPAddress: "address",
  relayIPAddress: "address",
  subnet: "address",
  macAddress: "mac",
  basicServiceSetIdentifier: "accessPoint",
  dnsSuffix: "dnsSuffix",
  captureDeviceName: "device",
  renderDeviceName: "device",
  joinWebUrl: "meetingLink",
  // The PSTN and Direct Routing logs name the user and both numbers of every call.
  userDisplayName: "name",
  userId: "userId",
  callerNumber: "phone",
  calleeNumber: "phone",
};

/**
 * Whether a wire property holds personal data, by its key and the key of the object holding it:
 * `name` only on an endpoint (a machine name), `text` only in feedback, `id` only on an identity.
 */
export function personalDataKind(key: string, parent: string): PersonalDataKind | null {
  if (parent === "feedback") return key === "text" ? "freeText" : null;
  if (key === "id") return IDENTITY_PARENTS.has(parent) ? (parent === "phone" ? "phone" : "userId") : null;
  if (key === "name") return parent === "caller" || parent === "callee" ? "machine" : null;
  if (key === "displayName" && parent === "phone") return "phone";
  return Object.hasOwn(BY_KEY, key) ? (BY_KEY[key] ?? null) : null;
}
