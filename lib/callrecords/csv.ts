import { csvCell as cell } from "@/lib/format/csv";
import type { StreamRow } from "./streams";

const COLUMNS: [string, (row: StreamRow) => string | number | boolean | null][] = [
  ["sessionId", (r) => r.sessionId],
  ["segmentId", (r) => r.segmentId],
  ["media", (r) => r.kind],
  ["label", (r) => r.label],
  ["direction", (r) => r.stream.direction],
  ["sender", (r) => r.senderLabel],
  ["receiver", (r) => r.receiverLabel],
  ["verdict", (r) => r.verdict.quality],
  ["poorBecause", (r) => r.verdict.causes.map((c) => c.text).join("; ") || null],
  ["averageJitterMs", (r) => r.stream.averageJitterMs],
  ["maxJitterMs", (r) => r.stream.maxJitterMs],
  ["averagePacketLossRate", (r) => r.stream.averagePacketLossRate],
  ["maxPacketLossRate", (r) => r.stream.maxPacketLossRate],
  ["averageRoundTripTimeMs", (r) => r.stream.averageRoundTripTimeMs],
  ["maxRoundTripTimeMs", (r) => r.stream.maxRoundTripTimeMs],
  ["averageRatioOfConcealedSamples", (r) => r.stream.averageRatioOfConcealedSamples],
  ["maxRatioOfConcealedSamples", (r) => r.stream.maxRatioOfConcealedSamples],
  ["averageAudioDegradation", (r) => r.stream.averageAudioDegradation],
  ["packetUtilization", (r) => r.stream.packetUtilization],
  ["averageVideoFrameRate", (r) => r.stream.averageVideoFrameRate],
  ["averageVideoFrameLossPercentage", (r) => r.stream.averageVideoFrameLossPercentage],
  ["postForwardErrorCorrectionPacketLossRate", (r) => r.stream.postForwardErrorCorrectionPacketLossRate],
  ["averageFreezeDurationMs", (r) => r.stream.averageFreezeDurationMs],
];

/** One row per stream: session, segment, direction, metrics in ms and fractions, verdict. Empty cell = not reported. */
export function streamsCsv(rows: readonly StreamRow[]): string {
  const lines = [COLUMNS.map(([name]) => name).join(",")];
  for (const row of rows) lines.push(COLUMNS.map(([, read]) => cell(read(row))).join(","));
  return `${lines.join("\r\n")}\r\n`;
}
