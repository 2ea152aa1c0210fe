// Builders for unit tests: a domain record, session, media line, stream, network, device and endpoint with only
// what a test sets (everything else "not reported"). Graph's wire JSON comes from emulator/data/scenarios.ts
// (buildCallRecord) or from the docs examples in lib/graph/fixtures.
import type {
  CallSummary,
  Device,
  Endpoint,
  Media,
  MediaKind,
  Network,
  Segment,
  Session,
  Stream,
} from "./model";

/** A call record's summary: a 1:1 call of 30 minutes, version 1. */
export function callSummary(overrides: Partial<CallSummary> = {}): CallSummary {
  return {
    id: "2f1a1100-b174-40a0-aba7-0b405e01ed92",
    version: 1,
    type: "peerToPeer",
    modalities: ["audio"],
    startDateTime: "2026-11-20T10:00:00Z",
    endDateTime: "2026-11-20T10:30:00Z",
    lastModifiedDateTime: null,
    joinWebUrl: null,
    organizer: null,
    organizerSource: null,
    ...overrides,
  };
}

/** A device with nothing reported but what a test sets. */
export function device(overrides: Partial<Device> = {}): Device {
  return {
    captureDeviceName: null,
    captureDeviceDriver: null,
    renderDeviceName: null,
    renderDeviceDriver: null,
    receivedSignalLevel: null,
    receivedNoiseLevel: null,
    sentSignalLevel: null,
    sentNoiseLevel: null,
    initialSignalLevelRootMeanSquare: null,
    micGlitchRate: null,
    speakerGlitchRate: null,
    lowSpeechLevelEventRatio: null,
    lowSpeechToNoiseEventRatio: null,
    captureNotFunctioningEventRatio: null,
    renderNotFunctioningEventRatio: null,
    renderMuteEventRatio: null,
    renderZeroVolumeEventRatio: null,
    deviceClippingEventRatio: null,
    deviceGlitchEventRatio: null,
    howlingEventCount: null,
    cpuInsufficentEventRatio: null,
    ...overrides,
  };
}

export function stream(overrides: Partial<Stream> = {}): Stream {
  return {
    streamId: "1",
    direction: "callerToCallee",
    startDateTime: null,
    endDateTime: null,
    audioCodec: null,
    videoCodec: null,
    averageJitterMs: null,
    maxJitterMs: null,
    averagePacketLossRate: null,
    maxPacketLossRate: null,
    averageRoundTripTimeMs: null,
    maxRoundTripTimeMs: null,
    averageRatioOfConcealedSamples: null,
    maxRatioOfConcealedSamples: null,
    averageAudioDegradation: null,
    averageAudioNetworkJitterMs: null,
    maxAudioNetworkJitterMs: null,
    averageBandwidthEstimate: null,
    packetUtilization: null,
    isAudioForwardErrorCorrectionUsed: null,
    wasMediaBypassed: null,
    averageVideoFrameRate: null,
    averageReceivedFrameRate: null,
    averageVideoFrameLossPercentage: null,
    averageVideoPacketLossRate: null,
    postForwardErrorCorrectionPacketLossRate: null,
    lowFrameRateRatio: null,
    lowVideoProcessingCapabilityRatio: null,
    averageFreezeDurationMs: null,
    rmsFreezeDurationMs: null,
    ...overrides,
  };
}

export function network(overrides: Partial<Network> = {}): Network {
  return {
    connectionType: "wired",
    publicNetwork: null,
    ipAddress: "10.0.0.2",
    subnet: "10.0.0.0",
    port: 50000,
    linkSpeed: 1e9,
    macAddress: "00-11-22-33-44-55",
    reflexiveIPAddress: "20.1.2.3",
    relayIPAddress: null,
    relayPort: null,
    networkTransportProtocol: "udp",
    dnsSuffix: null,
    sentQualityEventRatio: 0,
    receivedQualityEventRatio: 0,
    delayEventRatio: 0,
    bandwidthLowEventRatio: 0,
    wifiBand: null,
    wifiRadioType: null,
    wifiChannel: null,
    wifiSignalStrength: null,
    wifiBatteryCharge: null,
    wifiMicrosoftDriver: null,
    wifiMicrosoftDriverVersion: null,
    wifiVendorDriver: null,
    wifiVendorDriverVersion: null,
    basicServiceSetIdentifier: null,
    traceRouteHops: [],
    ...overrides,
  };
}

export function person(name: string, id = name.toLowerCase().replace(/\W/g, "")): Endpoint {
  return {
    kind: "participant",
    identity: {
      kind: "user",
      id,
      displayName: name,
      userPrincipalName: `${id}@contoso.example`,
      tenantId: "t",
      endpointType: null,
      assertedIdentity: null,
    },
    name: `${id}-laptop`,
    cpuName: null,
    cpuCoresCount: null,
    cpuProcessorSpeedInMhz: null,
    userAgent: {
      headerValue: null,
      applicationVersion: null,
      platform: "windows",
      productFamily: "teams",
      azureADAppId: null,
      communicationServiceId: null,
      role: null,
    },
    feedback: null,
  };
}

export function conferencingServer(): Endpoint {
  return {
    kind: "service",
    identity: null,
    name: null,
    cpuName: null,
    cpuCoresCount: null,
    cpuProcessorSpeedInMhz: null,
    userAgent: {
      headerValue: null,
      applicationVersion: null,
      platform: null,
      productFamily: null,
      azureADAppId: null,
      communicationServiceId: null,
      role: "skypeForBusinessAudioVideoMcu",
    },
    feedback: null,
  };
}

export function media(kind: MediaKind, streams: Stream[], overrides: Partial<Media> = {}): Media {
  return {
    label: kind === "audio" ? "main-audio" : "main-video",
    kind,
    callerNetwork: network(),
    calleeNetwork: network(),
    callerDevice: null,
    calleeDevice: null,
    streams,
    ...overrides,
  };
}

export function session(
  id: string,
  caller: Endpoint,
  callee: Endpoint,
  mediaList: Media[],
  overrides: Partial<Session> = {},
): Session {
  const segment: Segment = {
    id: `${id}-seg`,
    startDateTime: "2026-11-20T10:00:00Z",
    endDateTime: "2026-11-20T10:30:00Z",
    caller,
    callee,
    failureInfo: null,
    media: mediaList,
  };
  return {
    id,
    modalities: ["audio"],
    startDateTime: segment.startDateTime,
    endDateTime: segment.endDateTime,
    isTest: false,
    caller,
    callee,
    failureInfo: null,
    segments: [segment],
    unreadable: [],
    ...overrides,
  };
}

/** A poor audio stream (jitter 80 ms, 12 % loss, 900 packets), in `direction`. */
export const poorAudio = (
  direction: Stream["direction"] = "callerToCallee",
  overrides: Partial<Stream> = {},
) =>
  stream({
    direction,
    averageJitterMs: 80,
    averagePacketLossRate: 0.12,
    averageRoundTripTimeMs: 90,
    packetUtilization: 900,
    ...overrides,
  });

/** A good audio stream, in `direction`. */
export const goodAudio = (
  direction: Stream["direction"] = "calleeToCaller",
  overrides: Partial<Stream> = {},
) =>
  stream({
    direction,
    averageJitterMs: 5,
    averagePacketLossRate: 0.001,
    averageRoundTripTimeMs: 40,
    packetUtilization: 900,
    ...overrides,
  });
