import { MEDIA_LABELS } from "../describe";
import { rowDirection } from "../streams";
import { MAX_EVIDENCE, type FindingRule } from "./types";

/** Streams whose clients sent no network metrics: their quality is unknown, and the page says so. */
export const noTelemetryRule: FindingRule = {
  labels: { "no-telemetry": "No telemetry" },
  find({ rows }) {
    const silent = rows.filter(
      (row) => row.verdict.quality === "unclassified" && row.verdict.reason === "no network metrics reported",
    );
    if (silent.length === 0) return [];
    return [
      {
        id: "no-telemetry",
        kind: "no-telemetry",
        severity: 0.5,
        text: `${silent.length} stream${silent.length === 1 ? "" : "s"} had no network metrics: those clients sent no telemetry, so their quality is unknown.`,
        evidence: silent.slice(0, MAX_EVIDENCE).map((row) => ({
          sessionId: row.sessionId,
          segmentId: row.segmentId,
          detail: `${MEDIA_LABELS[row.kind]} ${rowDirection(row)}`,
        })),
      },
    ];
  },
};
