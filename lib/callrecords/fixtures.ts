// Builders for unit tests: a domain stream, media, segment and session with only what a test sets.
import type { Endpoint, Media, MediaKind, Network, Segment, Session, Stream } from "./model";

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
