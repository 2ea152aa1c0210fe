import type { ZodError, ZodType } from "zod";
import { dedupeSessions } from "./dedupe";
import { GraphFailure } from "@/lib/graph/errors";
import {
  callRecordSchema,
  participantsPageSchema,
  sessionsPageSchema,
  type WireDevice,
  type WireEndpoint,
  type WireIdentitySet,
  type WireMedia,
  type WireNetwork,
  type WireParticipant,
  type WireSegment,
  type WireSession,
  type WireStream,
} from "@/lib/graph/schema";
import { durationToMs } from "./duration";
import type {
  CallSummary,
  Device,
  Endpoint,
  Feedback,
  Identity,
  IdentityKind,
  Media,
  MediaKind,
  Network,
  Participant,
  Segment,
  Session,
  Stream,
  StreamDirection,
  Unreadable,
} from "./model";
import {
  reportedAddress,
  reportedEnum,
  reportedLinkSpeed,
  reportedMac,
  reportedNumber,
  reportedPositive,
  reportedText,
} from "./reported";

const orNull = <T>(value: T | null | undefined): T | null => value ?? null;

function validate<T>(schema: ZodType<T>, body: unknown, what: string): T {
  const result = schema.safeParse(body);
  if (!result.success)
    throw new GraphFailure(
      "malformed",
      `Graph sent ${what} that callscope cannot read: ${describe(result.error)}.`,
    );
  return result.data;
}

