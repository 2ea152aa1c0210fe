import {
  DIRECTION_LABELS,
  MEDIA_LABELS,
  describeNetwork,
  endpointKey,
  endpointLabel,
  isolate,
} from "./describe";
import type { Part } from "./attribution";
import {
  describeFailureGroup,
  failureGroups,
  failureOf,
  failureSummary,
  sessionQualityWord,
} from "./failures";
import { withMeetingService } from "./meeting-service";
import type { Device, Endpoint, Session, StreamDirection } from "./model";
import type { CallStory } from "./story";
import { streamRows, streamSeverity, type StreamRow } from "./streams";
import { DEFAULT_THRESHOLDS, formatMetric, type ThresholdTable } from "./thresholds";
import { worstQuality, type Breach, type Quality } from "./verdict";

export interface CallVerdict {
  quality: Quality;
  streams: { total: number; good: number; poor: number; unclassified: number };
  poorShare: number;
  /** The single worst breach across the call, with the stream it came from. */
  worst: { breach: Breach; row: StreamRow } | null;
  /** Which direction carried most poor streams. */
  side: StreamDirection | "both" | null;
  /** Failed sessions beside the quality ("1 of 2 sessions failed at call setup; the retry was good"); null when none failed. */
  failures: { failed: number; text: string } | null;
}

export function callVerdict(rows: readonly StreamRow[], sessions: readonly Session[] = []): CallVerdict {
  const counts = { total: rows.length, good: 0, poor: 0, unclassified: 0 };
  const byDirection: Record<StreamDirection, number> = { callerToCallee: 0, calleeToCaller: 0 };
  let worst: CallVerdict["worst"] = null;
  for (const row of rows) {
    counts[row.verdict.quality] += 1;
    if (row.verdict.quality !== "poor") continue;
    byDirection[row.stream.direction] += 1;
    const top = row.verdict.causes[0];
    if (top && (!worst || streamSeverity(row) > streamSeverity(worst.row))) worst = { breach: top, row };
  }
  const classified = counts.good + counts.poor;
  const side =
    counts.poor === 0
      ? null
      : byDirection.callerToCallee === byDirection.calleeToCaller
        ? "both"
        : byDirection.callerToCallee > byDirection.calleeToCaller
          ? "callerToCallee"
          : "calleeToCaller";
  return {
    quality: counts.poor > 0 ? "poor" : counts.good > 0 ? "good" : "unclassified",
    streams: counts,
    poorShare: classified === 0 ? 0 : counts.poor / classified,
    worst,
    side,
    failures: failuresOf(sessions),
  };
}

function failuresOf(sessions: readonly Session[]): CallVerdict["failures"] {
  const groups = failureGroups(sessions);
  const text = failureSummary(groups, sessions.length);
  if (!text) return null;
  return { failed: groups.reduce((sum, group) => sum + group.sessions.length, 0), text };
}

function deviceFailures(device: Device | null, table: ThresholdTable): string[] {
  if (!device) return [];
  const out: string[] = [];
  if ((device.captureNotFunctioningEventRatio ?? 0) >= table.deviceNotFunctioningRatio)
    out.push(
      `microphone not working ${formatMetric(device.captureNotFunctioningEventRatio ?? 0, "ratio")} of the time`,
    );
  if ((device.renderNotFunctioningEventRatio ?? 0) >= table.deviceNotFunctioningRatio)
    out.push(
      `speaker not working ${formatMetric(device.renderNotFunctioningEventRatio ?? 0, "ratio")} of the time`,
    );
  return out;
}

export interface SessionSummary {
  session: Session;
  quality: Quality;
  /** e.g. "jitter 61 ms > 30 ms" — the worst reason, when poor. */
  poorBecause: string | null;
  deviceProblems: string[];
  failed: boolean;
  hasFeedback: boolean;
  startMs: number;
  endMs: number;
  rows: StreamRow[];
}

/** One session judged; in a group call, identity-less endpoints are the meeting's service (meeting-service.ts). */
export function summarizeSession(
  original: Session,
  table: ThresholdTable = DEFAULT_THRESHOLDS,
  callType: string | null = null,
): SessionSummary {
  const session = withMeetingService(original, callType);
  const rows = streamRows([session], table);
  const deviceProblems = session.segments.flatMap((segment) =>
    segment.media.flatMap((media) => [
      ...deviceFailures(media.callerDevice, table),
      ...deviceFailures(media.calleeDevice, table),
    ]),
  );
  const streamQuality = worstQuality(rows.map((row) => row.verdict.quality));
  const worstRow = rows
    .filter((row) => row.verdict.causes.length > 0)
    .sort((a, b) => streamSeverity(b) - streamSeverity(a))[0];
  const worst = worstRow?.verdict.causes[0];
  return {
    session,
    quality: deviceProblems.length > 0 ? "poor" : streamQuality,
    poorBecause: worst?.text ?? deviceProblems[0] ?? null,
    deviceProblems: [...new Set(deviceProblems)],
    failed: failureOf(session) !== null,
    hasFeedback: Boolean(session.caller?.feedback || session.callee?.feedback),
    startMs: Date.parse(session.startDateTime),
    endMs: Date.parse(session.endDateTime),
    rows,
  };
}

