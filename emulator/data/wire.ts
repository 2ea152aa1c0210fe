// Graph wire shapes as the emulator writes them: the official types plus the `@odata.type` annotations.
import type { CallRecords } from "@microsoft/microsoft-graph-types";

export type Typed<T> = T & { "@odata.type"?: string };
export type WireEndpoint = Typed<CallRecords.ParticipantEndpoint | CallRecords.ServiceEndpoint>;
export type WireMediaStream = CallRecords.MediaStream;
export type WireMedia = CallRecords.Media;
export type WireSegment = Omit<CallRecords.Segment, "caller" | "callee"> & {
  caller?: WireEndpoint | null;
  callee?: WireEndpoint | null;
};
export type WireSession = Omit<CallRecords.Session, "caller" | "callee" | "segments"> & {
  caller?: WireEndpoint | null;
  callee?: WireEndpoint | null;
  segments?: WireSegment[] | null;
};
export type WireCallRecord = Omit<CallRecords.CallRecord, "sessions"> & {
  id: string;
  version: number;
  sessions: WireSession[];
};

/** Milliseconds as Graph writes a short duration: 16 → "PT0.016S". */
export function isoDuration(ms: number): string {
  const totalSeconds = Math.round(ms) / 1000;
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = +(totalSeconds - minutes * 60).toFixed(3);
  return minutes > 0 ? `PT${minutes}M${seconds}S` : `PT${seconds}S`;
}

export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}
