// Caller vs callee up front: for a call between two people, their networks, devices and clients side by
// side with the quality each one sent and received, and which side (if either) the differences point at.
//
// Direction semantics (Graph, mediaStream.streamDirection): a `callerToCallee` stream is the media the
// caller sent; its jitter, loss and degradation describe what arrived at the callee ("the quality of
// received audio"), so the callee's client measured it. A poor stream therefore says the path from its
// sender to its receiver was poor: either side's network can be the cause, which is what the comparison
// of the two networks decides.
import { attributePair, type PairAttribution } from "./attribution";
import { compareEndpoints, compareParts, type ComparisonRow, type SiteOf } from "./compare";
import { endpointLabel } from "./describe";
import type { Device, Endpoint, MediaKind, Network, Session } from "./model";
import type { StreamRow } from "./streams";
import { worstQuality, type Quality } from "./verdict";

export type { SideName } from "./attribution";

export interface SideQuality {
  kind: MediaKind;
  quality: Quality;
  /** The worst breach ("jitter 61 ms > 30 ms"), or why it could not be judged. */
  detail: string | null;
  /** Whose client measured it: the receiver's. */
  measuredBy: string;
}

export interface Side {
  key: string;
  label: string;
  endpoint: Endpoint | null;
  network: Network | null;
  device: Device | null;
  /** What this person sent and what they received, per media kind (audio first). */
  sent: SideQuality[];
  received: SideQuality[];
  /** The streams behind `sent` and `received`. */
  sentRows: StreamRow[];
  receivedRows: StreamRow[];
}

export interface SideBySide {
  caller: Side;
  callee: Side;
  /** "Teams conferencing server" when both people reached each other through a service, else null. */
  through: string | null;
  network: ComparisonRow[];
  device: ComparisonRow[];
  client: ComparisonRow[];
  /** The one judgement of which side the evidence points at (attribution.ts). */
  responsible: PairAttribution;
}

const ORDER: MediaKind[] = ["audio", "video", "screenSharing", "data", "other"];

function qualities(rows: readonly StreamRow[], measuredBy: (row: StreamRow) => string): SideQuality[] {
  const byKind = new Map<MediaKind, StreamRow[]>();
  for (const row of rows) byKind.set(row.kind, [...(byKind.get(row.kind) ?? []), row]);
  return ORDER.flatMap((kind) => {
    const list = byKind.get(kind);
    if (!list) return [];
    const quality = worstQuality(list.map((row) => row.verdict.quality));
    const worst = list.find((row) => row.verdict.quality === quality) ?? list[0];
    const detail = worst ? (worst.verdict.causes[0]?.text ?? worst.verdict.reason) : null;
    return [{ kind, quality, detail, measuredBy: worst ? measuredBy(worst) : "" }];
  });
}

/** The person's own network and device in a row's media, whichever end of the segment they were. */
function partsOf(
  sessions: readonly Session[],
  row: StreamRow,
  key: string,
): { network: Network | null; device: Device | null } {
  const media = sessions
    .find((s) => s.id === row.sessionId)
    ?.segments.find((segment) => segment.id === row.segmentId)?.media[row.mediaIndex];
  const isSender = row.senderKey === key;
  const network = isSender ? row.senderNetwork : row.receiverNetwork;
  const callerSide = (row.stream.direction === "callerToCallee") === isSender;
  return { network, device: media ? (callerSide ? media.callerDevice : media.calleeDevice) : null };
}

function side(sessions: readonly Session[], rows: readonly StreamRow[], key: string): Side {
  const sentRows = rows.filter((row) => row.senderKey === key);
  const receivedRows = rows.filter((row) => row.receiverKey === key);
  const mine = [...sentRows, ...receivedRows];
  const audio = mine.find((row) => row.kind === "audio") ?? mine[0];
  const endpoint = audio ? (audio.senderKey === key ? audio.sender : audio.receiver) : null;
  const parts = audio ? partsOf(sessions, audio, key) : { network: null, device: null };
  return {
    key,
    label: endpointLabel(endpoint),
    endpoint,
    ...parts,
    sent: qualities(sentRows, (row) => row.receiverLabel),
    received: qualities(receivedRows, (row) => row.receiverLabel),
    sentRows,
    receivedRows,
  };
}

function responsibility(
  caller: Side,
  callee: Side,
  lines: ComparisonRow[],
  options: { direct: boolean; roles: boolean; through: string | null },
): PairAttribution {
  const party = (side: Side) => ({
    key: side.key,
    label: side.label,
    network: side.network,
    sent: side.sentRows,
    received: side.receivedRows,
  });
  return attributePair({ caller: party(caller), callee: party(callee) }, lines, options);
}

/**
 * The two people of a call side by side, or null when the call does not have exactly two (a meeting
 * of many is compared per pair elsewhere). Works for a direct call and for two people meeting through
 * a conferencing server, where each person's own leg carries their network.
 */
