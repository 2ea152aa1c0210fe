import type { ZodError, ZodType } from "zod";
import { GraphFailure } from "@/lib/graph/errors";
import {
  callRecordSchema, sessionsPageSchema, type WireDevice, type WireEndpoint, type WireIdentitySet, type WireMedia,
  type WireNetwork, type WireSegment, type WireSession, type WireStream,
} from "@/lib/graph/schema";
import { durationToMs } from "./duration";
import type { CallSummary, Device, Endpoint, Identity, IdentityKind, Media, MediaKind, Network, Segment, Session, Stream } from "./model";

export const LINK_SPEED_SENTINEL = 4294967295;

const orNull = <T>(value: T | null | undefined): T | null => value ?? null;

function validate<T>(schema: ZodType<T>, body: unknown, what: string): T {
  const result = schema.safeParse(body);
  if (!result.success) throw new GraphFailure("malformed", `Graph sent ${what} that callscope cannot read: ${describe(result.error)}.`);
  return result.data;
}

function describe(error: ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "unknown problem";
  const path = issue.path.map((part) => (typeof part === "number" ? `[${part}]` : `.${String(part)}`)).join("").replace(/^\./, "");
  return `${path || "body"}: ${issue.message}${error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problems)` : ""}`;
}

const IDENTITY_KINDS: [keyof NonNullable<WireIdentitySet>, IdentityKind][] = [
  ["user", "user"], ["guest", "guest"], ["acsUser", "acsUser"], ["azureCommunicationServicesUser", "acsUser"],
  ["spoolUser", "user"], ["onPremises", "user"], ["phone", "phone"], ["application", "application"],
  ["applicationInstance", "application"], ["device", "other"], ["encrypted", "other"],
];

export function parseIdentity(set: WireIdentitySet): Identity | null {
  if (!set) return null;
  for (const [key, kind] of IDENTITY_KINDS) {
    const identity = set[key];
    if (identity) {
      return {
        kind,
        id: orNull(identity.id),
        displayName: orNull(identity.displayName),
        userPrincipalName: orNull(identity.userPrincipalName),
        tenantId: orNull(identity.tenantId),
      };
    }
  }
  return null;
}

function parseEndpoint(endpoint: WireEndpoint): Endpoint | null {
  if (!endpoint) return null;
  const type = endpoint["@odata.type"] ?? "";
  const kind = type.endsWith("participantEndpoint") ? "participant" : type.endsWith("serviceEndpoint") ? "service" : "unknown";
  const agent = endpoint.userAgent;
  const tokens: Record<string, boolean> = {};
  for (const [name, value] of Object.entries(endpoint.feedback?.tokens ?? {})) {
    if (typeof value === "boolean" && !name.startsWith("@")) tokens[name] = value;
  }
  return {
    kind,
    identity: parseIdentity(endpoint.identity) ?? (endpoint.associatedIdentity ? { kind: "user", id: orNull(endpoint.associatedIdentity.id), displayName: orNull(endpoint.associatedIdentity.displayName), userPrincipalName: orNull(endpoint.associatedIdentity.userPrincipalName), tenantId: orNull(endpoint.associatedIdentity.tenantId) } : null),
    name: orNull(endpoint.name),
    cpuName: orNull(endpoint.cpuName),
    cpuCoresCount: orNull(endpoint.cpuCoresCount),
    cpuProcessorSpeedInMhz: orNull(endpoint.cpuProcessorSpeedInMhz),
    userAgent: agent
      ? {
          headerValue: orNull(agent.headerValue),
          applicationVersion: orNull(agent.applicationVersion),
          platform: orNull(agent.platform),
          productFamily: orNull(agent.productFamily),
          role: orNull(agent.role),
        }
      : null,
    feedback: endpoint.feedback ? { rating: endpoint.feedback.rating ?? "notRated", text: orNull(endpoint.feedback.text), tokens } : null,
  };
}

function parseNetwork(network: WireNetwork): Network | null {
  if (!network) return null;
  return {
    connectionType: orNull(network.connectionType),
    ipAddress: orNull(network.ipAddress),
    subnet: orNull(network.subnet),
    port: orNull(network.port),
    linkSpeed: network.linkSpeed === LINK_SPEED_SENTINEL ? null : orNull(network.linkSpeed),
    macAddress: orNull(network.macAddress),
    reflexiveIPAddress: orNull(network.reflexiveIPAddress),
    relayIPAddress: orNull(network.relayIPAddress),
    relayPort: orNull(network.relayPort),
    networkTransportProtocol: orNull(network.networkTransportProtocol),
    dnsSuffix: orNull(network.dnsSuffix),
    sentQualityEventRatio: orNull(network.sentQualityEventRatio),
    receivedQualityEventRatio: orNull(network.receivedQualityEventRatio),
    delayEventRatio: orNull(network.delayEventRatio),
    bandwidthLowEventRatio: orNull(network.bandwidthLowEventRatio),
    wifiBand: orNull(network.wifiBand),
    wifiRadioType: orNull(network.wifiRadioType),
    wifiChannel: orNull(network.wifiChannel),
    wifiSignalStrength: orNull(network.wifiSignalStrength),
    wifiBatteryCharge: orNull(network.wifiBatteryCharge),
    wifiVendorDriver: orNull(network.wifiVendorDriver),
    wifiVendorDriverVersion: orNull(network.wifiVendorDriverVersion),
    basicServiceSetIdentifier: orNull(network.basicServiceSetIdentifier),
    traceRouteHops: (network.traceRouteHops ?? []).map((hop) => ({
      hopCount: orNull(hop.hopCount),
      ipAddress: orNull(hop.ipAddress),
      roundTripTimeMs: durationToMs(hop.roundTripTime),
    })),
  };
}

const DEVICE_FIELDS = [
  "captureDeviceName", "captureDeviceDriver", "renderDeviceName", "renderDeviceDriver", "receivedSignalLevel",
  "receivedNoiseLevel", "sentSignalLevel", "sentNoiseLevel", "initialSignalLevelRootMeanSquare", "micGlitchRate",
  "speakerGlitchRate", "lowSpeechLevelEventRatio", "lowSpeechToNoiseEventRatio", "captureNotFunctioningEventRatio",
  "renderNotFunctioningEventRatio", "renderMuteEventRatio", "renderZeroVolumeEventRatio", "deviceClippingEventRatio",
  "deviceGlitchEventRatio", "howlingEventCount", "cpuInsufficentEventRatio",
] as const satisfies readonly (keyof Device)[];

function parseDevice(device: WireDevice): Device | null {
  if (!device) return null;
  const out = {} as Record<(typeof DEVICE_FIELDS)[number], string | number | null>;
  let any = false;
  for (const field of DEVICE_FIELDS) {
    out[field] = orNull(device[field]);
    if (out[field] !== null) any = true;
  }
  // An empty object is what Graph sends for a service's side: no device at all.
  return any ? (out as unknown as Device) : null;
}

function parseStream(stream: WireStream): Stream {
  return {
    streamId: orNull(stream.streamId),
    direction: stream.streamDirection,
    startDateTime: orNull(stream.startDateTime),
    endDateTime: orNull(stream.endDateTime),
    audioCodec: orNull(stream.audioCodec),
    videoCodec: orNull(stream.videoCodec),
    averageJitterMs: durationToMs(stream.averageJitter),
    maxJitterMs: durationToMs(stream.maxJitter),
    averagePacketLossRate: orNull(stream.averagePacketLossRate),
    maxPacketLossRate: orNull(stream.maxPacketLossRate),
    averageRoundTripTimeMs: durationToMs(stream.averageRoundTripTime),
    maxRoundTripTimeMs: durationToMs(stream.maxRoundTripTime),
    averageRatioOfConcealedSamples: orNull(stream.averageRatioOfConcealedSamples),
    maxRatioOfConcealedSamples: orNull(stream.maxRatioOfConcealedSamples),
    averageAudioDegradation: orNull(stream.averageAudioDegradation),
    averageAudioNetworkJitterMs: durationToMs(stream.averageAudioNetworkJitter),
    maxAudioNetworkJitterMs: durationToMs(stream.maxAudioNetworkJitter),
    averageBandwidthEstimate: orNull(stream.averageBandwidthEstimate),
    packetUtilization: orNull(stream.packetUtilization),
    isAudioForwardErrorCorrectionUsed: orNull(stream.isAudioForwardErrorCorrectionUsed),
    wasMediaBypassed: orNull(stream.wasMediaBypassed),
    averageVideoFrameRate: orNull(stream.averageVideoFrameRate),
    averageReceivedFrameRate: orNull(stream.averageReceivedFrameRate),
    averageVideoFrameLossPercentage: orNull(stream.averageVideoFrameLossPercentage),
    averageVideoPacketLossRate: orNull(stream.averageVideoPacketLossRate),
    postForwardErrorCorrectionPacketLossRate: orNull(stream.postForwardErrorCorrectionPacketLossRate),
    lowFrameRateRatio: orNull(stream.lowFrameRateRatio),
    lowVideoProcessingCapabilityRatio: orNull(stream.lowVideoProcessingCapabilityRatio),
    averageFreezeDurationMs: durationToMs(stream.averageFreezeDuration),
    rmsFreezeDurationMs: durationToMs(stream.rmsFreezeDuration),
  };
}

export function mediaKind(label: string | null | undefined, streams: readonly WireStream[] = []): MediaKind {
  const value = (label ?? "").toLowerCase();
  if (value.includes("applicationsharing") || value.includes("screen")) return "screenSharing";
  if (value.includes("audio")) return "audio";
  if (value.includes("video")) return "video";
  if (value.includes("data")) return "data";
  if (streams.some((s) => s.videoCodec || s.averageVideoFrameRate !== null && s.averageVideoFrameRate !== undefined)) return "video";
  if (streams.some((s) => s.audioCodec)) return "audio";
  return "other";
}

function parseMedia(media: WireMedia): Media {
  const streams = media.streams ?? [];
  return {
    label: orNull(media.label),
    kind: mediaKind(media.label, streams),
    callerNetwork: parseNetwork(media.callerNetwork),
    calleeNetwork: parseNetwork(media.calleeNetwork),
    callerDevice: parseDevice(media.callerDevice),
    calleeDevice: parseDevice(media.calleeDevice),
    streams: streams.map(parseStream),
  };
}

function parseSegment(segment: WireSegment): Segment {
  return {
    id: segment.id,
    startDateTime: segment.startDateTime,
    endDateTime: segment.endDateTime,
    caller: parseEndpoint(segment.caller),
    callee: parseEndpoint(segment.callee),
    failureInfo: segment.failureInfo ? { stage: orNull(segment.failureInfo.stage), reason: orNull(segment.failureInfo.reason) } : null,
    media: (segment.media ?? []).map(parseMedia),
  };
}

function parseSession(session: WireSession): Session {
  return {
    id: session.id,
    modalities: session.modalities ?? [],
    startDateTime: session.startDateTime,
    endDateTime: session.endDateTime,
    isTest: orNull(session.isTest),
    caller: parseEndpoint(session.caller),
    callee: parseEndpoint(session.callee),
    failureInfo: session.failureInfo ? { stage: orNull(session.failureInfo.stage), reason: orNull(session.failureInfo.reason) } : null,
    segments: (session.segments ?? []).map(parseSegment),
  };
}

/** Graph repeats a session now and then (transfers between auto attendant and call queue): keep the first. */
export function dedupeSessions(sessions: readonly Session[], seen: Set<string> = new Set()): Session[] {
  const out: Session[] = [];
  for (const session of sessions) {
    if (seen.has(session.id)) continue;
    seen.add(session.id);
    out.push(session);
  }
  return out;
}

export interface ParsedRecord {
  call: CallSummary;
  sessions: Session[];
  nextLink: string | null;
}

export function parseCallRecordBody(body: unknown): ParsedRecord {
  const record = validate(callRecordSchema, body, "a call record");
  return {
    call: {
      id: record.id.toLowerCase(),
      version: record.version,
      type: orNull(record.type),
      modalities: record.modalities ?? [],
      startDateTime: record.startDateTime,
      endDateTime: record.endDateTime,
      lastModifiedDateTime: orNull(record.lastModifiedDateTime),
      joinWebUrl: orNull(record.joinWebUrl),
      organizer: parseIdentity(record.organizer_v2?.identity),
    },
    sessions: dedupeSessions((record.sessions ?? []).map(parseSession)),
    nextLink: orNull(record["sessions@odata.nextLink"]),
  };
}

export function parseSessionsPageBody(body: unknown): { sessions: Session[]; nextLink: string | null } {
  const page = validate(sessionsPageSchema, body, "a page of sessions");
  return { sessions: dedupeSessions(page.value.map(parseSession)), nextLink: orNull(page["@odata.nextLink"]) };
}
