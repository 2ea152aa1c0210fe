import type { CallRecords } from "@microsoft/microsoft-graph-types";
import type { Random } from "./random";
import { isoDuration, type WireMediaStream } from "./wire";

/** Why a stream is poor, or "good"; "silent" means the client sent no telemetry at all. */
export type StreamQuality = "good" | "jitter" | "loss" | "roundTrip" | "mixed" | "short" | "silent";

type Direction = CallRecords.MediaStreamDirection;

const round = (value: number, digits = 6) => +value.toFixed(digits);

function base(rng: Random, direction: Direction, window: { start: number; end: number }): WireMediaStream {
  return {
    streamId: String(rng.int(100_000_000, 2_147_483_647)),
    streamDirection: direction,
    startDateTime: new Date(window.start).toISOString(),
    endDateTime: new Date(window.end).toISOString(),
    wasMediaBypassed: false,
  };
}

const silentAudio: Partial<WireMediaStream> = {
  averageJitter: null,
  maxJitter: null,
  averagePacketLossRate: null,
  maxPacketLossRate: null,
  averageRoundTripTime: null,
  maxRoundTripTime: null,
  averageRatioOfConcealedSamples: null,
  maxRatioOfConcealedSamples: null,
  averageAudioDegradation: null,
  packetUtilization: null,
  averageBandwidthEstimate: null,
  averageAudioNetworkJitter: null,
  maxAudioNetworkJitter: null,
  audioCodec: null,
  isAudioForwardErrorCorrectionUsed: null,
};

export function audioStream(
  rng: Random,
  direction: Direction,
  quality: StreamQuality,
  window: { start: number; end: number },
  override: Partial<{ jitterMs: number; lossRate: number; roundTripMs: number }> = {},
): WireMediaStream {
  if (quality === "silent") return { ...base(rng, direction, window), ...silentAudio };
  const jitter =
    override.jitterMs ?? (quality === "jitter" || quality === "mixed" ? rng.float(32, 85) : rng.float(2, 14));
  const loss =
    override.lossRate ??
    (quality === "loss" || quality === "mixed" ? rng.float(0.105, 0.28) : rng.float(0, 0.012));
  const rtt = override.roundTripMs ?? (quality === "roundTrip" ? rng.float(520, 950) : rng.float(18, 140));
  const poor = quality !== "good" && quality !== "short";
  const concealed = poor ? rng.float(0.05, 0.16) : rng.float(0.001, 0.03);
  const seconds = Math.max(1, (window.end - window.start) / 1000);
  return {
    ...base(rng, direction, window),
    audioCodec: rng.pick(["satin", "opus", "silkWide"] as const),
    averageJitter: isoDuration(jitter),
    maxJitter: isoDuration(jitter * rng.float(1.4, 3)),
    averagePacketLossRate: round(loss),
    maxPacketLossRate: round(Math.min(1, loss * rng.float(1.5, 5) + 0.001)),
    averageRoundTripTime: isoDuration(rtt),
    maxRoundTripTime: isoDuration(rtt * rng.float(1.3, 2.4)),
    averageRatioOfConcealedSamples: rng.chance(0.08) ? null : round(concealed),
    maxRatioOfConcealedSamples: rng.chance(0.08) ? null : round(Math.min(1, concealed * rng.float(1.2, 3))),
    averageAudioDegradation: rng.chance(0.1)
      ? null
      : round(poor ? rng.float(1.05, 2.6) : rng.float(0.05, 0.6), 4),
    averageAudioNetworkJitter: isoDuration(jitter * rng.float(1.5, 4)),
    maxAudioNetworkJitter: isoDuration(jitter * rng.float(4, 7)),
    // Fewer than 500 packets leaves CQD without enough data to classify the stream.
    packetUtilization: quality === "short" ? rng.int(40, 480) : Math.round(seconds * 50 * rng.float(0.85, 1)),
    averageBandwidthEstimate: rng.int(2_000_000, 20_000_000),
    isAudioForwardErrorCorrectionUsed: loss > 0.02,
  };
}

export type VideoKind = "video" | "screen";

export function videoStream(
  rng: Random,
  direction: Direction,
  kind: VideoKind,
  poor: boolean,
  window: { start: number; end: number },
): WireMediaStream {
  const seconds = Math.max(1, (window.end - window.start) / 1000);
  const frameRate =
    kind === "screen"
      ? poor
        ? rng.float(0.4, 1.8)
        : rng.float(3, 12)
      : poor
        ? rng.float(2, 6.5)
        : rng.float(15, 30);
  // Clients often report no frame loss at all; CQD then judges by frame rate (the first metric present).
  const frameLoss = poor
    ? rng.chance(0.4)
      ? rng.float(51, 80)
      : null
    : rng.chance(0.3)
      ? null
      : rng.float(0, 6);
  const freeze = poor ? rng.float(300, 2500) : rng.float(0, 120);
  return {
    ...base(rng, direction, window),
    videoCodec: rng.pick(["h264", "av1", "h264uc"] as const),
    averageVideoFrameRate: round(frameRate, 3),
    averageReceivedFrameRate: round(frameRate * rng.float(0.9, 1), 3),
    averageVideoFrameLossPercentage: frameLoss === null ? null : round(frameLoss, 3),
    averageVideoPacketLossRate: round(poor ? rng.float(0.05, 0.2) : rng.float(0, 0.01)),
    postForwardErrorCorrectionPacketLossRate: round(poor ? rng.float(0.05, 0.3) : rng.float(0, 0.02)),
    lowFrameRateRatio: round(poor ? rng.float(0.3, 0.9) : rng.float(0, 0.05), 4),
    lowVideoProcessingCapabilityRatio: round(rng.float(0, poor ? 0.2 : 0.02), 4),
    averageFreezeDuration: isoDuration(freeze),
    rmsFreezeDuration: isoDuration(freeze * 1.3),
    averageRoundTripTime: isoDuration(poor ? rng.float(200, 700) : rng.float(20, 120)),
    maxRoundTripTime: isoDuration(poor ? rng.float(700, 1400) : rng.float(120, 240)),
    packetUtilization: Math.round(seconds * (kind === "screen" ? 30 : 200)),
    averageBandwidthEstimate: rng.int(1_000_000, 8_000_000),
    averageJitter: isoDuration(poor ? rng.float(25, 60) : rng.float(3, 15)),
    maxJitter: isoDuration(poor ? rng.float(60, 150) : rng.float(15, 40)),
    averagePacketLossRate: round(poor ? rng.float(0.02, 0.12) : rng.float(0, 0.01)),
    maxPacketLossRate: round(poor ? rng.float(0.12, 0.4) : rng.float(0.01, 0.03)),
  };
}
