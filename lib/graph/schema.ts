import { z } from "zod";

// Graph's callRecords wire format, checked at the boundary. Unknown fields are dropped, evolvable
// enums stay open strings, and nulls are allowed wherever Graph allows them. What the UI relies on
// (IDs, record and session times, the shape of collections) is strict. Inside a session, a value
// callscope cannot read (a bad duration, an unknown direction, a number that is not one) is kept as
// text here and reported by the parser as "unreadable" rather than failing the whole page: the rest of
// the call still shows.

const text = z.string().nullish();
/** A value of another type where text or a number belongs, kept as its JSON text for the parser to report. */
const asText = ({ value }: { value: unknown }) => JSON.stringify(value) ?? String(value);
/**
 * Graph's numbers as its OpenAPI types them: a JSON number or a string. Edm.Single carries "NaN", "INF" and
 * "-INF" only as strings, and the SDKs type every float `number | string`. The parser reads them (reported.ts).
 */
const num = z.union([z.number(), z.string()]).nullish().catch(asText);
const bool = z.boolean().nullish();
const isoDate = z.iso.datetime({ offset: true, local: false, precision: undefined });
/** ISO-8601 durations such as "PT0.016S"; parsed to milliseconds later, once (unreadable ones become null there). */
const duration = z.string().nullish().catch(asText);

export const identitySchema = z
  .object({
    // Each identity has its own type (a guest, an ACS user, a Teams conversation…), whatever slot it is in.
    "@odata.type": text,
    id: text,
    displayName: text,
    tenantId: text,
    userPrincipalName: text,
    // communicationsApplication(Instance)Identity: not shown in the other participants' rosters.
    hidden: z.boolean().nullish().catch(null),
    // teamworkUserIdentity: aadUser, anonymousGuest, federatedUser, …
    userIdentityType: text,
  })
  .nullish();

export const identitySetSchema = z
  .object({
    user: identitySchema,
    guest: identitySchema,
    phone: identitySchema,
    application: identitySchema,
    applicationInstance: identitySchema,
    device: identitySchema,
    acsUser: identitySchema,
    spoolUser: identitySchema,
    encrypted: identitySchema,
    onPremises: identitySchema,
    azureCommunicationServicesUser: identitySchema,
    acsApplicationInstance: identitySchema,
    spoolApplicationInstance: identitySchema,
    assertedIdentity: identitySchema,
    endpointType: text,
  })
  .nullish();

export const participantSchema = z.object({
  id: text,
  identity: identitySetSchema,
  administrativeUnitInfos: z.array(z.object({ id: text }).nullish()).nullish(),
});

export const feedbackSchema = z
  .object({
    rating: text,
    text,
    // An open set: Microsoft adds token names without notice, so keep every boolean that arrives.
    tokens: z.record(z.string(), z.unknown()).nullish(),
  })
  .nullish();

export const userAgentSchema = z
  .object({
    "@odata.type": text,
    headerValue: text,
    applicationVersion: text,
    platform: text,
    productFamily: text,
    azureADAppId: text,
    communicationServiceId: text,
    role: text,
  })
  .nullish();

export const endpointSchema = z
  .object({
    "@odata.type": text,
    userAgent: userAgentSchema,
    identity: identitySetSchema,
    associatedIdentity: identitySchema,
    name: text,
    cpuName: text,
    cpuCoresCount: num,
    cpuProcessorSpeedInMhz: num,
    feedback: feedbackSchema,
  })
  .nullish();

export const failureInfoSchema = z.object({ stage: text, reason: text }).nullish();

export const networkSchema = z
  .object({
    connectionType: text,
    ipAddress: text,
    subnet: text,
    port: num,
    linkSpeed: num,
    macAddress: text,
    reflexiveIPAddress: text,
    relayIPAddress: text,
    relayPort: num,
    networkTransportProtocol: text,
    dnsSuffix: text,
    sentQualityEventRatio: num,
    receivedQualityEventRatio: num,
    delayEventRatio: num,
    bandwidthLowEventRatio: num,
    wifiBand: text,
    wifiRadioType: text,
    wifiChannel: num,
    wifiSignalStrength: num,
    wifiBatteryCharge: num,
    wifiMicrosoftDriver: text,
    wifiMicrosoftDriverVersion: text,
    wifiVendorDriver: text,
    wifiVendorDriverVersion: text,
    basicServiceSetIdentifier: text,
    traceRouteHops: z
      .array(z.object({ hopCount: num, ipAddress: text, roundTripTime: duration }).nullish())
      .nullish(),
  })
  .nullish();

export const deviceSchema = z
  .object({
    captureDeviceName: text,
    captureDeviceDriver: text,
    renderDeviceName: text,
    renderDeviceDriver: text,
    receivedSignalLevel: num,
    receivedNoiseLevel: num,
    sentSignalLevel: num,
    sentNoiseLevel: num,
    initialSignalLevelRootMeanSquare: num,
    micGlitchRate: num,
    speakerGlitchRate: num,
    lowSpeechLevelEventRatio: num,
    lowSpeechToNoiseEventRatio: num,
    captureNotFunctioningEventRatio: num,
    renderNotFunctioningEventRatio: num,
    renderMuteEventRatio: num,
    renderZeroVolumeEventRatio: num,
    deviceClippingEventRatio: num,
    deviceGlitchEventRatio: num,
    howlingEventCount: num,
    cpuInsufficentEventRatio: num,
  })
  .nullish();