export interface ParticipantImpact {
  key: string;
  label: string;
  endpoint: Endpoint | null;
  sent: number;
  sentPoor: number;
  received: number;
  receivedPoor: number;
  /** Their part, from the call's one attribution (story.ts). */
  part: Part;
  /** Sends streams that arrive poor, and the attribution agrees it is their side. */
  impacting: boolean;
  /** Receives poor streams they did not cause. */
  impacted: boolean;
  networks: string[];
}

/** Who hurt the call and who was hurt by it, as the call's attribution reads it. Services are not people. */
export function participantImpact(
  rows: readonly StreamRow[],
  parts: ReadonlyMap<string, Part>,
): ParticipantImpact[] {
  const people = new Map<string, ParticipantImpact>();
  const entry = (key: string, endpoint: Endpoint | null) => {
    let found = people.get(key);
    if (!found) {
      found = {
        key,
        label: endpointLabel(endpoint),
        endpoint,
        sent: 0,
        sentPoor: 0,
        received: 0,
        receivedPoor: 0,
        part: "fine",
        impacting: false,
        impacted: false,
        networks: [],
      };
      people.set(key, found);
    }
    return found;
  };
  for (const row of rows) {
    if (row.sender?.kind !== "service") {
      const sender = entry(row.senderKey, row.sender);
      sender.sent += 1;
      if (row.verdict.quality === "poor") sender.sentPoor += 1;
      const network = describeNetwork(row.senderNetwork);
      if (row.senderNetwork && !sender.networks.includes(network)) sender.networks.push(network);
    }
    if (row.receiver?.kind !== "service") {
      const receiver = entry(row.receiverKey, row.receiver);
      receiver.received += 1;
      if (row.verdict.quality === "poor") receiver.receivedPoor += 1;
    }
  }
  const list = [...people.values()];
  for (const person of list) {
    person.part = parts.get(person.key) ?? "fine";
    person.impacting = person.part === "impacting" || person.part === "both";
    person.impacted = person.part === "impacted" || person.part === "both";
  }
  return list.sort(
    (a, b) => b.sentPoor - a.sentPoor || b.receivedPoor - a.receivedPoor || a.label.localeCompare(b.label),
  );
}

export interface Evidence {
  sessionId: string;
  segmentId?: string;
  detail: string;
}

export interface Finding {
  id: string;
  kind: "cause" | "poor-sender" | "poor-receiver" | "device" | "failure" | "feedback" | "no-telemetry";
  severity: number;
  text: string;
  evidence: Evidence[];
}

export const FINDING_KIND_LABELS: Record<Finding["kind"], string> = {
  cause: "Likely cause",
  "poor-sender": "Poor streams sent",
  "poor-receiver": "Poor streams received",
  device: "Device",
  failure: "Failure",
  feedback: "Feedback",
  "no-telemetry": "No telemetry",
};

const times = (severity: number) =>
  severity >= 1.95 ? `${severity.toFixed(1).replace(/\.0$/, "")}× the` : "over the";

/** The cause findings: the story's own sentences, first in the list (the headline is the first of them). */
function causeFindings(story: CallStory): Finding[] {
  const lines = story.meeting?.lines ?? [];
  if (lines.length > 0)
    return lines.map((line, index) => ({
      id: `cause:${line.id}`,
      kind: "cause",
      severity: 100 - index,
      text: line.text,
      evidence: line.sessionIds.slice(0, 20).map((sessionId) => ({ sessionId, detail: line.column })),
    }));
  if (story.pair?.responsible.status === "none" || story.meeting?.anyPoor === false) return [];
  return [{ id: "cause:call", kind: "cause", severity: 100, text: story.headline, evidence: [] }];
}

