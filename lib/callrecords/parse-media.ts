// A segment's media lines (networks, devices, streams), wire → model, counting what could not be read.
import type { WireDevice, WireMedia, WireNetwork, WireStream } from "@/lib/graph/schema";
import { durationToMs } from "./duration";
import type { Device, Media, MediaKind, Network, Stream, StreamDirection, Unreadable } from "./model";
import {
  reportedAddress,
  reportedEnum,
  reportedLinkSpeed,
  reportedMac,
  reportedNumber,
  reportedPositive,
  reportedText,
} from "./reported";

/** Counts what could not be read in one session, so the view can say so and show the rest. */
const orNull = <T>(value: T | null | undefined): T | null => value ?? null;

/** Counts what could not be read in one session, so the view can say so and show the rest. */
export class Unreadables {
  private readonly counts = new Map<string, number>();

  add(what: string): void {
    this.counts.set(what, (this.counts.get(what) ?? 0) + 1);
  }

  list(): Unreadable[] {
    return [...this.counts].map(([what, count]) => ({ what, count }));
  }
}

export function readDuration(
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

export function readTime(
  value: string | null | undefined,
  unreadable: Unreadables,
  what: string,
): string | null {
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

export function parseMedia(media: WireMedia, unreadable: Unreadables): Media {
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
