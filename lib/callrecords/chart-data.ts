import { DIRECTION_LABELS, directionWords } from "./describe";
import type { Endpoint, Media, Stream } from "./model";
import { DEFAULT_THRESHOLDS, type ThresholdTable } from "./thresholds";

export interface MetricPoint {
  /** "from Priya Raman to Owen Franklin" (or Graph's "caller→callee" without the segment's ends). */
  direction: string;
  average: number | null;
  max: number | null;
}

export interface MetricChart {
  key: string;
  title: string;
  unit: string;
  /** What the second bar is: the maximum, or for freezes the root mean square. */
  secondLabel: "max" | "RMS";
  /** The poor-call limit to draw, if this metric has one. */
  threshold: { value: number; label: string } | null;
  points: MetricPoint[];
  /** True when no stream reported this metric at all. */
  empty: boolean;
}

interface MetricSpec {
  key: string;
  title: string;
  unit: string;
  scale: number;
  average: (s: Stream) => number | null;
  max: (s: Stream) => number | null;
  secondLabel?: "max" | "RMS";
  thresholdMetric?: string;
}

const pct = 100;
const AUDIO: MetricSpec[] = [
  {
    key: "jitter",
    title: "Jitter",
    unit: "ms",
    scale: 1,
    average: (s) => s.averageJitterMs,
    max: (s) => s.maxJitterMs,
    thresholdMetric: "averageJitterMs",
  },
  {
    key: "loss",
    title: "Packet loss",
    unit: "%",
    scale: pct,
    average: (s) => s.averagePacketLossRate,
    max: (s) => s.maxPacketLossRate,
    thresholdMetric: "averagePacketLossRate",
  },
  {
    key: "rtt",
    title: "Round trip",
    unit: "ms",
    scale: 1,
    average: (s) => s.averageRoundTripTimeMs,
    max: (s) => s.maxRoundTripTimeMs,
    thresholdMetric: "averageRoundTripTimeMs",
  },
  // Jitter measured on the network before the jitter buffer: high here with low jitter above means the buffer coped.
  {
    key: "networkJitter",
    title: "Network jitter",
    unit: "ms",
    scale: 1,
    average: (s) => s.averageAudioNetworkJitterMs,
    max: (s) => s.maxAudioNetworkJitterMs,
  },
  {
    key: "concealed",
    title: "Concealed samples",
    unit: "%",
    scale: pct,
    average: (s) => s.averageRatioOfConcealedSamples,
    max: (s) => s.maxRatioOfConcealedSamples,
    thresholdMetric: "averageRatioOfConcealedSamples",
  },
  {
    key: "degradation",
    title: "Network MOS degradation",
    unit: "MOS",
    scale: 1,
    average: (s) => s.averageAudioDegradation,
    max: () => null,
    thresholdMetric: "averageAudioDegradation",
  },
];
const VIDEO: MetricSpec[] = [
  {
    key: "frameRate",
    title: "Frame rate",
    unit: "fps",
    scale: 1,
    average: (s) => s.averageVideoFrameRate,
    max: () => null,
    thresholdMetric: "averageVideoFrameRate",
  },
  {
    key: "frameLoss",
    title: "Frame loss",
    unit: "%",
    scale: 1,
    average: (s) => s.averageVideoFrameLossPercentage,
    max: () => null,
    thresholdMetric: "averageVideoFrameLossPercentage",
  },
  {
    key: "postFec",
    title: "Post-FEC packet loss",
    unit: "%",
    scale: pct,
    average: (s) => s.postForwardErrorCorrectionPacketLossRate,
    max: () => null,
    thresholdMetric: "postForwardErrorCorrectionPacketLossRate",
  },
  {
    key: "freeze",
    title: "Freeze duration",
    unit: "ms",
    scale: 1,
    average: (s) => s.averageFreezeDurationMs,
    max: (s) => s.rmsFreezeDurationMs,
    secondLabel: "RMS",
  },
  {
    key: "rtt",
    title: "Round trip",
    unit: "ms",
    scale: 1,
    average: (s) => s.averageRoundTripTimeMs,
    max: (s) => s.maxRoundTripTimeMs,
  },
];

const scaled = (value: number | null, scale: number) =>
  value === null ? null : Math.round(value * scale * 1000) / 1000;

/**
 * One chart per metric, with both directions, average and max, and the threshold line. With the segment's two
 * ends, each direction is named by who sent it to whom ("from Priya Raman to Owen Franklin").
 */
export function mediaCharts(
  media: Media,
  table: ThresholdTable = DEFAULT_THRESHOLDS,
  ends?: { caller: Endpoint | null; callee: Endpoint | null },
): MetricChart[] {
  const specs =
    media.kind === "audio" ? AUDIO : media.kind === "video" || media.kind === "screenSharing" ? VIDEO : [];
  const thresholds =
    media.kind === "audio" ? table.audio : media.kind === "screenSharing" ? table.screenSharing : table.video;
  return specs.map((spec) => {
    const threshold = thresholds.find((t) => t.metric === spec.thresholdMetric);
    const limit = threshold
      ? +(threshold.unit === "ratio" ? threshold.limit * pct : threshold.limit).toFixed(6)
      : 0;
    const points = media.streams.map((stream) => ({
      direction: ends ? directionWords(stream.direction, ends) : DIRECTION_LABELS[stream.direction],
      average: scaled(spec.average(stream), spec.scale),
      max: scaled(spec.max(stream), spec.scale),
    }));
    return {
      key: spec.key,
      title: spec.title,
      unit: spec.unit,
      secondLabel: spec.secondLabel ?? "max",
      threshold: threshold
        ? {
            value: limit,
            label: `${threshold.compare === "gt" ? "poor above" : "poor below"} ${limit} ${spec.unit}`,
          }
        : null,
      points,
      empty: points.every((p) => p.average === null && p.max === null),
    };
  });
}
