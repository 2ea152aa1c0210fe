// One row per media stream, for the quality history (lib/history): what CQD keeps of a stream — its time,
// verdict and metrics, both ends (person, client, device) and their networks — flattened into columns.
// The column list is the one place a column is named: the migration, the store, the erasure of personal
// values and the export all read it.
import { describePublicNetwork } from "./public-networks";
import type { CallSummary, Endpoint, Network, Session } from "./model";
import { withMeetingService } from "./meeting-service";
import { runSteps } from "./analyze";
import { streamRows, type StreamRow } from "./streams";
import { DEFAULT_THRESHOLDS, type ThresholdTable } from "./thresholds";

export type FactValue = string | number | null;

export interface FactColumn {
  name: string;
  type: "text" | "real" | "integer";
  /** Names, sign-in names, numbers, addresses, machine names, free text: erased after the personal-data window. */
  personal?: boolean;
  /** What the column holds, for the export's documentation. */
  doc: string;
  read: (row: StreamRow, context: FactContext) => FactValue;
}

export interface FactContext {
  call: CallSummary;
  session: Session;
  /** The site of a network from the tenant's building file, and whether it is inside the corporate network. */
  placeOf?: (network: Network | null) => { site: string; insideCorp: boolean } | null;
  /** The keyed pseudonym of a person's object ID (HMAC with the server's secret): kept after names are erased. */
  pseudonym: (objectId: string) => string;
}

const QUALITY_CODE = { good: 0, poor: 1, unclassified: 2 } as const;
const text = (value: string | null | undefined): FactValue => (value ? value.slice(0, 200) : null);
const flag = (value: boolean | null | undefined): FactValue =>
  value === null || value === undefined ? null : value ? 1 : 0;

/** Both ends of a stream get the same columns, prefixed `sender_` and `receiver_`. */
function sideColumns(side: "sender" | "receiver"): FactColumn[] {
  const end = (row: StreamRow): Endpoint | null => (side === "sender" ? row.sender : row.receiver);
  const net = (row: StreamRow): Network | null =>
    side === "sender" ? row.senderNetwork : row.receiverNetwork;
  const device = (row: StreamRow) => (side === "sender" ? row.senderDevice : row.receiverDevice);
  const column = (
    name: string,
    type: FactColumn["type"],
    doc: string,
    read: FactColumn["read"],
    personal = false,
  ): FactColumn => ({
    name: `${side}_${name}`,
    type,
    doc: `The ${side}'s ${doc}`,
    read,
    personal,
  });
  return [
    column(
      "kind",
      "text",
      "end: participant, service (conferencing server, gateway) or unknown",
      (r) => end(r)?.kind ?? null,
    ),
    column(
      "person",
      "text",
      "keyed pseudonym (HMAC of the Entra object ID): kept for the whole history",
      (r, c) => {
        const id = end(r)?.identity?.id;
        return id && end(r)?.identity?.kind === "user" ? c.pseudonym(id.toLowerCase()) : null;
      },
    ),
    column("object_id", "text", "Entra object ID (personal)", (r) => text(end(r)?.identity?.id), true),
    column("name", "text", "display name (personal)", (r) => text(end(r)?.identity?.displayName), true),
    column(
      "sign_in",
      "text",
      "sign-in name or phone number (personal)",
      (r) => text(end(r)?.identity?.userPrincipalName),
      true,
    ),
    column("machine", "text", "machine name (personal)", (r) => text(end(r)?.name), true),
    column("platform", "text", "client platform", (r) => text(end(r)?.userAgent?.platform)),
    column("client", "text", "client product and version", (r) => {
      const agent = end(r)?.userAgent;
      return agent?.applicationVersion
        ? text(`${agent.productFamily ?? "client"} ${agent.applicationVersion}`)
        : text(agent?.productFamily);
    }),
    column("microphone", "text", "capture device model", (r) => text(device(r)?.captureDeviceName)),
    column("speaker", "text", "render device model", (r) => text(device(r)?.renderDeviceName)),
    column("audio_driver", "text", "capture device driver", (r) => text(device(r)?.captureDeviceDriver)),
    column("connection", "text", "connection type (wired, wifi, mobile, tunnel)", (r) =>
      text(net(r)?.connectionType),
    ),
    column("wifi_band", "text", "Wi-Fi band", (r) =>
      net(r)?.connectionType === "wifi" ? text(net(r)?.wifiBand) : null,
    ),
    column("wifi_channel", "integer", "Wi-Fi channel", (r) => net(r)?.wifiChannel ?? null),
    column("wifi_signal", "integer", "Wi-Fi signal strength (%)", (r) => net(r)?.wifiSignalStrength ?? null),
    column("transport", "text", "transport (udp, tcp)", (r) => text(net(r)?.networkTransportProtocol)),
    column("relayed", "integer", "media through a relay (1) or direct (0)", (r) =>
      net(r) ? flag(Boolean(net(r)?.relayIPAddress)) : null,
    ),
    column("vpn", "integer", "on a VPN tunnel (1)", (r) =>
      net(r) ? flag(net(r)?.connectionType === "tunnel") : null,
    ),
    column("subnet", "text", "subnet", (r) => text(net(r)?.subnet)),
    column("site", "text", "site (building file)", (r, c) => text(c.placeOf?.(net(r))?.site)),
    column("inside_corp", "integer", "inside the corporate network (building file)", (r, c) => {
      const place = c.placeOf?.(net(r));
      return place ? flag(place.insideCorp) : null;
    }),
    column("isp", "text", "ISP and AS number of the public address", (r) => {
      const p = net(r)?.publicNetwork;
      return p?.kind === "public" ? text(describePublicNetwork({ ...p, country: null })) : null;
    }),
    column("country", "text", "country of the public address", (r) => {
      const p = net(r)?.publicNetwork;
      return p?.kind === "public" ? text(p.country) : null;
    }),
    column("ip_address", "text", "local IP address (personal)", (r) => text(net(r)?.ipAddress), true),
    column(
      "public_address",
      "text",
      "public (reflexive) IP address (personal)",
      (r) => text(net(r)?.reflexiveIPAddress),
      true,
    ),
    column("mac_address", "text", "MAC address (personal)", (r) => text(net(r)?.macAddress), true),
    column(
      "bssid",
      "text",
      "Wi-Fi access point (BSSID, personal)",
      (r) => text(net(r)?.basicServiceSetIdentifier),
      true,
    ),
  ];
}