function describe(error: ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "unknown problem";
  const path = issue.path
    .map((part) => (typeof part === "number" ? `[${part}]` : `.${String(part)}`))
    .join("")
    .replace(/^\./, "");
  return `${path || "body"}: ${issue.message}${error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problems)` : ""}`;
}

/** Counts what could not be read in one session, so the view can say so and show the rest. */
class Unreadables {
  private readonly counts = new Map<string, number>();

  add(what: string): void {
    this.counts.set(what, (this.counts.get(what) ?? 0) + 1);
  }

  list(): Unreadable[] {
    return [...this.counts].map(([what, count]) => ({ what, count }));
  }
}

// The primary identity is the first member present, in this order: a person before the application
// or device they used, a phone number before a bot that bridged it.
const IDENTITY_KINDS = [
  "user",
  "guest",
  "onPremises",
  "acsUser",
  "azureCommunicationServicesUser",
  "spoolUser",
  "phone",
  "encrypted",
  "applicationInstance",
  "acsApplicationInstance",
  "spoolApplicationInstance",
  "application",
  "device",
] as const satisfies readonly (keyof NonNullable<WireIdentitySet> & IdentityKind)[];

type WireIdentity = NonNullable<NonNullable<WireIdentitySet>["user"]>;

function identityFrom(kind: IdentityKind, identity: WireIdentity): Identity {
  return {
    kind,
    id: reportedText(identity.id),
    displayName: reportedText(identity.displayName),
    userPrincipalName: reportedText(identity.userPrincipalName),
    tenantId: reportedText(identity.tenantId),
    endpointType: null,
    assertedIdentity: null,
  };
}

const isEmpty = (identity: Identity) => !identity.id && !identity.displayName && !identity.userPrincipalName;

/**
 * The identity of a set, merged with an endpoint's `associatedIdentity`: real records often carry the
 * sign-in name only there, and some carry nothing else.
 */
export function parseIdentity(set: WireIdentitySet, associated?: WireIdentity | null): Identity | null {
  let primary: Identity | null = null;
  for (const kind of IDENTITY_KINDS) {
    const member = set?.[kind];
    if (!member) continue;
    const candidate = identityFrom(kind, member);
    if (!isEmpty(candidate)) {
      primary = candidate;
      break;
    }
  }
  const extra = associated ? identityFrom("associated", associated) : null;
  const usableExtra = extra && !isEmpty(extra) ? extra : null;
  const asserted = set?.assertedIdentity
    ? {
        id: reportedText(set.assertedIdentity.id),
        displayName: reportedText(set.assertedIdentity.displayName),
      }
    : null;
  const endpointType = reportedEnum(set?.endpointType);
  const base = primary ?? usableExtra;
  if (!base) return null;
  // The associated identity fills gaps only when it is not visibly someone else.
  const samePerson =
    !primary?.id || !usableExtra?.id || primary.id.toLowerCase() === usableExtra.id.toLowerCase();
  const fill = samePerson ? usableExtra : null;
  return {
    ...base,
    id: base.id ?? fill?.id ?? null,
    displayName: base.displayName ?? fill?.displayName ?? null,
    userPrincipalName: base.userPrincipalName ?? fill?.userPrincipalName ?? null,
    tenantId: base.tenantId ?? fill?.tenantId ?? null,
    endpointType,
    assertedIdentity: asserted && (asserted.id || asserted.displayName) ? asserted : null,
  };
}

/** Participant or service, from `@odata.type` when present, else from the shape (records fetched with odata.metadata=none). */
export function endpointKind(endpoint: NonNullable<WireEndpoint>): Endpoint["kind"] {
  const type = endpoint["@odata.type"] ?? "";
  if (type.endsWith("participantEndpoint")) return "participant";
  if (type.endsWith("serviceEndpoint")) return "service";
  const agent = endpoint.userAgent;
  const agentType = agent?.["@odata.type"] ?? "";
  if (agentType.endsWith("serviceUserAgent") || reportedText(agent?.role)) return "service";
  if (agentType.endsWith("clientUserAgent")) return "participant";
  const personal =
    endpoint.identity ||
    endpoint.associatedIdentity ||
    endpoint.feedback ||
    reportedText(endpoint.name) ||
    reportedText(endpoint.cpuName);
  if (
    personal ||
    reportedText(agent?.platform) ||
    reportedText(agent?.productFamily) ||
    reportedText(agent?.azureADAppId)
  )
    return "participant";
  return "unknown";
}

/** Feedback counts only when it says something: real clients attach `notRated` with no tokens to every endpoint. */
export function parseFeedback(feedback: NonNullable<WireEndpoint>["feedback"]): Feedback | null {
  if (!feedback) return null;
  // A null-prototype object: token names are Graph's to choose, even "constructor" or "__proto__".
  const tokens: Record<string, boolean> = Object.create(null) as Record<string, boolean>;
  for (const [name, value] of Object.entries(feedback.tokens ?? {})) {
    if (typeof value === "boolean" && !name.startsWith("@")) tokens[name] = value;
  }
  const rating = reportedEnum(feedback.rating) ?? "notRated";
  const text = reportedText(feedback.text);
  const anyFlag = Object.values(tokens).some(Boolean);
  if (rating === "notRated" && !text && !anyFlag) return null;
  return { rating, text, tokens };
}

function parseEndpoint(endpoint: WireEndpoint): Endpoint | null {
  if (!endpoint) return null;
  const agent = endpoint.userAgent;
  return {
    kind: endpointKind(endpoint),
    identity: parseIdentity(endpoint.identity, endpoint.associatedIdentity),
    name: reportedText(endpoint.name),
    cpuName: reportedText(endpoint.cpuName),
    cpuCoresCount: reportedPositive(endpoint.cpuCoresCount),
    cpuProcessorSpeedInMhz: reportedPositive(endpoint.cpuProcessorSpeedInMhz),
    userAgent: agent
      ? {
          headerValue: reportedText(agent.headerValue),
          applicationVersion: reportedText(agent.applicationVersion),
          platform: reportedEnum(agent.platform),
          productFamily: reportedEnum(agent.productFamily),
          azureADAppId: reportedText(agent.azureADAppId),
          communicationServiceId: reportedText(agent.communicationServiceId),
          role: reportedEnum(agent.role),
        }
      : null,
    feedback: parseFeedback(endpoint.feedback),
  };
}

function readDuration(
  value: string | null | undefined,
  unreadable: Unreadables,
  what: string,
): number | null {
  try {
    return durationToMs(reportedText(value));
  } catch {
    unreadable.add(what);
    return null;
  }
}

function readTime(value: string | null | undefined, unreadable: Unreadables, what: string): string | null {
  const text = reportedText(value);
  if (text === null) return null;
  if (Number.isNaN(Date.parse(text))) {
    unreadable.add(what);
    return null;
  }
  return text;
}

function parseNetwork(network: WireNetwork, unreadable: Unreadables): Network | null {
  if (!network) return null;
  const parsed: Network = {
    connectionType: reportedEnum(network.connectionType),
    publicNetwork: null,
    ipAddress: reportedAddress(network.ipAddress),
    subnet: reportedAddress(network.subnet),
    port: reportedPositive(network.port),
    linkSpeed: reportedLinkSpeed(network.linkSpeed),
    macAddress: reportedMac(network.macAddress),
    reflexiveIPAddress: reportedAddress(network.reflexiveIPAddress),
    relayIPAddress: reportedAddress(network.relayIPAddress),
    relayPort: reportedPositive(network.relayPort),
    networkTransportProtocol: reportedEnum(network.networkTransportProtocol),
    dnsSuffix: reportedText(network.dnsSuffix),
    sentQualityEventRatio: reportedNumber(network.sentQualityEventRatio),
    receivedQualityEventRatio: reportedNumber(network.receivedQualityEventRatio),
    delayEventRatio: reportedNumber(network.delayEventRatio),
    bandwidthLowEventRatio: reportedNumber(network.bandwidthLowEventRatio),
    wifiBand: reportedEnum(network.wifiBand),
    wifiRadioType: reportedEnum(network.wifiRadioType),
    wifiChannel: reportedPositive(network.wifiChannel),
    wifiSignalStrength: reportedNumber(network.wifiSignalStrength),
    wifiBatteryCharge: reportedNumber(network.wifiBatteryCharge),
    wifiMicrosoftDriver: reportedText(network.wifiMicrosoftDriver),
    wifiMicrosoftDriverVersion: reportedText(network.wifiMicrosoftDriverVersion),
    wifiVendorDriver: reportedText(network.wifiVendorDriver),
    wifiVendorDriverVersion: reportedText(network.wifiVendorDriverVersion),
    basicServiceSetIdentifier: reportedMac(network.basicServiceSetIdentifier),
    traceRouteHops: (network.traceRouteHops ?? []).flatMap((hop) =>
      hop
        ? [
            {
              hopCount: reportedNumber(hop.hopCount),
              ipAddress: reportedAddress(hop.ipAddress),
              roundTripTimeMs: readDuration(
                hop.roundTripTime,
                unreadable,
                "traceroute hops had unreadable round-trip times",
              ),
            },
          ]
        : [],
    ),
  };
  // An object of nothing but "not reported" is what Graph sends for a service's side: no network at all.
  const anything = Object.entries(parsed).some(([key, value]) =>
    key === "traceRouteHops" ? parsed.traceRouteHops.length > 0 : value !== null,
  );
  return anything ? parsed : null;
}

const DEVICE_TEXT = [
  "captureDeviceName",
  "captureDeviceDriver",
  "renderDeviceName",
  "renderDeviceDriver",
] as const satisfies readonly (keyof Device)[];
const DEVICE_NUMBERS = [
  "receivedSignalLevel",
  "receivedNoiseLevel",
  "sentSignalLevel",
  "sentNoiseLevel",
  "initialSignalLevelRootMeanSquare",
  "micGlitchRate",
  "speakerGlitchRate",
  "lowSpeechLevelEventRatio",
  "lowSpeechToNoiseEventRatio",
  "captureNotFunctioningEventRatio",
  "renderNotFunctioningEventRatio",
  "renderMuteEventRatio",
  "renderZeroVolumeEventRatio",
  "deviceClippingEventRatio",
  "deviceGlitchEventRatio",
  "howlingEventCount",
  "cpuInsufficentEventRatio",
] as const satisfies readonly (keyof Device)[];

function parseDevice(device: WireDevice): Device | null {
  if (!device) return null;
  const out = {} as Record<keyof Device, string | number | null>;
  let any = false;
  for (const field of DEVICE_TEXT) out[field] = reportedText(device[field]);
  for (const field of DEVICE_NUMBERS) out[field] = reportedNumber(device[field]);
  for (const value of Object.values(out)) if (value !== null) any = true;
  // An empty object is what Graph sends for a service's side: no device at all.
  return any ? (out as unknown as Device) : null;
}

const DIRECTIONS = new Set<string>(["callerToCallee", "calleeToCaller"]);

function parseStream(stream: WireStream, unreadable: Unreadables): Stream | null {
  if (!stream.streamDirection || !DIRECTIONS.has(stream.streamDirection)) {
    unreadable.add("streams had no known direction and were left out");
    return null;
  }
  const problems = new Unreadables();
  const ms = (value: string | null | undefined) => readDuration(value, problems, "bad");
  const parsed: Stream = {
    streamId: reportedText(stream.streamId),
    direction: stream.streamDirection as StreamDirection,
    startDateTime: readTime(stream.startDateTime, problems, "bad"),
    endDateTime: readTime(stream.endDateTime, problems, "bad"),
    audioCodec: reportedEnum(stream.audioCodec),
    videoCodec: reportedEnum(stream.videoCodec),
    averageJitterMs: ms(stream.averageJitter),
    maxJitterMs: ms(stream.maxJitter),
    averagePacketLossRate: reportedNumber(stream.averagePacketLossRate),
    maxPacketLossRate: reportedNumber(stream.maxPacketLossRate),
    averageRoundTripTimeMs: ms(stream.averageRoundTripTime),
    maxRoundTripTimeMs: ms(stream.maxRoundTripTime),
    averageRatioOfConcealedSamples: reportedNumber(stream.averageRatioOfConcealedSamples),
    maxRatioOfConcealedSamples: reportedNumber(stream.maxRatioOfConcealedSamples),
    averageAudioDegradation: reportedNumber(stream.averageAudioDegradation),
    averageAudioNetworkJitterMs: ms(stream.averageAudioNetworkJitter),
    maxAudioNetworkJitterMs: ms(stream.maxAudioNetworkJitter),
    averageBandwidthEstimate: reportedPositive(stream.averageBandwidthEstimate),
    packetUtilization: reportedNumber(stream.packetUtilization),
    isAudioForwardErrorCorrectionUsed: orNull(stream.isAudioForwardErrorCorrectionUsed),
    wasMediaBypassed: orNull(stream.wasMediaBypassed),
    averageVideoFrameRate: reportedNumber(stream.averageVideoFrameRate),
    averageReceivedFrameRate: reportedNumber(stream.averageReceivedFrameRate),
    averageVideoFrameLossPercentage: reportedNumber(stream.averageVideoFrameLossPercentage),
    averageVideoPacketLossRate: reportedNumber(stream.averageVideoPacketLossRate),
    postForwardErrorCorrectionPacketLossRate: reportedNumber(stream.postForwardErrorCorrectionPacketLossRate),
    lowFrameRateRatio: reportedNumber(stream.lowFrameRateRatio),
    lowVideoProcessingCapabilityRatio: reportedNumber(stream.lowVideoProcessingCapabilityRatio),
    averageFreezeDurationMs: ms(stream.averageFreezeDuration),
    rmsFreezeDurationMs: ms(stream.rmsFreezeDuration),
  };
  // Counted once per stream, however many of its values were unreadable.
  if (problems.list().length > 0) unreadable.add("streams had unreadable durations or times");
  return parsed;
}

export function mediaKind(label: string | null | undefined, streams: readonly WireStream[] = []): MediaKind {
  const value = (label ?? "").toLowerCase();
  if (value.includes("applicationsharing") || value.includes("screen")) return "screenSharing";
  if (value.includes("audio")) return "audio";
  if (value.includes("video")) return "video";
  if (value.includes("data")) return "data";
  if (
    streams.some(
      (s) =>
        reportedEnum(s.videoCodec) ||
        (s.averageVideoFrameRate !== null && s.averageVideoFrameRate !== undefined),
    )
  )
    return "video";
  if (streams.some((s) => reportedEnum(s.audioCodec))) return "audio";
  return "other";
}

function parseMedia(media: WireMedia, unreadable: Unreadables): Media {
  const streams = media.streams ?? [];
  return {
    label: reportedText(media.label),
    kind: mediaKind(media.label, streams),
    callerNetwork: parseNetwork(media.callerNetwork, unreadable),
    calleeNetwork: parseNetwork(media.calleeNetwork, unreadable),
    callerDevice: parseDevice(media.callerDevice),
    calleeDevice: parseDevice(media.calleeDevice),
    streams: streams.flatMap((stream) => parseStream(stream, unreadable) ?? []),
  };
}

function parseFailure(failure: WireSession["failureInfo"]) {
  if (!failure) return null;
  const stage = reportedEnum(failure.stage);
  const reason = reportedText(failure.reason);
  return stage || reason ? { stage, reason } : null;
}

/** A segment without its own caller or callee is between the session's. */
function parseSegment(
  segment: WireSegment,
  session: { caller: Endpoint | null; callee: Endpoint | null },
  unreadable: Unreadables,
): Segment {
  return {
    id: segment.id,
    startDateTime: segment.startDateTime,
    endDateTime: segment.endDateTime,
    caller: parseEndpoint(segment.caller) ?? session.caller,
    callee: parseEndpoint(segment.callee) ?? session.callee,
    failureInfo: parseFailure(segment.failureInfo),
    media: (segment.media ?? []).map((media) => parseMedia(media, unreadable)),
  };
}

function parseSession(session: WireSession): Session {
  const unreadable = new Unreadables();
  const caller = parseEndpoint(session.caller);
  const callee = parseEndpoint(session.callee);
  return {
    id: session.id,
    modalities: session.modalities ?? [],
    startDateTime: session.startDateTime,
    endDateTime: session.endDateTime,
    isTest: orNull(session.isTest),
    caller,
    callee,
    failureInfo: parseFailure(session.failureInfo),
    segments: (session.segments ?? []).map((segment) =>
      parseSegment(segment, { caller, callee }, unreadable),
    ),
    unreadable: unreadable.list(),
  };
}

export function parseParticipant(participant: WireParticipant): Participant {
  return {
    id: reportedText(participant.id),
    identity: parseIdentity(participant.identity),
    administrativeUnitIds: (participant.administrativeUnitInfos ?? []).flatMap(
      (unit) => reportedText(unit?.id) ?? [],
    ),
  };
}

export interface ParsedRecord {
  call: CallSummary;
  sessions: Session[];
  nextLink: string | null;
  /** participants_v2 carried inline (snapshots store every page so), else the legacy list, else null. */
  participants: { list: Participant[]; source: "participants_v2" | "legacy" } | null;
}

export function parseCallRecordBody(body: unknown): ParsedRecord {
  const record = validate(callRecordSchema, body, "a call record");
  const organizerV2 = parseIdentity(record.organizer_v2?.identity);
  const legacyOrganizer = organizerV2 ? null : parseIdentity(record.organizer);
  const legacy = (record.participants ?? []).flatMap((set) => {
    const identity = parseIdentity(set);
    return identity ? [{ id: identity.id, identity, administrativeUnitIds: [] }] : [];
  });
  return {
    call: {
      id: record.id.toLowerCase(),
      version: record.version,
      type: orNull(record.type),
      modalities: record.modalities ?? [],
      startDateTime: record.startDateTime,
      endDateTime: record.endDateTime,
      lastModifiedDateTime: orNull(record.lastModifiedDateTime),
      joinWebUrl: reportedText(record.joinWebUrl),
      organizer: organizerV2 ?? legacyOrganizer,
      organizerSource: organizerV2 ? "organizer_v2" : legacyOrganizer ? "legacy" : null,
    },
    sessions: dedupeSessions((record.sessions ?? []).map(parseSession)),
    nextLink: orNull(record["sessions@odata.nextLink"]),
    participants: record.participants_v2?.length
      ? { list: record.participants_v2.map(parseParticipant), source: "participants_v2" }
      : legacy.length > 0
        ? { list: legacy, source: "legacy" }
        : null,
  };
}

export function parseSessionsPageBody(body: unknown): { sessions: Session[]; nextLink: string | null } {
  const page = validate(sessionsPageSchema, body, "a page of sessions");
  return {
    sessions: dedupeSessions(page.value.map(parseSession)),
    nextLink: orNull(page["@odata.nextLink"]),
  };
}

export function parseParticipantsPageBody(body: unknown): {
  participants: Participant[];
  nextLink: string | null;
} {
  const page = validate(participantsPageSchema, body, "a page of participants");
  return { participants: page.value.map(parseParticipant), nextLink: orNull(page["@odata.nextLink"]) };
}
