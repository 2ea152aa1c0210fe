import type { MediaKind, Stream } from "./model";
import {
  DEFAULT_THRESHOLDS,
  formatAgainstLimit,
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
  const [shown, limit] = formatAgainstLimit(value, threshold.limit, threshold.unit);
  return { threshold, value, severity, text: `${threshold.label} ${shown} ${symbol} ${limit}` };
}

const valueOf = (stream: Stream, threshold: Threshold) => stream[threshold.metric];

/** What Graph sent for a threshold's metric when it could not be read ("NaN"), else null. */
function unreadableOf(stream: Stream, threshold: Threshold): string | null {
  const field = threshold.metric.replace(/Ms$/, "");
  return stream.unreadable?.find((value) => value.field === field)?.sent ?? null;
}

const unreadableWords = (threshold: Threshold, sent: string) =>
  `${threshold.label} could not be read (Graph sent ${sent})`;

export function audioVerdict(stream: Stream, table: ThresholdTable = DEFAULT_THRESHOLDS): StreamVerdict {
  const secondary = table.audio
    .filter((t) => t.secondary)
    .flatMap((t) => {
      const value = valueOf(stream, t);
      return value !== null && isBeyond(value, t) ? [breach(t, value)] : [];
    });
  const packets = stream.packetUtilization;
  if (packets === null || packets <= table.audioMinPackets) {
    const sentPackets = stream.unreadable?.find((value) => value.field === "packetUtilization")?.sent;
    return {
      quality: "unclassified",
      causes: [],
      secondary,
      reason: sentPackets
        ? `the packet count could not be read (Graph sent ${sentPackets})`
        : packets === null
          ? "no packet count reported"
          : `only ${packets} packets (needs more than ${table.audioMinPackets})`,
    };
  }
  const primary = table.audio.filter((t) => !t.secondary);
  const measured = primary.filter((t) => valueOf(stream, t) !== null);
  const causes = measured
    .flatMap((t) => {
      const value = valueOf(stream, t) as number;
      return isBeyond(value, t) ? [breach(t, value)] : [];
    })
    .sort((a, b) => b.severity - a.severity);
  if (causes.length > 0) return { quality: "poor", causes, secondary, reason: null };
  // Any one metric over its limit makes audio poor, so one that could not be read leaves "good" unproven.
  const unread = primary.flatMap((t) => {
    const sent = unreadableOf(stream, t);
    return sent ? [unreadableWords(t, sent)] : [];
  });
  if (unread.length > 0)
    return {
      quality: "unclassified",
      causes: [],
      secondary,
      reason: `${unread.join("; ")}; the rest is within the limits`,
    };
  if (measured.length === 0)
    return { quality: "unclassified", causes: [], secondary, reason: "no network metrics reported" };
  return { quality: "good", causes, secondary, reason: null };
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
    // Graph sent this metric, so it is the one that decides: unreadable, it leaves the stream unjudged.
    const sent = value === null ? unreadableOf(stream, threshold) : null;
    if (sent)
      return { quality: "unclassified", causes: [], secondary: [], reason: unreadableWords(threshold, sent) };
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
