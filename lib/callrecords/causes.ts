// Causes that explain a meeting: which shared factor (connection, Wi-Fi band, transport, relay, subnet,
// platform, client version) sets the poor streams apart from the rest.
//
// Each classified stream (good or poor) counts for the person at its non-service end: a participant's
// uplink and downlink both cross that person's network. For every value of every factor, the poor share
// of the streams with it is tested against the poor share of those without it by a two-proportion
// z-test (pooled variance). The z statistic already shrinks for small groups; on top of that a value needs
// at least MIN_STREAMS streams and z ≥ MIN_Z (one-sided p ≈ 0.001) to be listed, so three unlucky
// people never outrank a real pattern.
import { lookup, WIFI_BAND_LABELS } from "./describe";
import type { SiteOf } from "./compare";
import type { Device, Endpoint, Network } from "./model";
import { describePublicNetwork } from "./public-networks";
import type { SessionFilters } from "./session-filter";
import type { StreamRow } from "./streams";

export const MIN_STREAMS = 5;
export const MIN_Z = 3.1;

export interface Cause {
  factor: string;
  value: string;
  /** "streams on Wi-Fi 2.4 GHz" */
  label: string;
  streams: number;
  poor: number;
  share: number;
  outsideShare: number;
  outsideStreams: number;
  z: number;
  /** The sessions table's filter that shows these sessions, when it can express the factor. */
  filters: Partial<SessionFilters> | null;
}

interface Factor {
  name: string;
  value: (network: Network | null, endpoint: Endpoint | null, device: Device | null) => string | null;
  label: (value: string) => string;
  filters?: (value: string) => Partial<SessionFilters>;
}

const CONNECTION_LABELS: Record<string, string> = {
  wired: "a wired network",
  wifi: "Wi-Fi",
  mobile: "a mobile network",
  tunnel: "a VPN tunnel",
};

const FACTORS: Factor[] = [
  {
    name: "Connection",
    value: (n) => n?.connectionType ?? null,
    label: (v) => `streams on ${lookup(CONNECTION_LABELS, v) ?? v}`,
    filters: (v) => ({ connectionType: v }),
  },
  {
    name: "Wi-Fi band",
    value: (n) => (n?.connectionType === "wifi" && n.wifiBand ? n.wifiBand : null),
    label: (v) => `streams on Wi-Fi ${lookup(WIFI_BAND_LABELS, v) ?? v}`,
    filters: () => ({ connectionType: "wifi" }),
  },
  {
    name: "Transport",
    value: (n) => n?.networkTransportProtocol ?? null,
    label: (v) => `streams over ${v.toUpperCase()}`,
  },
  {
    name: "Media path",
    value: (n) => (n ? (n.relayIPAddress ? "relayed" : "direct") : null),
    label: (v) => `${v} streams`,
  },
  { name: "Subnet", value: (n) => n?.subnet ?? null, label: (v) => `streams from subnet ${v}` },
  {
    name: "ISP",
    value: (n) =>
      n?.publicNetwork?.kind === "public"
        ? describePublicNetwork({ ...n.publicNetwork, country: null })
        : null,
    label: (v) => `streams through ${v}`,
  },
  {
    name: "Country",
    value: (n) => (n?.publicNetwork?.kind === "public" ? n.publicNetwork.country : null),
    label: (v) => `streams from addresses in ${v}`,
  },
  {
    name: "Platform",
    value: (_, e) => e?.userAgent?.platform ?? null,
    label: (v) => `streams from ${v} clients`,
    filters: (v) => ({ platform: v }),
  },
  {
    name: "Microphone",
    // Masked for Readers ("••••" everywhere): one value explains nothing, so the factor drops out for them.
    value: (_, __, d) => d?.captureDeviceName ?? null,
    label: (v) => `streams from people using ${v}`,
  },
  {
    name: "Client version",
    value: (_, e) =>
      e?.userAgent?.applicationVersion
        ? `${e.userAgent.productFamily ?? "client"} ${e.userAgent.applicationVersion}`
        : null,
    label: (v) => `streams from ${v}`,
  },
];

/** The person's end of a row: who they are and the network they were on. */
function personEnds(
  row: StreamRow,
): { endpoint: Endpoint | null; network: Network | null; device: Device | null }[] {
  const ends = [
    { endpoint: row.sender, network: row.senderNetwork, device: row.senderDevice },
    { endpoint: row.receiver, network: row.receiverNetwork, device: row.receiverDevice },
  ];
  return ends.filter((end) => end.endpoint?.kind !== "service");
}

function zScore(poorIn: number, nIn: number, poorOut: number, nOut: number): number {
  const pooled = (poorIn + poorOut) / (nIn + nOut);
  const spread = Math.sqrt(pooled * (1 - pooled) * (1 / nIn + 1 / nOut));
  return spread === 0 ? 0 : (poorIn / nIn - poorOut / nOut) / spread;
}

/** The factors whose poor share stands out most, strongest first (at most `limit`). */
export function meetingCauses(rows: readonly StreamRow[], limit = 5, siteOf?: SiteOf): Cause[] {
  const factors: Factor[] = siteOf
    ? [{ name: "Site", value: (network) => siteOf(network), label: (v) => `streams from ${v}` }, ...FACTORS]
    : FACTORS;
  const observations: { poor: boolean; values: (string | null)[] }[] = [];
  for (const row of rows) {
    if (row.verdict.quality === "unclassified") continue;
    for (const end of personEnds(row)) {
      observations.push({
        poor: row.verdict.quality === "poor",
        values: factors.map((factor) => factor.value(end.network, end.endpoint, end.device)),
      });
    }
  }
  const total = observations.length;
  const totalPoor = observations.filter((o) => o.poor).length;
  if (total === 0 || totalPoor === 0) return [];
  const causes: Cause[] = [];
  factors.forEach((factor, index) => {
    const groups = new Map<string, { streams: number; poor: number }>();
    for (const observation of observations) {
      const value = observation.values[index];
      if (value === null || value === undefined) continue;
      const group = groups.get(value) ?? { streams: 0, poor: 0 };
      group.streams += 1;
      if (observation.poor) group.poor += 1;
      groups.set(value, group);
    }
    // A factor with one value everywhere explains nothing.
    if (groups.size < 2) return;
    for (const [value, group] of groups) {
      const outsideStreams = total - group.streams;
      if (group.streams < MIN_STREAMS || outsideStreams < MIN_STREAMS) continue;
      const outsidePoor = totalPoor - group.poor;
      const z = zScore(group.poor, group.streams, outsidePoor, outsideStreams);
      if (z < MIN_Z) continue;
      causes.push({
        factor: factor.name,
        value,
        label: factor.label(value),
        streams: group.streams,
        poor: group.poor,
        share: group.poor / group.streams,
        outsideShare: outsidePoor / outsideStreams,
        outsideStreams,
        z,
        filters: factor.filters ? factor.filters(value) : null,
      });
    }
  });
  return causes.sort((a, b) => b.z - a.z).slice(0, limit);
}

const pct = (share: number) => `${Math.round(share * 100)} %`;

/** "41 % of streams on Wi-Fi 2.4 GHz were poor (82 of 200), against 3 % of the others (z = 12.4)." */
export function describeCause(cause: Cause): string {
  return `${pct(cause.share)} of ${cause.label} were poor (${cause.poor} of ${cause.streams}), against ${pct(cause.outsideShare)} of the others (z = ${cause.z.toFixed(1)}).`;
}