export function sideBySide(
  sessions: readonly Session[],
  rows: readonly StreamRow[],
  /** Who is shown first (as "caller"), when the call does not say. */
  order?: [string, string],
  siteOf?: SiteOf,
): SideBySide | null {
  const people = new Set<string>();
  for (const row of rows) {
    if (row.sender && row.sender.kind !== "service") people.add(row.senderKey);
    if (row.receiver && row.receiver.kind !== "service") people.add(row.receiverKey);
  }
  if (people.size !== 2) return null;
  const direct = rows.find((row) => people.has(row.senderKey) && people.has(row.receiverKey));
  // The caller is whoever placed the direct session; through a service, the one who joined first.
  const first =
    order?.[0] ??
    (direct
      ? direct.stream.direction === "callerToCallee"
        ? direct.senderKey
        : direct.receiverKey
      : [...people][0]);
  const keys = [...people].sort((x, y) => (x === first ? -1 : y === first ? 1 : 0));
  const caller = side(sessions, rows, keys[0] ?? "");
  const callee = side(sessions, rows, keys[1] ?? "");
  const service = direct ? null : (rows.find((row) => row.sender?.kind === "service") ?? null);
  const { network, device } = compareParts(caller, callee, siteOf);
  const client = compareEndpoints(caller.endpoint, callee.endpoint);
  return {
    caller,
    callee,
    through: service ? service.senderLabel : null,
    network,
    device,
    client,
    // A pair picked from a meeting has no caller and callee, only two people.
    responsible: responsibility(caller, callee, [...network, ...device, ...client], {
      direct: Boolean(direct),
      roles: !order,
      through: service ? service.senderLabel : null,
    }),
  };
}

/**
 * Two people of a meeting compared the same way: their own legs to the conferencing server, and the
 * streams between them if they had a direct one. Null unless both took part with media.
 */
export function comparePair(
  sessions: readonly Session[],
  rows: readonly StreamRow[],
  pair: [string, string],
  siteOf?: SiteOf,
): SideBySide | null {
  const wanted = new Set(pair);
  const theirs = rows.filter((row) => {
    const ends = [
      row.sender?.kind === "service" ? null : row.senderKey,
      row.receiver?.kind === "service" ? null : row.receiverKey,
    ];
    return (
      ends.some((key) => key !== null && wanted.has(key)) &&
      ends.every((key) => key === null || wanted.has(key))
    );
  });
  return sideBySide(sessions, theirs, pair, siteOf);
}

/** The key that stands for "the meeting's typical participant" in a comparison. */
export const MEDIAN = "median";

/** Per field, the median of the numbers or the most common other value; lists and nested objects are left out. */
function typical<T extends object>(items: readonly (T | null)[]): T | null {
  const present = items.filter((item): item is T => item !== null);
  const first = present[0];
  if (!first) return null;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(first)) {
    const values = present
      .map((item) => (item as Record<string, unknown>)[key])
      .filter((value) => value !== null && value !== undefined);
    if (values.length === 0 || Array.isArray(values[0]) || typeof values[0] === "object") {
      out[key] = Array.isArray(values[0]) ? [] : null;
      continue;
    }
    if (values.every((value) => typeof value === "number")) {
      const sorted = (values as number[]).sort((a, b) => a - b);
      out[key] = sorted[Math.floor((sorted.length - 1) / 2)] ?? null;
      continue;
    }
    const counts = new Map<unknown, number>();
    for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
    out[key] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  }
  return out as T;
}

/**
 * One person against the meeting's typical participant: per network and device line the median (numbers)
 * or most common value (text) across everyone else who took part with media.
 */
export function compareWithMedian(
  sessions: readonly Session[],
  rows: readonly StreamRow[],
  key: string,
  siteOf?: SiteOf,
): SideBySide | null {
  const others = new Set<string>();
  for (const row of rows) {
    for (const [end, endKey] of [
      [row.sender, row.senderKey],
      [row.receiver, row.receiverKey],
    ] as const) {
      if (end && end.kind !== "service" && endKey !== key) others.add(endKey);
    }
  }
  const mine = rows.some((row) => row.senderKey === key || row.receiverKey === key);
  if (!mine || others.size < 2) return null;
  const person = side(sessions, rows, key);
  const everyone = [...others].map((other) => side(sessions, rows, other));
  const median: Side = {
    key: MEDIAN,
    label: "the meeting's typical participant",
    endpoint: null,
    network: typical(everyone.map((s) => s.network)),
    device: typical(everyone.map((s) => s.device)),
    sent: [],
    received: [],
    sentRows: [],
    receivedRows: [],
  };
  const { network, device } = compareParts(person, median, siteOf);
  return {
    caller: person,
    callee: median,
    through: null,
    network,
    device,
    client: [],
    responsible: responsibility(person, median, [...network, ...device], {
      direct: false,
      roles: false,
      through: rows.find((row) => row.sender?.kind === "service")?.senderLabel ?? null,
    }),
  };
}
