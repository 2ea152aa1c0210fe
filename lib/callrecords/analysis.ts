import { compareText } from "@/lib/format/text-order";
import { describeNetwork, endpointLabel } from "./describe";
import type { Part } from "./attribution";
import { failureGroups, failureOf, failureSummary } from "./failures";
import { deviceFailures } from "./findings/devices";
import { withMeetingService } from "./meeting-service";
import type { Endpoint, Session } from "./model";
import { streamRows, streamSeverity, type StreamRow } from "./streams";
import { DEFAULT_THRESHOLDS, type ThresholdTable } from "./thresholds";
import { worstQuality, type Breach, type Quality } from "./verdict";

export interface CallVerdict {
  quality: Quality;
  streams: { total: number; good: number; poor: number; unclassified: number };
  poorShare: number;
  /** The single worst breach across the call, with the stream it came from. */
  worst: { breach: Breach; row: StreamRow } | null;
  /** Failed sessions beside the quality ("1 of 2 sessions failed at call setup; the retry was good"); null when none failed. */
  failures: { failed: number; text: string } | null;
}

export function callVerdict(rows: readonly StreamRow[], sessions: readonly Session[] = []): CallVerdict {
  const counts = { total: rows.length, good: 0, poor: 0, unclassified: 0 };
  let worst: CallVerdict["worst"] = null;
  for (const row of rows) {
    counts[row.verdict.quality] += 1;
    if (row.verdict.quality !== "poor") continue;
    const top = row.verdict.causes[0];
    if (top && (!worst || streamSeverity(row) > streamSeverity(worst.row))) worst = { breach: top, row };
  }
  const classified = counts.good + counts.poor;
  return {
    quality: counts.poor > 0 ? "poor" : counts.good > 0 ? "good" : "unclassified",
    streams: counts,
    poorShare: classified === 0 ? 0 : counts.poor / classified,
    worst,
    failures: failuresOf(sessions),
  };
}

function failuresOf(sessions: readonly Session[]): CallVerdict["failures"] {
  const groups = failureGroups(sessions);
  const text = failureSummary(groups, sessions.length);
  if (!text) return null;
  return { failed: groups.reduce((sum, group) => sum + group.sessions.length, 0), text };
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
    (a, b) => b.sentPoor - a.sentPoor || b.receivedPoor - a.receivedPoor || compareText(a.label, b.label),
  );
}
