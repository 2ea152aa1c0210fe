import { MEETING_SERVICE_ROLE } from "./meeting-service";
import type {
  Endpoint,
  Identity,
  IdentityKind,
  IdentityType,
  MediaKind,
  Network,
  StreamDirection,
} from "./model";

const ROLE_LABELS: Record<string, string> = {
  skypeForBusinessAudioVideoMcu: "Teams conferencing server",
  skypeForBusinessApplicationSharingMcu: "screen-sharing server",
  mediationServer: "PSTN gateway (mediation server)",
  mediationServerCloudConnectorEdition: "PSTN gateway (Cloud Connector)",
  gateway: "PSTN gateway",
  skypeForBusinessCallQueues: "call queue",
  skypeForBusinessAutoAttendant: "auto attendant",
  voicemail: "voicemail",
  conferencingAnnouncementService: "announcement service",
  conferencingAttendant: "conferencing attendant",
  mediaController: "media controller",
  customBot: "bot",
  [MEETING_SERVICE_ROLE]: "meeting service (not identified by Graph)",
};

/**
 * Text from Graph set inside a sentence, wrapped in a first-strong isolate (U+2068 … U+2069): a name
 * carrying a right-to-left override (U+202E) then reverses only itself, not the words around it.
 */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}

const ISOLATED = /\u2068([^\u2068\u2069]*)\u2069/g;

/** A sentence cut into plain runs and isolated runs, for rendering each isolated run as `<bdi>`. */
export function isolatedRuns(text: string): { text: string; isolated: boolean }[] {
  const runs: { text: string; isolated: boolean }[] = [];
  let last = 0;
  for (const match of text.matchAll(ISOLATED)) {
    if (match.index > last) runs.push({ text: text.slice(last, match.index), isolated: false });
    runs.push({ text: match[1] ?? "", isolated: true });
    last = match.index + match[0].length;
  }
  if (last < text.length) runs.push({ text: text.slice(last), isolated: false });
  return runs;
}

/** A label for a value Graph chose: own keys only, so "constructor" or "__proto__" find nothing instead of Object's. */
export function lookup<T>(table: Readonly<Record<string, T>>, key: string | null | undefined): T | undefined {
  return key !== null && key !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
}

export const IDENTITY_KIND_LABELS: Record<IdentityKind, string> = {
  user: "Microsoft 365 user",
  guest: "Guest",
  phone: "Phone number",
  application: "Application or bot",
  applicationInstance: "Resource account (room, auto attendant, call queue)",
  device: "Device",
  acsUser: "Azure Communication Services user",
  azureCommunicationServicesUser: "Azure Communication Services user",
  acsApplicationInstance: "Azure Communication Services resource account",
  spoolUser: "Spool user (joined before the meeting)",
  spoolApplicationInstance: "Spool resource account",
  encrypted: "Encrypted identity",
  onPremises: "Skype for Business on-premises user",
  associated: "Signed-in user (associated identity)",
  asserted: "Presented identity only (assertedIdentity)",
};

/** What the identity's own type says it is: wins over the slot it came in. */
export const IDENTITY_TYPE_LABELS: Record<IdentityType, string> = {
  user: "Microsoft 365 user",
  guest: "Guest",
  anonymousGuest: "Anonymous guest",
  federatedUser: "Federated user (another organisation)",
  personalAccount: "Personal Microsoft account",
  skypeUser: "Skype user",
  phone: "Phone number",
  acsUser: "Azure Communication Services user",
  conversation: "Teams conversation (team, channel or chat)",
  application: "Application or bot",
  applicationInstance: "Resource account (room, auto attendant, call queue)",
  encrypted: "Encrypted identity",
};

const ENDPOINT_TYPE_LABELS: Record<string, string> = {
  default: "",
  voicemail: "voicemail",
  skypeForBusiness: "Skype for Business client",
  skypeForBusinessVoipPhone: "Skype for Business IP phone",
};

/** "Phone number", "Guest · Skype for Business IP phone", "Microsoft 365 user, presented as Reception". */
export function identityKindLabel(identity: Identity): string {
  const type =
    identity.endpointType === null
      ? ""
      : (lookup(ENDPOINT_TYPE_LABELS, identity.endpointType) ?? identity.endpointType);
  const asserted = identity.assertedIdentity?.displayName ?? identity.assertedIdentity?.id;
  const hidden = identity.hidden ? " · hidden from the roster" : "";
  return `${identityTypeLabel(identity)}${type ? ` · ${type}` : ""}${asserted ? `, presented as ${asserted}` : ""}${hidden}`;
}

/** What the identity is: its own type where Graph said it, else the slot it came in. */
export function identityTypeLabel(identity: Identity): string {
  return identity.type ? IDENTITY_TYPE_LABELS[identity.type] : IDENTITY_KIND_LABELS[identity.kind];
}