const metric = (name: string, doc: string, read: (row: StreamRow) => number | null): FactColumn => ({
  name,
  type: "real",
  doc,
  read: (row) => read(row),
});

/** Every column of a stream fact, in export order. */
export const FACT_COLUMNS: readonly FactColumn[] = [
  {
    name: "end_time",
    type: "text",
    doc: "when the stream ended (UTC, ISO 8601): its own end, else its segment's",
    read: (r, c) =>
      text(r.stream.endDateTime ?? c.session.segments.find((s) => s.id === r.segmentId)?.endDateTime ?? null),
  },
  { name: "session_id", type: "text", doc: "Graph's session ID", read: (r) => r.sessionId },
  { name: "segment_id", type: "text", doc: "Graph's segment ID", read: (r) => r.segmentId },
  {
    name: "stream",
    type: "text",
    doc: "the stream's place in its segment: media line and stream index",
    read: (r) => `${r.mediaIndex}.${r.streamIndex}`,
  },
  {
    name: "call_type",
    type: "text",
    doc: "peerToPeer, groupCall or unknown",
    read: (_, c) => text(c.call.type),
  },
  {
    name: "media",
    type: "text",
    doc: "audio, video, screen sharing (video-based screen sharing) or data",
    read: (r) => r.kind,
  },
  {
    name: "direction",
    type: "text",
    doc: "callerToCallee or calleeToCaller",
    read: (r) => r.stream.direction,
  },
  {
    name: "quality",
    type: "integer",
    doc: "0 good, 1 poor, 2 unclassified (CQD's poor-stream rules)",
    read: (r) => QUALITY_CODE[r.verdict.quality],
  },
  {
    name: "poor_because",
    type: "text",
    doc: 'the worst breach of a poor stream, e.g. "jitter 61 ms > 30 ms"',
    read: (r) => text(r.verdict.causes[0]?.text),
  },
  metric("jitter_ms", "average jitter (ms)", (r) => r.stream.averageJitterMs),
  metric("packet_loss", "average packet loss rate (0–1)", (r) => r.stream.averagePacketLossRate),
  metric("round_trip_ms", "average round-trip time (ms)", (r) => r.stream.averageRoundTripTimeMs),
  metric(
    "concealed_ratio",
    "average ratio of concealed samples (audio)",
    (r) => r.stream.averageRatioOfConcealedSamples,
  ),
  metric("frame_rate", "average video frame rate (fps)", (r) => r.stream.averageVideoFrameRate),
  metric("frame_loss", "average video frame loss (%)", (r) => r.stream.averageVideoFrameLossPercentage),
  metric("bandwidth_bps", "average bandwidth estimate (bits/s)", (r) => r.stream.averageBandwidthEstimate),
  ...sideColumns("sender"),
  ...sideColumns("receiver"),
  {
    name: "feedback_rating",
    type: "text",
    doc: "the worst rating either end gave the session",
    read: (_, c) => text(worstFeedback(c.session)?.rating),
  },
  {
    name: "feedback_tokens",
    type: "text",
    doc: "the problems ticked with that rating, comma-separated",
    read: (_, c) => {
      const tokens = Object.entries(worstFeedback(c.session)?.tokens ?? {}).filter(([, on]) => on);
      return tokens.length ? text(tokens.map(([name]) => name).join(",")) : null;
    },
  },
  {
    name: "feedback_text",
    type: "text",
    doc: "what they wrote (personal)",
    personal: true,
    read: (_, c) => text(worstFeedback(c.session)?.text),
  },
  {
    name: "failure_stage",
    type: "text",
    doc: "the session's failure stage",
    read: (_, c) => text(c.session.failureInfo?.stage),
  },
  {
    name: "failure_reason",
    type: "text",
    doc: "the session's failure reason",
    read: (_, c) => text(c.session.failureInfo?.reason),
  },
];

