// A segment's media lines (networks, devices, streams), wire → model, counting what could not be read.
import type { WireDevice, WireMedia, WireNetwork, WireStream } from "@/lib/graph/schema";
import { durationToMs } from "./duration";
import type {
  Device,
  Media,
  MediaKind,
  Network,
  Stream,
  StreamDirection,
  Unreadable,
  UnreadableValue,
} from "./model";
import {
  reportedAddress,
  reportedEnum,
  reportedMac,
  reportedNumber,
  reportedPositive,
  reportedText,
  reportedLinkSpeed,
  type WireNumber,
} from "./reported";

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

// Values no measurement can take: a share below 0 or over 100 %, and the Int32 extremes clients write for
// "no value". Shown as "not a valid value", never as a measurement.
const INT32_EXTREMES = new Set([2147483647, -2147483647, -2147483648]);
const PERCENT_FIELDS = new Set([
  "wifiSignalStrength",
  "wifiBatteryCharge",
  "averageVideoFrameLossPercentage",
]);
const isRatioField = (field: string) => /Ratio$|Rate$/.test(field) && !/FrameRate$|GlitchRate$/.test(field);

function outOfRange(field: string, value: number): boolean {
  if (INT32_EXTREMES.has(value)) return true;
  if (PERCENT_FIELDS.has(field)) return value < 0 || value > 100;
  if (isRatioField(field)) return value < 0 || value > 1;
  return false;
}

type Owner = "streams" | "networks" | "devices";

/**
 * Reads one object's numbers and durations: what Graph sent that is not a value (a string that is no number,
 * "NaN", "INF", a duration like "16ms", a share of -1 %) becomes null, is remembered on the object with what was
 * sent, and is counted for the session's notice.
 */
class ValueReader {
  readonly values: UnreadableValue[] = [];
  /** Durations that were not ISO 8601: counted per stream by the caller, as they always were. */
  badDurations = 0;

  constructor(
    private readonly owner: Owner,
    private readonly session: Unreadables,
  ) {}

  private note(field: string, sent: string, what: string): void {
    this.values.push({ field, sent });
    this.session.add(`${this.owner} had ${field} ${sent}, ${what}`);
  }

  number(field: string, value: WireNumber, positive = false): number | null {
    const number = reportedNumber(value, (sent) => this.note(field, JSON.stringify(sent), "not a number"));
    if (number === null) return null;
    if (outOfRange(field, number)) {
      this.note(field, String(number), "not a valid value");
      return null;
    }
    return positive && number <= 0 ? null : number;
  }

  duration(field: string, value: string | null | undefined): number | null {
    try {
      return durationToMs(reportedText(value));
    } catch {
      this.values.push({ field, sent: JSON.stringify(String(value).slice(0, 24)) });
      this.badDurations += 1;
      return null;
    }
  }

  /** The object with what could not be read on it, when anything could not. */
  attach<T extends object>(parsed: T): T & { unreadable?: UnreadableValue[] } {
    return this.values.length > 0 ? { ...parsed, unreadable: this.values } : parsed;
  }
}

