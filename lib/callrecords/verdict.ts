import type { MediaKind, Stream } from "./model";
import {
  DEFAULT_THRESHOLDS,
  formatMetric,
  isBeyond,
  type Threshold,
  type ThresholdTable,
} from "./thresholds";

export type Quality = "good" | "poor" | "unclassified";

export interface Breach {
  threshold: Threshold;
  value: number;
  /** e.g. "jitter 42 ms > 30 ms" */
  text: string;
  /** How far past the limit: 2 means twice the limit (or half of it, for "below" limits). */
  severity: number;
}

export interface StreamVerdict {
  quality: Quality;
  /** What made it poor, worst first; empty unless poor. */
  causes: Breach[];
  /** Secondary indicators past their limit, whatever the verdict. */
  secondary: Breach[];
  /** Why a stream could not be classified. */
  reason: string | null;
}

function breach(threshold: Threshold, value: number): Breach {
  const symbol = threshold.compare === "gt" ? ">" : "<";
  const severity =
    threshold.compare === "gt" ? value / threshold.limit : threshold.limit / Math.max(value, 0.001);
  return {
    threshold,
    value,
    severity,
    text: `${threshold.label} ${formatMetric(value, threshold.unit)} ${symbol} ${formatMetric(threshold.limit, threshold.unit)}`,
  };
}

const valueOf = (stream: Stream, threshold: Threshold) => stream[threshold.metric];

export function audioVerdict(stream: Stream, table: ThresholdTable = DEFAULT_THRESHOLDS): StreamVerdict {
  const secondary = table.audio
    .filter((t) => t.secondary)
    .flatMap((t) => {
      const value = valueOf(stream, t);
      return value !== null && isBeyond(value, t) ? [breach(t, value)] : [];
    });
  const packets = stream.packetUtilization;
  if (packets === null || packets <= table.audioMinPackets) {
    return {
      quality: "unclassified",
      causes: [],
      secondary,
      reason:
        packets === null
          ? "no packet count reported"
          : `only ${packets} packets (needs more than ${table.audioMinPackets})`,
    };
  }
  const primary = table.audio.filter((t) => !t.secondary);
  const measured = primary.filter((t) => valueOf(stream, t) !== null);
  if (measured.length === 0)
    return { quality: "unclassified", causes: [], secondary, reason: "no network metrics reported" };
  const causes = measured
    .flatMap((t) => {
      const value = valueOf(stream, t) as number;
      return isBeyond(value, t) ? [breach(t, value)] : [];
    })
    .sort((a, b) => b.severity - a.severity);
  return { quality: causes.length > 0 ? "poor" : "good", causes, secondary, reason: null };
}

/** CQD video rule: the first metric that is available decides the verdict. */
export function videoVerdict(
  stream: Stream,
  kind: "video" | "screenSharing",
  table: ThresholdTable = DEFAULT_THRESHOLDS,
): StreamVerdict {
  const rules = kind === "video" ? table.video : table.screenSharing;
  for (const threshold of rules) {
    const value = valueOf(stream, threshold);
    if (value === null) continue;
    if (isBeyond(value, threshold))
      return { quality: "poor", causes: [breach(threshold, value)], secondary: [], reason: null };
    return { quality: "good", causes: [], secondary: [], reason: null };
  }
  return { quality: "unclassified", causes: [], secondary: [], reason: "no video metrics reported" };
}

export function streamVerdict(
  stream: Stream,
  kind: MediaKind,
  table: ThresholdTable = DEFAULT_THRESHOLDS,
): StreamVerdict {
  if (kind === "audio") return audioVerdict(stream, table);
  if (kind === "video" || kind === "screenSharing") return videoVerdict(stream, kind, table);
  return { quality: "unclassified", causes: [], secondary: [], reason: `${kind} streams are not classified` };
}

/** Poor beats good beats unclassified. */
export function worstQuality(qualities: Iterable<Quality>): Quality {
  let result: Quality = "unclassified";
  for (const quality of qualities) {
    if (quality === "poor") return "poor";
    if (quality === "good") result = "good";
  }
  return result;
}
