// A Reader's view for tests: every personal value masked, every person the same stand-in.
import { maskCall, maskParticipants, maskPhoneRows, maskSessions } from "@/lib/callrecords/mask";
import type { View } from "@/lib/callrecords/view";

const pseudonym = () => "Participant X";

export const MASKED_VIEW: View = {
  name: "masked",
  call: (call) => maskCall(call, pseudonym),
  sessions: (sessions) => maskSessions(sessions, pseudonym),
  participants: (people) => maskParticipants(people, pseudonym),
  phoneRows: (rows) => maskPhoneRows(rows, pseudonym),
};
