import { DIFFERENCE_RULES, meaningfullyWorse, type Explains } from "./difference-rules";
import { endpointLabel, formatLinkSpeed, identityTypeLabel, lookup, WIFI_BAND_LABELS } from "./describe";
import type { Device, Endpoint, Media, Network, UnreadableValue } from "./model";
import { describePublicNetwork } from "./public-networks";
import { DEFAULT_THRESHOLDS } from "./thresholds";

export interface ComparisonRow {
  label: string;
  caller: string;
  callee: string;
  /** The two shown values differ (equal shown values are never marked, however the raw numbers differ). */
  differs: boolean;
  /** Which side is meaningfully worse on this line, by its rule in difference-rules.ts; null when not. */
  worse: "caller" | "callee" | null;
  /** Sides whose value crosses a published limit on this line (e.g. a device "not functioning" ≥ 0.005). */
  breach: ("caller" | "callee")[];
  /** The limit, in words, when the line has one. */
  limit: string | null;
  /** Why a difference on this line counts, when it has a rule. */
  rule: string | null;
  /** Which poor streams this line can explain (difference-rules.ts); null: context only. */
  explains: Explains;
}

type Value = string | number | boolean;

interface Line<T> {
  label: string;
  /** Graph's field, when the line shows one: a value Graph sent that is not one is then said so, not "not reported". */
  field?: string;
  value: (item: T) => Value | null;
  format?: (value: Value) => string;
  /** A value at or above this is a breach on its own, whatever the other side says. */
  atLeast?: { value: number; text: string };
}

/** A line that shows one Graph field as it is: its value, and its words when Graph sent something unreadable. */
const fieldLine =
  <T>() =>
  (label: string, field: keyof T & string, format?: (value: Value) => string): Line<T> => ({
    label,
    field,
    value: (item) => item[field] as Value | null,
    format,
  });
const ofNetwork = fieldLine<Network>();
const ofDevice = fieldLine<Device>();

const percent = (value: Value) => `${(Number(value) * 100).toFixed(1)}%`;
const decibels = (value: Value) => `${value} dB`;
const NOT_FUNCTIONING = {
  value: DEFAULT_THRESHOLDS.deviceNotFunctioningRatio,
  text: `≥ ${percent(DEFAULT_THRESHOLDS.deviceNotFunctioningRatio)} of the call marks the device not functioning (Call Analytics)`,
};
const joined = (...parts: (string | number | null)[]) =>
  parts.filter((part) => part !== null && part !== "").join(" ") || null;

const NETWORK: Line<Network>[] = [
  ofNetwork("Connection", "connectionType"),
  ofNetwork("Transport", "networkTransportProtocol"),
  {
    label: "Path",
    value: (n) => (n.relayIPAddress ? "relayed" : "direct"),
  },
  ofNetwork("Link speed", "linkSpeed", (v) => formatLinkSpeed(Number(v))),
  ofNetwork("Wi-Fi band", "wifiBand", (v) => lookup(WIFI_BAND_LABELS, String(v)) ?? String(v)),
  ofNetwork("Wi-Fi signal", "wifiSignalStrength", (v) => `${v}%`),
  ofNetwork("Wi-Fi channel", "wifiChannel"),
  ofNetwork("Wi-Fi radio", "wifiRadioType"),
  ofNetwork("Wi-Fi access point (BSSID)", "basicServiceSetIdentifier"),
  { label: "Wi-Fi driver (vendor)", value: (n) => joined(n.wifiVendorDriver, n.wifiVendorDriverVersion) },
  {
    label: "Wi-Fi driver (Microsoft)",
    value: (n) => joined(n.wifiMicrosoftDriver, n.wifiMicrosoftDriverVersion),
  },
  ofNetwork("Battery", "wifiBatteryCharge", (v) => `${v}%`),
  {
    label: "IP address",
    // An IPv6 address takes its port in brackets ([2001:db8::1]:50123), as in a URL.
    value: (n) =>
      n.ipAddress
        ? n.port
          ? n.ipAddress.includes(":")
            ? `[${n.ipAddress}]:${n.port}`
            : `${n.ipAddress}:${n.port}`
          : n.ipAddress
        : null,
  },
  ofNetwork("Subnet", "subnet"),
  { label: "ISP (public address)", value: (n) => describePublicNetwork(n.publicNetwork) },
  ofNetwork("Reflexive (public) address", "reflexiveIPAddress"),
  {
    label: "Relay address",
    value: (n) => (n.relayIPAddress ? `${n.relayIPAddress}${n.relayPort ? `:${n.relayPort}` : ""}` : null),
  },
  ofNetwork("MAC address", "macAddress"),
  ofNetwork("DNS suffix", "dnsSuffix"),
  ofNetwork("Sent quality events", "sentQualityEventRatio", percent),
  ofNetwork("Received quality events", "receivedQualityEventRatio", percent),
  ofNetwork("Delay events", "delayEventRatio", percent),
  ofNetwork("Low bandwidth events", "bandwidthLowEventRatio", percent),
  { label: "Traceroute hops", value: (n) => (n.traceRouteHops.length > 0 ? n.traceRouteHops.length : null) },
];

