// callscope's own view of a call record: what the API returns and the UI renders.
// Durations are milliseconds, ratios are fractions 0–1, and null always means "not reported".

/** The member of Graph's communicationsIdentitySet an identity came from ("associated": only `associatedIdentity` was sent). */
export type IdentityKind =
  | "user"
  | "guest"
  | "phone"
  | "application"
  | "applicationInstance"
  | "device"
  | "acsUser"
  | "spoolUser"
  | "azureCommunicationServicesUser"
  | "acsApplicationInstance"
  | "spoolApplicationInstance"
  | "encrypted"
  | "onPremises"
  | "associated"
  /** Only `assertedIdentity` was sent: who the participant presented itself as (a Skype for Business phone, say). */
  | "asserted";

/**
 * What an identity is by its own `@odata.type` (and a teamworkUserIdentity's userIdentityType), which can say more
 * than the slot it came in: an anonymous guest or a Teams conversation in the `user` slot.
 */
export type IdentityType =
  | "user"
  | "guest"
  | "anonymousGuest"
  | "federatedUser"
  | "personalAccount"
  | "skypeUser"
  | "phone"
  | "acsUser"
  | "conversation"
  | "application"
  | "applicationInstance"
  | "encrypted";

export interface Identity {
  kind: IdentityKind;
  id: string | null;
  displayName: string | null;
  userPrincipalName: string | null;
  tenantId: string | null;
  /** `default`, `voicemail`, `skypeForBusiness`, `skypeForBusinessVoipPhone`, … when Graph says. */
  endpointType: string | null;
  /** Who the participant presented itself as to the others (a user or a phone number). */
  assertedIdentity: { id: string | null; displayName: string | null } | null;
  /** The identity's own type, when Graph said it; absent or null: the slot (`kind`) is all there is. */
  type?: IdentityType | null;
  /** Graph's `hidden`: the participant is not shown in the other participants' rosters (a bot, a recorder). */
  hidden?: boolean;
}

/** A person (or room, bot, phone) in the call, from `participants_v2` or the legacy `participants`. */
export interface Participant {
  id: string | null;
  identity: Identity | null;
  administrativeUnitIds: string[];
}

export type ParticipantSource = "participants_v2" | "legacy" | "sessions";

export interface ParticipantList {
  participants: Participant[];
  /** Where the list came from: Graph's participants_v2, the legacy property, or the sessions' own endpoints. */
  source: ParticipantSource;
  /** Why the list is not from participants_v2, when it is not. */
  note: string | null;
}

export interface Feedback {
  rating: string;
  text: string | null;
  tokens: Record<string, boolean>;
}

export interface Endpoint {
  kind: "participant" | "service" | "unknown";
  identity: Identity | null;
  /** The client machine's name, for participant endpoints. */
  name: string | null;
  cpuName: string | null;
  cpuCoresCount: number | null;
  cpuProcessorSpeedInMhz: number | null;
  userAgent: {
    headerValue: string | null;
    applicationVersion: string | null;
    platform: string | null;
    productFamily: string | null;
    azureADAppId: string | null;
    communicationServiceId: string | null;
    /** For service endpoints: what the service is (conferencing server, gateway, …). */
    role: string | null;
  } | null;
  feedback: Feedback | null;
}

export interface FailureInfo {
  stage: string | null;
  reason: string | null;
}

/** What callscope knows of a network's public (reflexive) address, from offline databases (lib/ip-info). */
export interface PublicNetwork {
  kind: "public" | "private" | "microsoft" | "reserved";
  /** Autonomous system number and its organisation: the ISP, for a home or mobile network. */
  asn: number | null;
  org: string | null;
  /** ISO 3166 country code of the address's registration. */
  country: string | null;
}

export interface Network {
  connectionType: string | null;
  /** Filled by the server from the reflexive address (null until then, and in unit-built data). */
  publicNetwork: PublicNetwork | null;
  ipAddress: string | null;
  subnet: string | null;
  port: number | null;
  /** Bits per second; null when not reported, 0 or the 4294967295 "unknown" sentinel (see reported.ts). */
  linkSpeed: number | null;
  macAddress: string | null;
  reflexiveIPAddress: string | null;
  relayIPAddress: string | null;
  relayPort: number | null;
  networkTransportProtocol: string | null;
  dnsSuffix: string | null;
  sentQualityEventRatio: number | null;
  receivedQualityEventRatio: number | null;
  delayEventRatio: number | null;
  bandwidthLowEventRatio: number | null;
  wifiBand: string | null;
  wifiRadioType: string | null;
  wifiChannel: number | null;
  wifiSignalStrength: number | null;
  wifiBatteryCharge: number | null;
  wifiMicrosoftDriver: string | null;
  wifiMicrosoftDriverVersion: string | null;
  wifiVendorDriver: string | null;
  wifiVendorDriverVersion: string | null;
  basicServiceSetIdentifier: string | null;
  traceRouteHops: { hopCount: number | null; ipAddress: string | null; roundTripTimeMs: number | null }[];
}