function parseNetwork(network: WireNetwork, unreadable: Unreadables): Network | null {
  if (!network) return null;
  const read = new ValueReader("networks", unreadable);
  const number = (field: keyof NonNullable<WireNetwork> & keyof Network, positive = false) =>
    read.number(field, network[field] as WireNumber, positive);
  const parsed: Network = {
    connectionType: reportedEnum(network.connectionType),
    publicNetwork: null,
    ipAddress: reportedAddress(network.ipAddress),
    subnet: reportedAddress(network.subnet),
    port: number("port", true),
    linkSpeed: reportedLinkSpeed(number("linkSpeed", true)),
    macAddress: reportedMac(network.macAddress),
    reflexiveIPAddress: reportedAddress(network.reflexiveIPAddress),
    relayIPAddress: reportedAddress(network.relayIPAddress),
    relayPort: number("relayPort", true),
    networkTransportProtocol: reportedEnum(network.networkTransportProtocol),
    dnsSuffix: reportedText(network.dnsSuffix),
    sentQualityEventRatio: number("sentQualityEventRatio"),
    receivedQualityEventRatio: number("receivedQualityEventRatio"),
    delayEventRatio: number("delayEventRatio"),
    bandwidthLowEventRatio: number("bandwidthLowEventRatio"),
    wifiBand: reportedEnum(network.wifiBand),
    wifiRadioType: reportedEnum(network.wifiRadioType),
    wifiChannel: number("wifiChannel", true),
    wifiSignalStrength: number("wifiSignalStrength"),
    wifiBatteryCharge: number("wifiBatteryCharge"),
    wifiMicrosoftDriver: reportedText(network.wifiMicrosoftDriver),
    wifiMicrosoftDriverVersion: reportedText(network.wifiMicrosoftDriverVersion),
    wifiVendorDriver: reportedText(network.wifiVendorDriver),
    wifiVendorDriverVersion: reportedText(network.wifiVendorDriverVersion),
    basicServiceSetIdentifier: reportedMac(network.basicServiceSetIdentifier),
    traceRouteHops: (network.traceRouteHops ?? []).flatMap((hop) =>
      hop
        ? [
            {
              // A hop without its number is shown without one, never numbered by its place in the list.
              hopCount: reportedPositive(hop.hopCount, (sent) =>
                unreadable.add(`traceroute hops had hopCount ${JSON.stringify(sent)}, not a number`),
              ),
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
  return anything || read.values.length > 0 ? read.attach(parsed) : null;
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

function parseDevice(device: WireDevice, unreadable: Unreadables): Device | null {
  if (!device) return null;
  const read = new ValueReader("devices", unreadable);
  const out = {} as Record<keyof Device, string | number | null>;
  let any = false;
  for (const field of DEVICE_TEXT) out[field] = reportedText(device[field]);
  for (const field of DEVICE_NUMBERS) out[field] = read.number(field, device[field]);
  for (const value of Object.values(out)) if (value !== null) any = true;
  // An empty object is what Graph sends for a service's side: no device at all.
  return any || read.values.length > 0 ? read.attach(out as unknown as Device) : null;
}

const DIRECTIONS = new Set<string>(["callerToCallee", "calleeToCaller"]);

function parseStream(stream: WireStream, unreadable: Unreadables): Stream | null {
  if (!stream.streamDirection || !DIRECTIONS.has(stream.streamDirection)) {
    unreadable.add("streams had no known direction and were left out");
    return null;
  }
  const read = new ValueReader("streams", unreadable);
  const times = new Unreadables();
  const ms = (field: keyof WireStream & string) => read.duration(field, stream[field] as string | null);
  const number = (field: keyof WireStream & string, positive = false) =>
    read.number(field, stream[field] as WireNumber, positive);
  const parsed: Stream = {
    streamId: reportedText(stream.streamId),
    direction: stream.streamDirection as StreamDirection,
    startDateTime: readTime(stream.startDateTime, times, "bad"),
    endDateTime: readTime(stream.endDateTime, times, "bad"),
    audioCodec: reportedEnum(stream.audioCodec),
    videoCodec: reportedEnum(stream.videoCodec),
    averageJitterMs: ms("averageJitter"),
    maxJitterMs: ms("maxJitter"),
    averagePacketLossRate: number("averagePacketLossRate"),
    maxPacketLossRate: number("maxPacketLossRate"),
    averageRoundTripTimeMs: ms("averageRoundTripTime"),
    maxRoundTripTimeMs: ms("maxRoundTripTime"),
    averageRatioOfConcealedSamples: number("averageRatioOfConcealedSamples"),
    maxRatioOfConcealedSamples: number("maxRatioOfConcealedSamples"),
    averageAudioDegradation: number("averageAudioDegradation"),
    averageAudioNetworkJitterMs: ms("averageAudioNetworkJitter"),
    maxAudioNetworkJitterMs: ms("maxAudioNetworkJitter"),
    averageBandwidthEstimate: number("averageBandwidthEstimate", true),
    packetUtilization: number("packetUtilization"),
    isAudioForwardErrorCorrectionUsed: orNull(stream.isAudioForwardErrorCorrectionUsed),
    wasMediaBypassed: orNull(stream.wasMediaBypassed),
    averageVideoFrameRate: number("averageVideoFrameRate"),
    averageReceivedFrameRate: number("averageReceivedFrameRate"),
    averageVideoFrameLossPercentage: number("averageVideoFrameLossPercentage"),
    averageVideoPacketLossRate: number("averageVideoPacketLossRate"),
    postForwardErrorCorrectionPacketLossRate: number("postForwardErrorCorrectionPacketLossRate"),
    lowFrameRateRatio: number("lowFrameRateRatio"),
    lowVideoProcessingCapabilityRatio: number("lowVideoProcessingCapabilityRatio"),
    averageFreezeDurationMs: ms("averageFreezeDuration"),
    rmsFreezeDurationMs: ms("rmsFreezeDuration"),
  };
  // Durations and times: counted once per stream, however many of its values were unreadable.
  if (read.badDurations > 0 || times.list().length > 0)
    unreadable.add("streams had unreadable durations or times");
  return read.attach(parsed);
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
    callerDevice: parseDevice(media.callerDevice, unreadable),
    calleeDevice: parseDevice(media.calleeDevice, unreadable),
    streams: streams.flatMap((stream) => parseStream(stream, unreadable) ?? []),
  };
}
