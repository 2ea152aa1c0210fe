import { endpointKey, endpointLabel, sideName } from "./describe";
import type { Device, Endpoint, Media, MediaKind, Network, Segment, Session, Stream } from "./model";
import type { ThresholdTable } from "./thresholds";
import { DEFAULT_THRESHOLDS } from "./thresholds";
import { streamVerdict, type StreamVerdict } from "./verdict";

/** One media stream with everything needed to judge it and say who it hurt. */
export interface StreamRow {
  sessionId: string;
  segmentId: string;
  mediaIndex: number;
  streamIndex: number;
  kind: MediaKind;
  label: string | null;
  stream: Stream;
  verdict: StreamVerdict;
  sender: Endpoint | null;
  receiver: Endpoint | null;
  senderKey: string;
  receiverKey: string;
  senderLabel: string;
  receiverLabel: string;
  senderNetwork: Network | null;
  receiverNetwork: Network | null;
  senderDevice: Device | null;
  receiverDevice: Device | null;
}

/**
 * How bad a poor stream is, for choosing the worst: its worst breach's severity (2 = twice the limit), audio
 * ranked above video — broken audio is what breaks a call. 0 for a stream that is not poor.
 */
export const streamSeverity = (row: StreamRow) =>
  (row.verdict.causes[0]?.severity ?? 0) * (row.kind === "audio" ? 1 : 0.7);

/** "from Priya Raman to Owen Franklin", "from the meeting to Owen Franklin": a stream named by who sent it to whom. */
export const rowDirection = (row: Pick<StreamRow, "sender" | "receiver">) =>
  `from ${sideName(row.sender)} to ${sideName(row.receiver)}`;

const roleOf = (endpoint: Endpoint | null, caller: boolean) =>
  endpoint?.kind === "service"
    ? sideName(endpoint) === "the meeting"
      ? "the meeting"
      : "a service"
    : caller
      ? "the caller"
      : "the callee";

/**
 * "from the caller to the callee", "from the meeting to a participant": the same direction without names, for
 * summaries judged once and shown to every role (a Reader's list must not carry a name the view would mask).
 */
export function rowRoleDirection(row: Pick<StreamRow, "sender" | "receiver" | "stream">): string {
  const forward = row.stream.direction === "callerToCallee";
  const meeting = row.sender?.kind === "service" || row.receiver?.kind === "service";
  const name = (endpoint: Endpoint | null, caller: boolean) =>
    endpoint?.kind !== "service" && meeting ? "a participant" : roleOf(endpoint, caller);
  return `from ${name(row.sender, forward)} to ${name(row.receiver, !forward)}`;
}

export function streamRowsOfSegment(
  sessionId: string,
  segment: Segment,
  table: ThresholdTable = DEFAULT_THRESHOLDS,
): StreamRow[] {
  return segment.media.flatMap((media: Media, mediaIndex) =>
    media.streams.map((stream, streamIndex) => {
      const forward = stream.direction === "callerToCallee";
      const sender = forward ? segment.caller : segment.callee;
      const receiver = forward ? segment.callee : segment.caller;
      return {
        sessionId,
        segmentId: segment.id,
        mediaIndex,
        streamIndex,
        kind: media.kind,
        label: media.label,
        stream,
        verdict: streamVerdict(stream, media.kind, table),
        sender,
        receiver,
        senderKey: endpointKey(sender),
        receiverKey: endpointKey(receiver),
        senderLabel: endpointLabel(sender),
        receiverLabel: endpointLabel(receiver),
        senderNetwork: forward ? media.callerNetwork : media.calleeNetwork,
        receiverNetwork: forward ? media.calleeNetwork : media.callerNetwork,
        senderDevice: forward ? media.callerDevice : media.calleeDevice,
        receiverDevice: forward ? media.calleeDevice : media.callerDevice,
      };
    }),
  );
}

export function streamRows(
  sessions: readonly Session[],
  table: ThresholdTable = DEFAULT_THRESHOLDS,
): StreamRow[] {
  return sessions.flatMap((session) =>
    session.segments.flatMap((segment) => streamRowsOfSegment(session.id, segment, table)),
  );
}
