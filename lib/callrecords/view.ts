import type { CallSummary, Participant, Session } from "./model";
import type { PhoneLogRow } from "./phone-log";

/** A way of showing a call: "full", or with personal data masked for a role (see ./mask.ts). */
export interface View {
  name: string;
  call(call: CallSummary): CallSummary;
  sessions(sessions: Session[]): Session[];
  participants(participants: Participant[]): Participant[];
  phoneRows(rows: PhoneLogRow[]): PhoneLogRow[];
}

export const FULL_VIEW: View = {
  name: "full",
  call: (call) => call,
  sessions: (sessions) => sessions,
  participants: (participants) => participants,
  phoneRows: (rows) => rows,
};
