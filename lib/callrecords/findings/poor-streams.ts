import { MEDIA_LABELS, describeNetwork, isolate } from "../describe";
import { rowDirection, streamSeverity, type StreamRow } from "../streams";
import { formatAgainstLimit } from "../thresholds";
import { MAX_EVIDENCE, type FindingRule } from "./types";

const times = (severity: number) =>
  severity >= 1.95 ? `${severity.toFixed(1).replace(/\.0$/, "")}× the` : "over the";

/**
 * One finding per participant, built on their worst poor stream. A poor stream sent by a service
 * (conferencing server, gateway) is nearly always the receiver's own network: it is theirs.
 */
export const poorStreamsRule: FindingRule = {
  labels: { "poor-sender": "Poor streams sent", "poor-receiver": "Poor streams received" },
  find({ rows }) {
    const multiParty = new Set(rows.map((row) => row.senderKey)).size > 2;
    const byPerson = new Map<string, StreamRow[]>();
    for (const row of rows) {
      if (row.verdict.quality !== "poor") continue;
      const key = row.sender?.kind === "service" ? `received:${row.receiverKey}` : row.senderKey;
      byPerson.set(key, [...(byPerson.get(key) ?? []), row]);
    }
    return [...byPerson].flatMap(([key, poorRows]) => {
      const worst = [...poorRows].sort((a, b) => streamSeverity(b) - streamSeverity(a))[0];
      const cause = worst?.verdict.causes[0];
      if (!worst || !cause) return [];
      const received = worst.sender?.kind === "service";
      const person = isolate(received ? worst.receiverLabel : worst.senderLabel);
      const personIsCaller = (worst.stream.direction === "callerToCallee") !== received;
      const who = multiParty || received ? person : `${personIsCaller ? "Caller" : "Callee"} (${person})`;
      const where = ` on ${describeNetwork(received ? worst.receiverNetwork : worst.senderNetwork)}`;
      const what = received
        ? ` received poor ${MEDIA_LABELS[worst.kind]} from the ${isolate(worst.senderLabel)}`
        : "";
      const [value, limit] = formatAgainstLimit(cause.value, cause.threshold.limit, cause.threshold.unit);
      const more = poorRows.length > 1 ? ` (${poorRows.length} poor streams in all)` : "";
      return [
        {
          id: `poor:${key}`,
          kind: received ? "poor-receiver" : "poor-sender",
          severity: streamSeverity(worst) * (1 + Math.log10(poorRows.length)),
          text: `${who}${where}${what}: ${cause.threshold.label} ${value} on ${MEDIA_LABELS[worst.kind]} ${rowDirection(worst)}, ${times(cause.severity)} ${limit} threshold${more}.`,
          evidence: poorRows.slice(0, MAX_EVIDENCE).map((row) => ({
            sessionId: row.sessionId,
            segmentId: row.segmentId,
            detail: `${MEDIA_LABELS[row.kind]} ${rowDirection(row)}: ${row.verdict.causes.map((c) => c.text).join("; ")}`,
          })),
        },
      ];
    });
  },
};