export interface Device {
  captureDeviceName: string | null;
  captureDeviceDriver: string | null;
  renderDeviceName: string | null;
  renderDeviceDriver: string | null;
  receivedSignalLevel: number | null;
  receivedNoiseLevel: number | null;
  sentSignalLevel: number | null;
  sentNoiseLevel: number | null;
  initialSignalLevelRootMeanSquare: number | null;
  micGlitchRate: number | null;
  speakerGlitchRate: number | null;
  lowSpeechLevelEventRatio: number | null;
  lowSpeechToNoiseEventRatio: number | null;
  captureNotFunctioningEventRatio: number | null;
  renderNotFunctioningEventRatio: number | null;
  renderMuteEventRatio: number | null;
  renderZeroVolumeEventRatio: number | null;
  deviceClippingEventRatio: number | null;
  deviceGlitchEventRatio: number | null;
  howlingEventCount: number | null;
  cpuInsufficentEventRatio: number | null;
}

export type StreamDirection = "callerToCallee" | "calleeToCaller";

/** A value Graph sent that callscope could not read ("NaN", "INF", a duration like "16ms"): its field is null, this says why. */
export interface UnreadableValue {
  /** Graph's name for the field, e.g. `averageJitter`. */
  field: string;
  /** What Graph sent, as text (clipped). */
  sent: string;
}

export interface Stream {
  streamId: string | null;
  direction: StreamDirection;
  startDateTime: string | null;
  endDateTime: string | null;
  audioCodec: string | null;
  videoCodec: string | null;
  averageJitterMs: number | null;
  maxJitterMs: number | null;
  averagePacketLossRate: number | null;
  maxPacketLossRate: number | null;
  averageRoundTripTimeMs: number | null;
  maxRoundTripTimeMs: number | null;
  averageRatioOfConcealedSamples: number | null;
  maxRatioOfConcealedSamples: number | null;
  averageAudioDegradation: number | null;
  averageAudioNetworkJitterMs: number | null;
  maxAudioNetworkJitterMs: number | null;
  averageBandwidthEstimate: number | null;
  packetUtilization: number | null;
  isAudioForwardErrorCorrectionUsed: boolean | null;
  wasMediaBypassed: boolean | null;
  averageVideoFrameRate: number | null;
  averageReceivedFrameRate: number | null;
  averageVideoFrameLossPercentage: number | null;
  averageVideoPacketLossRate: number | null;
  postForwardErrorCorrectionPacketLossRate: number | null;
  lowFrameRateRatio: number | null;
  lowVideoProcessingCapabilityRatio: number | null;
  averageFreezeDurationMs: number | null;
  rmsFreezeDurationMs: number | null;
  /** Values Graph sent that could not be read (their fields are null); absent when every value was readable. */
  unreadable?: UnreadableValue[];
}

export type MediaKind = "audio" | "video" | "screenSharing" | "data" | "other";

export interface Media {
  label: string | null;
  kind: MediaKind;
  callerNetwork: Network | null;
  calleeNetwork: Network | null;
  callerDevice: Device | null;
  calleeDevice: Device | null;
  streams: Stream[];
}

export interface Segment {
  id: string;
  startDateTime: string;
  endDateTime: string;
  caller: Endpoint | null;
  callee: Endpoint | null;
  failureInfo: FailureInfo | null;
  media: Media[];
}

/** Parts of a record Graph sent that callscope could not read, e.g. { what: "streams had unreadable durations", count: 3 }. */
export interface Unreadable {
  what: string;
  count: number;
}

export interface Session {
  id: string;
  modalities: string[];
  startDateTime: string;
  endDateTime: string;
  isTest: boolean | null;
  caller: Endpoint | null;
  callee: Endpoint | null;
  failureInfo: FailureInfo | null;
  segments: Segment[];
  /** What in this session could not be read; the rest is still shown. Empty when all was readable. */
  unreadable: Unreadable[];
}

export interface CallSummary {
  id: string;
  version: number;
  type: string | null;
  modalities: string[];
  startDateTime: string;
  endDateTime: string;
  lastModifiedDateTime: string | null;
  joinWebUrl: string | null;
  /** From `organizer_v2`, or the legacy `organizer` on records written before Graph moved to it. */
  organizer: Identity | null;
  organizerSource: "organizer_v2" | "legacy" | null;
}