const DEVICE: Line<Device>[] = [
  ofDevice("Microphone", "captureDeviceName"),
  ofDevice("Microphone driver", "captureDeviceDriver"),
  ofDevice("Speaker", "renderDeviceName"),
  ofDevice("Speaker driver", "renderDeviceDriver"),
  {
    label: "Mic not functioning",
    field: "captureNotFunctioningEventRatio",
    value: (d) => d.captureNotFunctioningEventRatio,
    format: percent,
    atLeast: NOT_FUNCTIONING,
  },
  {
    label: "Speaker not functioning",
    field: "renderNotFunctioningEventRatio",
    value: (d) => d.renderNotFunctioningEventRatio,
    format: percent,
    atLeast: NOT_FUNCTIONING,
  },
  ofDevice("Sent signal level", "sentSignalLevel", decibels),
  ofDevice("Sent noise level", "sentNoiseLevel", decibels),
  ofDevice("Received signal level", "receivedSignalLevel", decibels),
  ofDevice("Received noise level", "receivedNoiseLevel", decibels),
  ofDevice("Initial signal level (RMS)", "initialSignalLevelRootMeanSquare"),
  ofDevice("Mic glitches / 5 min", "micGlitchRate"),
  ofDevice("Speaker glitches / 5 min", "speakerGlitchRate"),
  ofDevice("Device glitches", "deviceGlitchEventRatio", percent),
  ofDevice("Clipping", "deviceClippingEventRatio", percent),
  ofDevice("Howling (echo feedback) events", "howlingEventCount"),
  ofDevice("Low speech level", "lowSpeechLevelEventRatio", percent),
  ofDevice("Low speech-to-noise", "lowSpeechToNoiseEventRatio", percent),
  ofDevice("Speaker muted", "renderMuteEventRatio", percent),
  ofDevice("Speaker at zero volume", "renderZeroVolumeEventRatio", percent),
  ofDevice("CPU insufficient", "cpuInsufficentEventRatio", percent),
];

const CLIENT: Line<Endpoint>[] = [
  { label: "Who", value: (e) => endpointLabel(e) },
  { label: "Sign-in name", value: (e) => e.identity?.userPrincipalName ?? null },
  {
    label: "Identity",
    value: (e) =>
      e.kind === "service"
        ? "Microsoft service"
        : e.identity
          ? `${identityTypeLabel(e.identity)}${e.identity.hidden ? " (hidden from the roster)" : ""}`
          : null,
  },
  { label: "Endpoint type", value: (e) => e.identity?.endpointType ?? null },
  {
    label: "Presented as",
    value: (e) => e.identity?.assertedIdentity?.displayName ?? e.identity?.assertedIdentity?.id ?? null,
  },
  { label: "Tenant", value: (e) => e.identity?.tenantId ?? null },
  { label: "Machine name", value: (e) => e.name },
  { label: "CPU", value: (e) => e.cpuName },
  { label: "CPU cores", value: (e) => e.cpuCoresCount },
  {
    label: "CPU speed",
    value: (e) => e.cpuProcessorSpeedInMhz,
    format: (v) => `${v} MHz`,
  },
  { label: "Platform", value: (e) => e.userAgent?.platform ?? null },
  { label: "Product", value: (e) => e.userAgent?.productFamily ?? null },
  { label: "App version", value: (e) => e.userAgent?.applicationVersion ?? null },
  { label: "User agent", value: (e) => e.userAgent?.headerValue ?? null },
  { label: "Entra app ID", value: (e) => e.userAgent?.azureADAppId ?? null },
  { label: "Communication service ID", value: (e) => e.userAgent?.communicationServiceId ?? null },
  { label: "Service role", value: (e) => e.userAgent?.role ?? null },
  { label: "Gave feedback", value: (e) => (e.feedback ? e.feedback.rating : null) },
];

