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
import type { StreamRow } from "./streams";

export const MIN_STREAMS = 5;
export const MIN_Z = 3.1;

export interface Cause {
  /** Stable across reloads of the same record: `factor:{name}:{value}`. */
  id: string;
  factor: string;
  value: string;
  /** "streams on Wi-Fi 2.4 GHz" */
  label: string;
  /** Other factors that pick out the same streams (VPN tunnel = TCP): one cause, named by each. */
  same: { factor: string; value: string; label: string }[];
  /** Values most of these poor streams also share, which could be the cause instead ("Platform iOS"). */
  confounded: string[];
  /** Every session with a stream of this value (good or poor): exactly what "Show these sessions" shows. */
  sessionIds: string[];
  streams: number;
  poor: number;
  share: number;
  outsideShare: number;
  outsideStreams: number;
  z: number;
}

interface Factor {
  name: string;
  value: (network: Network | null, endpoint: Endpoint | null, device: Device | null) => string | null;
  label: (value: string) => string;
  /** The value as a table cell shows it. */
  show?: (value: string) => string;
  /** Factors this one's values imply by definition (a Wi-Fi band is Wi-Fi): never called a confound. */
  implies?: string[];
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
  },
  {
    name: "Wi-Fi band",
    value: (n) => (n?.connectionType === "wifi" && n.wifiBand ? n.wifiBand : null),
    label: (v) => `streams on Wi-Fi ${lookup(WIFI_BAND_LABELS, v) ?? v}`,
    show: (v) => `Wi-Fi ${lookup(WIFI_BAND_LABELS, v) ?? v}`,
    implies: ["Connection"],
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

/** Pooled two-proportion z statistic: how much poorer the group is than the rest, in standard errors. */
export function zScore(poorIn: number, nIn: number, poorOut: number, nOut: number): number {
  const pooled = (poorIn + poorOut) / (nIn + nOut);
  const spread = Math.sqrt(pooled * (1 - pooled) * (1 / nIn + 1 / nOut));
  return spread === 0 ? 0 : (poorIn / nIn - poorOut / nOut) / spread;
}

interface Observation {
  poor: boolean;
  sessionId: string;
  values: (string | null)[];
}

interface Candidate {
  factorIndex: number;
  value: string;
  members: number[];
  poorMembers: number[];
  z: number;
  outsidePoor: number;
  outsideStreams: number;
}

/** Two groups are "the same people" when each holds at least this share of their union. */
const SAME_STREAMS = 0.9;
/** A value shared by at least this share of a cause's poor streams may be the cause instead. */
const CONFOUNDED = 0.8;
/** A value nearly everyone has (one client version for the whole meeting) confounds nothing. */
const EVERYWHERE = 0.9;
/** A confound picks out about the same people: at most this many times the cause's streams. */
const SPECIFIC = 3;

function overlap(a: readonly number[], b: readonly number[]): number {
  const set = new Set(a);
  let both = 0;
  for (const item of b) if (set.has(item)) both += 1;
  return both;
}

const jaccard = (a: readonly number[], b: readonly number[]) => {
  const both = overlap(a, b);
  return both / (a.length + b.length - both || 1);
};

function factorsFor(siteOf?: SiteOf): Factor[] {
  return siteOf
    ? [{ name: "Site", value: (network) => siteOf(network), label: (v) => `streams from ${v}` }, ...FACTORS]
    : FACTORS;
}

function observe(rows: readonly StreamRow[], factors: readonly Factor[]): Observation[] {
  const observations: Observation[] = [];
  for (const row of rows) {
    if (row.verdict.quality === "unclassified") continue;
    for (const end of personEnds(row)) {
      observations.push({
        poor: row.verdict.quality === "poor",
        sessionId: row.sessionId,
        values: factors.map((factor) => factor.value(end.network, end.endpoint, end.device)),
      });
    }
  }
  return observations;
}

/**
 * The factors whose poor share stands out most, strongest first (at most `limit`). Factors that pick out the
 * same streams are one cause (`same`); values most of a cause's poor streams also share are named (`confounded`).
 */
export function meetingCauses(rows: readonly StreamRow[], limit = 5, siteOf?: SiteOf): Cause[] {
  const factors = factorsFor(siteOf);
  const observations = observe(rows, factors);
  const total = observations.length;
  const totalPoor = observations.filter((o) => o.poor).length;
  if (total === 0 || totalPoor === 0) return [];
  const groups: Candidate[] = [];
  factors.forEach((_, index) => {
    const byValue = new Map<string, { members: number[]; poorMembers: number[] }>();
    observations.forEach((observation, at) => {
      const value = observation.values[index];
      if (value === null || value === undefined) return;
      const group = byValue.get(value) ?? { members: [], poorMembers: [] };
      group.members.push(at);
      if (observation.poor) group.poorMembers.push(at);
      byValue.set(value, group);
    });
    // A factor with one value everywhere explains nothing.
    if (byValue.size < 2) return;
    for (const [value, group] of byValue) {
      const outsideStreams = total - group.members.length;
      if (group.members.length < MIN_STREAMS || outsideStreams < MIN_STREAMS) continue;
      const outsidePoor = totalPoor - group.poorMembers.length;
      const z = zScore(group.poorMembers.length, group.members.length, outsidePoor, outsideStreams);
      groups.push({ factorIndex: index, value, ...group, z, outsidePoor, outsideStreams });
    }
  });
  const listed = groups.filter((group) => group.z >= MIN_Z).sort((a, b) => b.z - a.z);
  const causes: { lead: Candidate; same: Candidate[] }[] = [];
  for (const candidate of listed) {
    const twin = causes.find(
      (cause) =>
        cause.lead.factorIndex !== candidate.factorIndex &&
        jaccard(cause.lead.members, candidate.members) >= SAME_STREAMS,
    );
    if (twin) twin.same.push(candidate);
    else causes.push({ lead: candidate, same: [] });
  }
  const name = (candidate: Candidate) => factors[candidate.factorIndex]?.name ?? "";
  const shown = (candidate: Candidate) => {
    const factor = factors[candidate.factorIndex];
    return factor?.show ? factor.show(candidate.value) : candidate.value;
  };
  return causes.slice(0, limit).map(({ lead, same }) => {
    const factor = factors[lead.factorIndex];
    const implied = new Set(factor?.implies ?? []);
    const taken = new Set([lead, ...same].map((c) => c.factorIndex));
    factors.forEach((f, index) => {
      if (implied.has(f.name)) taken.add(index);
    });
    const confounded = groups
      .filter(
        (group) =>
          !taken.has(group.factorIndex) &&
          group.members.length < total * EVERYWHERE &&
          // A much larger group (the wired majority) is not these people: it only contains them.
          group.members.length <= lead.members.length * SPECIFIC &&
          overlap(lead.poorMembers, group.poorMembers) >= lead.poorMembers.length * CONFOUNDED,
      )
      .sort((a, b) => overlap(lead.poorMembers, b.poorMembers) - overlap(lead.poorMembers, a.poorMembers))
      .slice(0, 2)
      .map((group) => `${name(group)} ${shown(group)}`);
    const sessionIds = new Set(lead.members.map((at) => observations[at]?.sessionId ?? ""));
    return {
      id: `factor:${name(lead)}:${lead.value}`,
      factor: name(lead),
      value: lead.value,
      label: factor ? factor.label(lead.value) : lead.value,
      same: same.map((c) => ({
        factor: name(c),
        value: c.value,
        label: factors[c.factorIndex]?.label(c.value) ?? c.value,
      })),
      confounded,
      sessionIds: [...sessionIds].filter(Boolean),
      streams: lead.members.length,
      poor: lead.poorMembers.length,
      share: lead.poorMembers.length / lead.members.length,
      outsideShare: lead.outsidePoor / lead.outsideStreams,
      outsideStreams: lead.outsideStreams,
      z: lead.z,
    };
  });
}

/** A session's value for a factor, as the causes counted it (its person's end), for the sessions table. */
export function sessionFactorValue(
  rows: readonly StreamRow[],
  factorName: string,
  siteOf?: SiteOf,
): string | null {
  const factor = factorsFor(siteOf).find((f) => f.name === factorName);
  if (!factor) return null;
  for (const row of rows) {
    for (const end of personEnds(row)) {
      const value = factor.value(end.network, end.endpoint, end.device);
      if (value !== null) return factor.show ? factor.show(value) : value;
    }
  }
  return null;
}

const pct = (share: number) => `${Math.round(share * 100)} %`;

/**
 * "41 % of streams on Wi-Fi 2.4 GHz were poor (82 of 200), against 3 % of the others (z = 12.4)." Twins are
 * named in the same sentence; a confound is said after it.
 */
export function describeCause(cause: Cause): string {
  const twins = cause.same.length
    ? `, which are also the ${cause.same.map((twin) => twin.label).join(" and the ")},`
    : "";
  const also = cause.confounded.length
    ? ` Most of these poor streams also share ${cause.confounded.join(" and ")}, so that may be the cause instead.`
    : "";
  return `${pct(cause.share)} of ${cause.label}${twins} were poor (${cause.poor} of ${cause.streams}), against ${pct(cause.outsideShare)} of the others (z = ${cause.z.toFixed(1)}).${also}`;
}