export const PERSONAL_FACT_COLUMNS = FACT_COLUMNS.filter((column) => column.personal).map(
  (column) => column.name,
);

const RATING_ORDER = ["bad", "poor", "fair", "good", "excellent"];
function worstFeedback(session: Session) {
  const rated = [session.caller?.feedback, session.callee?.feedback].filter(
    (f) => f && f.rating !== "notRated",
  );
  return (
    rated.sort((a, b) => {
      const rank = (rating: string | undefined) => {
        const index = RATING_ORDER.indexOf(rating ?? "");
        return index < 0 ? RATING_ORDER.length : index;
      };
      return rank(a?.rating) - rank(b?.rating);
    })[0] ?? null
  );
}

/** A stream fact: when it started, and a value per column of FACT_COLUMNS. */
export interface StreamFact {
  startAt: number;
  values: Record<string, FactValue>;
}

/** The facts of a call's streams (classified or not). A stream without a start takes its segment's. */
export function streamFacts(
  call: CallSummary,
  sessions: readonly Session[],
  context: Omit<FactContext, "call" | "session">,
  table: ThresholdTable = DEFAULT_THRESHOLDS,
): StreamFact[] {
  return runSteps(streamFactSteps(call, sessions, context, table));
}

/**
 * `streamFacts` a step per `yield` of SESSIONS_PER_STEP sessions: a town hall's facts take ~50 ms per 600 sessions,
 * so the history keeps them in steps with other requests (the next page of a call being read) served between.
 */
export function* streamFactSteps(
  call: CallSummary,
  sessions: readonly Session[],
  context: Omit<FactContext, "call" | "session">,
  table: ThresholdTable = DEFAULT_THRESHOLDS,
): Generator<void, StreamFact[]> {
  const facts: StreamFact[] = [];
  for (const [index, original] of sessions.entries()) {
    if (index > 0 && index % SESSIONS_PER_STEP === 0) yield;
    // In a group call the identity-less end is the meeting's conferencing server, as the call view reads it.
    const session = withMeetingService(original, call.type);
    const segments = new Map(session.segments.map((segment) => [segment.id, segment]));
    for (const row of streamRows([session], table)) {
      const start =
        Date.parse(row.stream.startDateTime ?? "") ||
        Date.parse(segments.get(row.segmentId)?.startDateTime ?? "") ||
        Date.parse(session.startDateTime) ||
        Date.parse(call.startDateTime) ||
        0;
      const full = { ...context, call, session };
      facts.push({
        startAt: start,
        values: Object.fromEntries(FACT_COLUMNS.map((column) => [column.name, column.read(row, full)])),
      });
    }
  }
  return facts;
}

const SESSIONS_PER_STEP = 25;
