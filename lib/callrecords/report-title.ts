// A report's default title, from the call: what it was, when, and who — the organizer of a meeting, the two
// people of a 1:1 — and the same without names, for a redacted report.
import { formatDateTime } from "@/lib/format/dates";
import { CALL_TYPE_LABELS, identityLabel, lookup } from "./describe";
import type { CallSummary, Session } from "./model";
import { peopleFromSessions } from "./participants";

export function reportTitles(
  call: CallSummary,
  sessions: readonly Session[],
): { named: string; anonymous: string } {
  const what = lookup(CALL_TYPE_LABELS, call.type ?? "unknown") ?? "Call";
  const when = formatDateTime(call.startDateTime, false);
  const anonymous = `${what}, ${when}`;
  const people = peopleFromSessions(sessions)
    .map((person) => identityLabel(person.identity))
    .filter((name): name is string => Boolean(name));
  const who =
    call.type === "peerToPeer" && people.length === 2
      ? `${people[0]} and ${people[1]}`
      : identityLabel(call.organizer)
        ? `organized by ${identityLabel(call.organizer)}`
        : null;
  return { named: who ? `${anonymous}, ${who}` : anonymous, anonymous };
}