/** What Graph sent for a field that could not be read, in words: "not a valid value (Graph sent -1)". */
function unreadableWords(item: object | null, field: string | undefined): string | null {
  if (!item || !field || !("unreadable" in item) || !Array.isArray(item.unreadable)) return null;
  const found = (item.unreadable as UnreadableValue[]).find((value) => value.field === field);
  if (!found) return null;
  return `not a ${found.sent.startsWith('"') ? "number" : "valid value"} (Graph sent ${found.sent})`;
}

function compareLines<T extends object>(
  lines: Line<T>[],
  caller: T | null,
  callee: T | null,
): ComparisonRow[] {
  return lines.flatMap((line) => {
    const a = caller ? line.value(caller) : null;
    const b = callee ? line.value(callee) : null;
    const badA = a === null ? unreadableWords(caller, line.field) : null;
    const badB = b === null ? unreadableWords(callee, line.field) : null;
    if (a === null && b === null && !badA && !badB) return [];
    const show = (v: Value | null, bad: string | null) =>
      v === null ? (bad ?? "not reported") : line.format ? line.format(v) : String(v);
    const shownA = show(a, badA);
    const shownB = show(b, badB);
    const rule = lookup(DIFFERENCE_RULES, line.label) ?? null;
    // A value one side did not report never counts against the side that did.
    const judged =
      rule && a !== null && b !== null && shownA !== shownB ? meaningfullyWorse(rule, a, b) : null;
    const breach = line.atLeast
      ? (["caller", "callee"] as const).filter(
          (side) => Number((side === "caller" ? a : b) ?? -Infinity) >= (line.atLeast?.value ?? Infinity),
        )
      : [];
    return [
      {
        label: line.label,
        caller: shownA,
        callee: shownB,
        differs: shownA !== shownB,
        worse: judged === "a" ? "caller" : judged === "b" ? "callee" : null,
        breach,
        limit: line.atLeast?.text ?? null,
        rule: rule?.rule ?? null,
        explains: rule?.explains ?? null,
      },
    ];
  });
}

/** Caller and callee side by side for one media: networks, then devices. */
export function compareSides(
  media: Media,
  siteOf?: SiteOf,
): { network: ComparisonRow[]; device: ComparisonRow[] } {
  return compareParts(
    { network: media.callerNetwork, device: media.callerDevice },
    { network: media.calleeNetwork, device: media.calleeDevice },
    siteOf,
  );
}

/** The named site (CQD building data) a network belongs to, or null; see lib/sites. */
export type SiteOf = (network: Network | null) => string | null;

/** Any two sides' networks and devices (two people in different sessions, say): the first is "caller". */
export function compareParts(
  a: { network: Network | null; device: Device | null },
  b: { network: Network | null; device: Device | null },
  siteOf?: SiteOf,
): { network: ComparisonRow[]; device: ComparisonRow[] } {
  const lines: Line<Network>[] = siteOf ? [{ label: "Site", value: (n) => siteOf(n) }, ...NETWORK] : NETWORK;
  return {
    network: compareLines(lines, a.network, b.network),
    device: compareLines(DEVICE, a.device, b.device),
  };
}

/** The two endpoints' identities, machines and clients side by side. */
export function compareEndpoints(caller: Endpoint | null, callee: Endpoint | null): ComparisonRow[] {
  return compareLines(CLIENT, caller, callee);
}
