// Poor-stream thresholds, one table, each with its source. Sources:
//   CQD  — Microsoft Call Quality Dashboard, "Stream classification in CQD"
//   SfB  — older Skype for Business / Lync classifier (shown as secondary indicators)
//   CA   — Teams admin center Call Analytics

export type MetricKey =
  | "averageRoundTripTimeMs"
  | "averagePacketLossRate"
  | "averageJitterMs"
  | "averageAudioDegradation"
  | "averageRatioOfConcealedSamples"
  | "averageVideoFrameLossPercentage"
  | "averageVideoFrameRate"
  | "postForwardErrorCorrectionPacketLossRate";

export interface Threshold {
  metric: MetricKey;
  label: string;
  /** Poor when the value is above (`gt`) or below (`lt`) the limit. */
  compare: "gt" | "lt";
  limit: number;
  unit: "ms" | "ratio" | "percent" | "fps" | "score";
  source: "CQD" | "SfB";
  /** Secondary indicators are shown, but do not make a stream Poor on their own. */
  secondary?: boolean;
}

export interface ThresholdTable {
  audio: Threshold[];
  audioMinPackets: number;
  video: Threshold[];
  screenSharing: Threshold[];
  deviceNotFunctioningRatio: number;
}

export const DEFAULT_THRESHOLDS: ThresholdTable = {
  // CQD: an audio stream needs more than 500 packets to be classified at all.
  audioMinPackets: 500,
  audio: [
    {
      metric: "averageRoundTripTimeMs",
      label: "round trip",
      compare: "gt",
      limit: 500,
      unit: "ms",
      source: "CQD",
    },
    {
      metric: "averagePacketLossRate",
      label: "packet loss",
      compare: "gt",
      limit: 0.1,
      unit: "ratio",
      source: "CQD",
    },
    { metric: "averageJitterMs", label: "jitter", compare: "gt", limit: 30, unit: "ms", source: "CQD" },
    {
      metric: "averageAudioDegradation",
      label: "network MOS degradation",
      compare: "gt",
      limit: 1.0,
      unit: "score",
      source: "SfB",
      secondary: true,
    },
    {
      metric: "averageRatioOfConcealedSamples",
      label: "concealed samples",
      compare: "gt",
      limit: 0.07,
      unit: "ratio",
      source: "SfB",
      secondary: true,
    },
  ],
  // CQD video: the first metric that is available decides.
  video: [
    {
      metric: "averageVideoFrameLossPercentage",
      label: "frame loss",
      compare: "gt",
      limit: 50,
      unit: "percent",
      source: "CQD",
    },
    {
      metric: "averageVideoFrameRate",
      label: "frame rate",
      compare: "lt",
      limit: 7,
      unit: "fps",
      source: "CQD",
    },
    {
      metric: "postForwardErrorCorrectionPacketLossRate",
      label: "post-FEC packet loss",
      compare: "gt",
      limit: 0.15,
      unit: "ratio",
      source: "CQD",
    },
  ],
  screenSharing: [
    {
      metric: "averageVideoFrameLossPercentage",
      label: "frame loss",
      compare: "gt",
      limit: 50,
      unit: "percent",
      source: "CQD",
    },
    {
      metric: "averageVideoFrameRate",
      label: "frame rate",
      compare: "lt",
      limit: 2,
      unit: "fps",
      source: "CQD",
    },
    {
      metric: "postForwardErrorCorrectionPacketLossRate",
      label: "post-FEC packet loss",
      compare: "gt",
      limit: 0.15,
      unit: "ratio",
      source: "CQD",
    },
  ],
  // CA: capture or render "not functioning" at or above this ratio marks the session poor.
  deviceNotFunctioningRatio: 0.005,
};

export function formatMetric(value: number, unit: Threshold["unit"]): string {
  switch (unit) {
    case "ms":
      return `${Math.round(value)} ms`;
    case "ratio":
      return `${(value * 100).toFixed(value < 0.1 ? 1 : 0)}%`;
    case "percent":
      return `${value.toFixed(value < 10 ? 1 : 0)}%`;
    case "fps":
      return `${value.toFixed(1)} fps`;
    case "score":
      return value.toFixed(2);
  }
}

/**
 * A value beside the limit it is compared with, each with as many digits as it takes to tell them apart:
 * "10.01%" and "10%", "6.99 fps" and "7.0 fps", never "10% > 10%" or "30 ms > 30 ms".
 */
export function formatAgainstLimit(value: number, limit: number, unit: Threshold["unit"]): [string, string] {
  const scale = unit === "ratio" ? 100 : 1;
  const suffix = { ms: " ms", ratio: "%", percent: "%", fps: " fps", score: "" }[unit];
  const limitText = formatMetric(limit, unit);
  let shown = formatMetric(value, unit);
  for (let digits = 1; digits <= 7 && value !== limit && sameAsLimit(shown, limitText); digits += 1)
    shown = `${(value * scale).toFixed(digits)}${suffix}`;
  return [shown, limitText];
}

const sameAsLimit = (a: string, b: string) => Number.parseFloat(a) === Number.parseFloat(b);

export function isBeyond(value: number, threshold: Threshold): boolean {
  return threshold.compare === "gt" ? value > threshold.limit : value < threshold.limit;
}