export function identityLabel(identity: Identity | null): string | null {
  if (!identity) return null;
  if (identity.kind === "phone" || identity.type === "phone")
    return identity.displayName ?? (identity.id ? `phone ${identity.id}` : "a phone number");
  return identity.displayName ?? identity.userPrincipalName ?? identity.id;
}

export function endpointLabel(endpoint: Endpoint | null): string {
  if (!endpoint) return "unknown endpoint";
  if (endpoint.kind === "service") {
    const role = endpoint.userAgent?.role ?? "unknown";
    return lookup(ROLE_LABELS, role) ?? `Microsoft service (${role})`;
  }
  return identityLabel(endpoint.identity) ?? endpoint.name ?? "unknown participant";
}

const MEETING_ROLES = new Set([
  "skypeForBusinessAudioVideoMcu",
  "skypeForBusinessApplicationSharingMcu",
  MEETING_SERVICE_ROLE,
]);

/** A side as a direction names it: a person, "the meeting" for the conferencing server, else the service. */
export function sideName(endpoint: Endpoint | null): string {
  if (endpoint?.kind === "service" && MEETING_ROLES.has(endpoint.userAgent?.role ?? "")) return "the meeting";
  return endpointLabel(endpoint);
}

/** "from the meeting to Owen Franklin", "from Priya Raman to Owen Franklin": a stream's direction in people. */
export function directionWords(
  direction: StreamDirection,
  ends: { caller: Endpoint | null; callee: Endpoint | null },
): string {
  const [from, to] = direction === "callerToCallee" ? [ends.caller, ends.callee] : [ends.callee, ends.caller];
  return `from ${sideName(from)} to ${sideName(to)}`;
}

/** A key that says "the same participant" across sessions and segments. */
export function endpointKey(endpoint: Endpoint | null): string {
  if (!endpoint) return "unknown";
  if (endpoint.kind === "service") return `service:${endpoint.userAgent?.role ?? "unknown"}`;
  const identity = endpoint.identity;
  return `participant:${identity?.id ?? identity?.userPrincipalName ?? identity?.displayName ?? endpoint.name ?? "unknown"}`;
}

/** How long a call lasted, from its start and end. */
export function callDurationMs(call: { startDateTime: string; endDateTime: string }): number {
  return Date.parse(call.endDateTime) - Date.parse(call.startDateTime);
}

export const CALL_TYPE_LABELS: Record<string, string> = {
  peerToPeer: "Peer-to-peer call",
  groupCall: "Group call (meeting)",
  unknown: "Call",
};

export const WIFI_BAND_LABELS: Record<string, string> = {
  frequency24GHz: "2.4 GHz",
  frequency50GHz: "5 GHz",
  frequency60GHz: "60 GHz",
};

export function describeNetwork(network: Network | null): string {
  if (!network) return "an unreported network";
  const parts: string[] = [];
  switch (network.connectionType) {
    case "wifi": {
      const band = lookup(WIFI_BAND_LABELS, network.wifiBand);
      parts.push(
        `Wi-Fi${band ? ` ${band}` : ""}${network.wifiSignalStrength !== null ? ` with ${network.wifiSignalStrength}% signal` : ""}`,
      );
      break;
    }
    case "wired":
      parts.push("a wired network");
      break;
    case "mobile":
      parts.push("a mobile network");
      break;
    case "tunnel":
      parts.push("a VPN tunnel");
      break;
    default:
      parts.push("an unknown connection type");
  }
  if (network.networkTransportProtocol === "tcp") parts.push("over TCP");
  if (network.relayIPAddress) parts.push("through a media relay");
  return parts.join(" ");
}

export const DIRECTION_LABELS: Record<StreamDirection, string> = {
  callerToCallee: "caller→callee",
  calleeToCaller: "callee→caller",
};
export const MEDIA_LABELS: Record<MediaKind, string> = {
  audio: "audio",
  video: "video",
  screenSharing: "screen sharing",
  data: "data",
  other: "media",
};

export function formatLinkSpeed(bitsPerSecond: number | null): string {
  if (bitsPerSecond === null) return "not reported";
  if (bitsPerSecond >= 1e9)
    return `${(bitsPerSecond / 1e9).toFixed(bitsPerSecond % 1e9 === 0 ? 0 : 1)} Gbit/s`;
  return `${Math.round(bitsPerSecond / 1e6)} Mbit/s`;
}

export function formatDuration(ms: number): string {
  // An end before the start is the two clocks disagreeing, not a length: said so, never "-1 s".
  if (ms < 0) return `ends ${formatDuration(-ms)} before it starts (clock skew)`;
  const seconds = Math.round(ms / 1000);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return h > 0 ? `${h} h ${m} min` : m > 0 ? `${m} min ${s} s` : `${s} s`;
}
