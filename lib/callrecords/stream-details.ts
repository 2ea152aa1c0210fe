import { formatClock } from "@/lib/format/dates";
import { DIRECTION_LABELS, directionWords } from "./describe";
import type { Endpoint, Media, Stream } from "./model";
import { formatCount, formatNumber } from "@/lib/format/numbers";

export interface StreamDetailRow {
  label: string;
  /** One value per stream, in the media's stream order; "—" where that stream did not report it. */
  values: string[];
}

type Read = (stream: Stream) => number | string | boolean | null;

interface Spec {
  label: string;
  read: Read;
  /** A second value shown after a slash, e.g. the maximum next to the average. */
  second?: Read;
  format?: (value: number | string | boolean) => string;
}

/** Milliseconds as measured; a minute or more in hours, minutes and seconds ("1 h 2 min 3.5 s", not "3,723,456 ms"). */
const ms = (value: number | string | boolean) => {
  const total = Number(value);
  if (Math.abs(total) < 60_000) return `${formatNumber(total, 1)} ms`;
  const h = Math.floor(total / 3_600_000);
  const m = Math.floor((total % 3_600_000) / 60_000);
  const s = (total % 60_000) / 1000;
  return [h > 0 ? `${h} h` : "", m > 0 || h > 0 ? `${m} min` : "", `${formatNumber(s, 1)} s`]
    .filter(Boolean)
    .join(" ");
};
const pct = (value: number | string | boolean) => `${formatNumber(Number(value) * 100, 2)}%`;
const yesNo = (value: number | string | boolean) => (value ? "yes" : "no");
const bits = (value: number | string | boolean) => `${formatNumber(Number(value) / 1e6, 2)} Mbit/s`;

const SPECS: Spec[] = [
  { label: "Codec", read: (s) => s.audioCodec ?? s.videoCodec },
  { label: "Jitter (avg / max)", read: (s) => s.averageJitterMs, second: (s) => s.maxJitterMs, format: ms },
  {
    label: "Network jitter (avg / max)",
    read: (s) => s.averageAudioNetworkJitterMs,
    second: (s) => s.maxAudioNetworkJitterMs,
    format: ms,
  },
  {
    label: "Packet loss (avg / max)",
    read: (s) => s.averagePacketLossRate,
    second: (s) => s.maxPacketLossRate,
    format: pct,
  },
  {
    label: "Round trip (avg / max)",
    read: (s) => s.averageRoundTripTimeMs,
    second: (s) => s.maxRoundTripTimeMs,
    format: ms,
  },
  {
    label: "Concealed samples (avg / max)",
    read: (s) => s.averageRatioOfConcealedSamples,
    second: (s) => s.maxRatioOfConcealedSamples,
    format: pct,
  },
  {
    label: "Network MOS degradation",
    read: (s) => s.averageAudioDegradation,
    format: (v) => Number(v).toFixed(2),
  },
  { label: "Bandwidth estimate", read: (s) => s.averageBandwidthEstimate, format: bits },
  { label: "Packets", read: (s) => s.packetUtilization, format: (v) => formatCount(Number(v)) },
  { label: "Forward error correction used", read: (s) => s.isAudioForwardErrorCorrectionUsed, format: yesNo },
  { label: "Media bypass (direct to the SBC)", read: (s) => s.wasMediaBypassed, format: yesNo },
  // Graph: averageVideoFrameRate is the average frames per second *received* for all video streams over the
  // session; averageReceivedFrameRate, for this stream. Neither is what was sent.
  {
    label: "Frame rate received (all video streams)",
    read: (s) => s.averageVideoFrameRate,
    format: (v) => `${v} fps`,
  },
  {
    label: "Frame rate received (this stream)",
    read: (s) => s.averageReceivedFrameRate,
    format: (v) => `${v} fps`,
  },
  { label: "Frame loss", read: (s) => s.averageVideoFrameLossPercentage, format: (v) => `${v}%` },
  { label: "Video packet loss", read: (s) => s.averageVideoPacketLossRate, format: pct },
  { label: "Packet loss after FEC", read: (s) => s.postForwardErrorCorrectionPacketLossRate, format: pct },
  { label: "Low frame rate (share of time)", read: (s) => s.lowFrameRateRatio, format: pct },
  {
    label: "Low processing capability (share of time)",
    read: (s) => s.lowVideoProcessingCapabilityRatio,
    format: pct,
  },
  {
    label: "Freeze duration (avg / RMS)",
    read: (s) => s.averageFreezeDurationMs,
    second: (s) => s.rmsFreezeDurationMs,
    format: ms,
  },
  { label: "Stream ID", read: (s) => s.streamId },
  {
    label: "Time (UTC)",
    read: (s) =>
      s.startDateTime
        ? `${formatClock(s.startDateTime)}–${s.endDateTime ? formatClock(s.endDateTime) : "?"}`
        : null,
  },
];

/** Every metric any stream of a media reported, one row each, one column per stream. */
/** Each stream's metrics; columns named by who sent to whom when the segment's two ends are known. */
export function streamDetails(
  media: Media,
  ends?: { caller: Endpoint | null; callee: Endpoint | null },
): { columns: string[]; rows: StreamDetailRow[] } {
  const columns = media.streams.map((stream) =>
    ends ? directionWords(stream.direction, ends) : DIRECTION_LABELS[stream.direction],
  );
  const rows = SPECS.flatMap((spec) => {
    const show = (value: number | string | boolean | null) =>
      value === null ? "—" : spec.format ? spec.format(value) : String(value);
    const values = media.streams.map((stream) => {
      const first = spec.read(stream);
      const second = spec.second?.(stream) ?? null;
      if (first === null && second === null) return null;
      return spec.second ? `${show(first)} / ${show(second)}` : show(first);
    });
    return values.every((value) => value === null)
      ? []
      : [{ label: spec.label, values: values.map((value) => value ?? "—") }];
  });
  return { columns, rows };
}