/** The top findings, in plain language, each with the streams or sessions it rests on. */
export function findings(
  sessions: readonly Session[],
  rows: readonly StreamRow[],
  story: CallStory,
  table: ThresholdTable = DEFAULT_THRESHOLDS,
): Finding[] {
  const out: Finding[] = causeFindings(story);
  const multiParty = new Set(rows.map((row) => row.senderKey)).size > 2;

  // One finding per participant, built on their worst poor stream. A poor stream sent by a service
  // (conferencing server, gateway) is nearly always the receiver's own network: it is theirs.
  const bySender = new Map<string, StreamRow[]>();
  for (const row of rows) {
    if (row.verdict.quality !== "poor") continue;
    const key = row.sender?.kind === "service" ? `received:${row.receiverKey}` : row.senderKey;
    const list = bySender.get(key) ?? [];
    list.push(row);
    bySender.set(key, list);
  }
  for (const [key, poorRows] of bySender) {
    const worst = [...poorRows].sort((a, b) => streamSeverity(b) - streamSeverity(a))[0];
    const cause = worst?.verdict.causes[0];
    if (!worst || !cause) continue;
    const received = worst.sender?.kind === "service";
    const person = isolate(received ? worst.receiverLabel : worst.senderLabel);
    const personIsCaller = (worst.stream.direction === "callerToCallee") !== received;
    const who = multiParty || received ? person : `${personIsCaller ? "Caller" : "Callee"} (${person})`;
    const where = ` on ${describeNetwork(received ? worst.receiverNetwork : worst.senderNetwork)}`;
    const what = received
      ? ` received poor ${MEDIA_LABELS[worst.kind]} from the ${isolate(worst.senderLabel)}`
      : "";
    const limit = formatMetric(cause.threshold.limit, cause.threshold.unit);
    const value = formatMetric(cause.value, cause.threshold.unit);
    const more = poorRows.length > 1 ? ` (${poorRows.length} poor streams in all)` : "";
    out.push({
      id: `poor:${key}`,
      kind: received ? "poor-receiver" : "poor-sender",
      severity: streamSeverity(worst) * (1 + Math.log10(poorRows.length)),
      text: `${who}${where}${what}: ${cause.threshold.label} ${value} on ${DIRECTION_LABELS[worst.stream.direction]} ${MEDIA_LABELS[worst.kind]}, ${times(cause.severity)} ${limit} threshold${more}.`,
      evidence: poorRows.slice(0, 20).map((row) => ({
        sessionId: row.sessionId,
        segmentId: row.segmentId,
        detail: `${MEDIA_LABELS[row.kind]} ${DIRECTION_LABELS[row.stream.direction]}: ${row.verdict.causes.map((c) => c.text).join("; ")}`,
      })),
    });
  }

  for (const group of failureGroups(sessions)) {
    const first = group.sessions[0];
    if (!first) continue;
    out.push({
      id: `failure:${first.id}`,
      kind: "failure",
      severity: 3 + Math.log10(group.sessions.length),
      text: describeFailureGroup(group),
      evidence: [...group.sessions, ...(group.retry ? [group.retry] : [])].slice(0, 20).map((session) => ({
        sessionId: session.id,
        detail:
          session === group.retry
            ? `retry: ${sessionQualityWord(session)}`
            : `${group.stage ?? "unknown stage"}: ${group.reason ?? "no reason"}`,
      })),
    });
  }

  for (const session of sessions) {
    for (const segment of session.segments) {
      for (const media of segment.media) {
        for (const [side, device, endpoint] of [
          ["caller", media.callerDevice, segment.caller],
          ["callee", media.calleeDevice, segment.callee],
        ] as const) {
          for (const problem of deviceFailures(device, table)) {
            out.push({
              id: `device:${session.id}:${segment.id}:${side}:${problem}`,
              kind: "device",
              severity: 2.5,
              text: `${isolate(endpointLabel(endpoint))}: ${problem} (${side} side).`,
              evidence: [{ sessionId: session.id, segmentId: segment.id, detail: problem }],
            });
          }
        }
      }
    }
    for (const endpoint of [session.caller, session.callee]) {
      const feedback = endpoint?.feedback;
      if (!feedback || !["bad", "poor"].includes(feedback.rating)) continue;
      const flagged = Object.entries(feedback.tokens)
        .filter(([, on]) => on)
        .map(([name]) => name);
      out.push({
        id: `feedback:${session.id}:${endpointKey(endpoint)}`,
        kind: "feedback",
        severity: feedback.rating === "bad" ? 2.2 : 1.8,
        text: `${isolate(endpointLabel(endpoint))} rated the call ${isolate(feedback.rating)}${flagged.length ? `, reporting ${flagged.map(isolate).join(", ")}` : ""}${feedback.text ? `: “${isolate(feedback.text)}”` : "."}`,
        evidence: [{ sessionId: session.id, detail: `rating ${feedback.rating}` }],
      });
    }
  }

  const silent = rows.filter(
    (row) => row.verdict.quality === "unclassified" && row.verdict.reason === "no network metrics reported",
  );
  if (silent.length > 0) {
    out.push({
      id: "no-telemetry",
      kind: "no-telemetry",
      severity: 0.5,
      text: `${silent.length} stream${silent.length === 1 ? "" : "s"} had no network metrics: those clients sent no telemetry, so their quality is unknown.`,
      evidence: silent.slice(0, 20).map((row) => ({
        sessionId: row.sessionId,
        segmentId: row.segmentId,
        detail: `${MEDIA_LABELS[row.kind]} ${DIRECTION_LABELS[row.stream.direction]}`,
      })),
    });
  }
  return out.sort((a, b) => b.severity - a.severity);
}
