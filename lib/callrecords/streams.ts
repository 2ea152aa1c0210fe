import { endpointKey, endpointLabel } from "./describe";
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