export const streamSchema = z.object({
  streamId: text,
  streamDirection: text,
  startDateTime: text,
  endDateTime: text,
  audioCodec: text,
  videoCodec: text,
  averageJitter: duration,
  maxJitter: duration,
  averagePacketLossRate: num,
  maxPacketLossRate: num,
  averageRoundTripTime: duration,
  maxRoundTripTime: duration,
  averageRatioOfConcealedSamples: num,
  maxRatioOfConcealedSamples: num,
  averageAudioDegradation: num,
  averageAudioNetworkJitter: duration,
  maxAudioNetworkJitter: duration,
  averageBandwidthEstimate: num,
  packetUtilization: num,
  isAudioForwardErrorCorrectionUsed: bool,
  wasMediaBypassed: bool,
  averageVideoFrameRate: num,
  averageReceivedFrameRate: num,
  averageVideoFrameLossPercentage: num,
  averageVideoPacketLossRate: num,
  postForwardErrorCorrectionPacketLossRate: num,
  lowFrameRateRatio: num,
  lowVideoProcessingCapabilityRatio: num,
  averageFreezeDuration: duration,
  rmsFreezeDuration: duration,
});

export const mediaSchema = z.object({
  label: text,
  callerNetwork: networkSchema,
  calleeNetwork: networkSchema,
  callerDevice: deviceSchema,
  calleeDevice: deviceSchema,
  streams: z.array(streamSchema).nullish(),
});

/** What a session and each of its segments both have: a leg between two endpoints over time. */
const legShape = {
  id: z.string().min(1),
  startDateTime: isoDate,
  endDateTime: isoDate,
  caller: endpointSchema,
  callee: endpointSchema,
  failureInfo: failureInfoSchema,
};

export const segmentSchema = z.object({ ...legShape, media: z.array(mediaSchema).nullish() });

export const sessionSchema = z.object({
  ...legShape,
  modalities: z.array(z.string()).nullish(),
  isTest: bool,
  segments: z.array(segmentSchema).nullish(),
});

export const organizerSchema = participantSchema.nullish();

export const callRecordSchema = z.object({
  id: z.string().min(1),
  version: z.number().int(),
  type: text,
  modalities: z.array(z.string()).nullish(),
  lastModifiedDateTime: isoDate.nullish(),
  startDateTime: isoDate,
  endDateTime: isoDate,
  joinWebUrl: text,
  organizer_v2: organizerSchema,
  // Legacy v1 properties: Graph stopped filling them on 2026-06-30, but older exports carry only these.
  organizer: identitySetSchema,
  participants: z.array(identitySetSchema).nullish(),
  participants_v2: z.array(participantSchema).nullish(),
  // Each session is validated on its own (parse.ts): one that cannot be read is reported, not fatal to the call.
  sessions: z.array(z.unknown()).nullish(),
  "sessions@odata.nextLink": z.string().nullish(),
});

export const sessionsPageSchema = z.object({
  value: z.array(z.unknown()),
  "@odata.nextLink": z.string().nullish(),
});

export const participantsPageSchema = z.object({
  value: z.array(participantSchema),
  "@odata.nextLink": z.string().nullish(),
});

export type WireParticipant = z.infer<typeof participantSchema>;
export type WireIdentitySet = z.infer<typeof identitySetSchema>;
export type WireEndpoint = z.infer<typeof endpointSchema>;
export type WireStream = z.infer<typeof streamSchema>;
export type WireMedia = z.infer<typeof mediaSchema>;
export type WireNetwork = z.infer<typeof networkSchema>;
export type WireDevice = z.infer<typeof deviceSchema>;
export type WireSegment = z.infer<typeof segmentSchema>;
export type WireSession = z.infer<typeof sessionSchema>;
export type WireCallRecord = z.infer<typeof callRecordSchema>;

/** A page of `GET /communications/callRecords`: records without sessions; each item is validated on its own. */
export const callListPageSchema = z.object({
  value: z.array(z.unknown()),
  "@odata.nextLink": z.string().nullish(),
});

/** One row of `getPstnCalls` (pstnCallLogRow): everything optional but the ID, as rows for bot call types are sparse. */
export const pstnCallLogRowSchema = z.object({
  id: z.string().min(1),
  callId: text,
  userId: text,
  userPrincipalName: text,
  userDisplayName: text,
  startDateTime: text,
  endDateTime: text,
  duration: num,
  charge: num,
  connectionCharge: num,
  currency: text,
  callType: text,
  calleeNumber: text,
  callerNumber: text,
  usageCountryCode: text,
  tenantCountryCode: text,
  destinationContext: text,
  destinationName: text,
  conferenceId: text,
  licenseCapability: text,
  inventoryType: text,
  operator: text,
  callDurationSource: text,
});

/** One row of `getDirectRoutingCalls` (directRoutingLogRow). */
export const directRoutingLogRowSchema = z.object({
  id: z.string().min(1),
  correlationId: text,
  userId: text,
  userPrincipalName: text,
  userDisplayName: text,
  startDateTime: text,
  inviteDateTime: text,
  failureDateTime: text,
  endDateTime: text,
  duration: num,
  callType: text,
  successfulCall: bool,
  callerNumber: text,
  calleeNumber: text,
  mediaPathLocation: text,
  signalingLocation: text,
  finalSipCode: num,
  callEndSubReason: num,
  finalSipCodePhrase: text,
  trunkFullyQualifiedDomainName: text,
  mediaBypassEnabled: bool,
});

export const phoneLogPageSchema = z.object({
  value: z.array(z.unknown()),
  "@odata.nextLink": z.string().nullish(),
  // The docs spell it both ways (getDirectRoutingCalls' text says @odata.NextLink).
  "@odata.NextLink": z.string().nullish(),
});

export const directoryUserSchema = z.object({
  id: z.string().min(1),
  displayName: text,
  userPrincipalName: text,
});

export type WirePstnRow = z.infer<typeof pstnCallLogRowSchema>;
export type WireDirectRoutingRow = z.infer<typeof directRoutingLogRowSchema>;
