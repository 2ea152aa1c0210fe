import { MEDIA_LABELS } from "../describe";
import type { Stream } from "../model";
import { rowDirection } from "../streams";
import { MAX_EVIDENCE, type FindingRule } from "./types";

const MAXIMUMS = [
  "maxJitterMs",
  "maxPacketLossRate",
  "maxRoundTripTimeMs",
  "maxRatioOfConcealedSamples",
  "maxAudioNetworkJitterMs",
] as const satisfies readonly (keyof Stream)[];

/** A stream that reported its maximums but not the averages CQD judges by: telemetry arrived, only partly. */
const onlyMaximums = (stream: Stream) => MAXIMUMS.some((field) => stream[field] !== null);

/**
 * Streams without the averages a verdict needs: their quality is unknown, and the page says why — no network
 * metrics at all, or only maximum values (which are telemetry too, so never "sent no telemetry").
 */
export const noTelemetryRule: FindingRule = {
  labels: { "no-telemetry": "No telemetry" },
  find({ rows }) {
    const unjudged = rows.filter(
      (row) => row.verdict.quality === "unclassified" && row.verdict.reason === "no network metrics reported",
    );
    if (unjudged.length === 0) return [];
    const partial = unjudged.filter((row) => onlyMaximums(row.stream)).length;
    const silent = unjudged.length - partial;
    const streams = (n: number) => `${n} stream${n === 1 ? "" : "s"}`;
    const parts = [
      silent > 0
        ? `${streams(silent)} had no network metrics: those clients sent no telemetry, so their quality is unknown`
        : null,
      partial > 0
        ? `${streams(partial)} reported only maximum values, not the averages a verdict is made from, so their quality is unknown`
        : null,
    ].filter(Boolean);
    return [
      {
        id: "no-telemetry",
        kind: "no-telemetry",
        severity: 0.5,
        text: `${parts.join("; ")}.`,
        evidence: unjudged.slice(0, MAX_EVIDENCE).map((row) => ({
          sessionId: row.sessionId,
          segmentId: row.segmentId,
          detail: `${MEDIA_LABELS[row.kind]} ${rowDirection(row)}${onlyMaximums(row.stream) ? ": maximums only" : ""}`,
        })),
      },
    ];
  },
};
