import type { CallSummary, Participant, Session } from "@/lib/callrecords/model";
import { peopleFromSessions } from "@/lib/callrecords/participants";
import { setImmediate as nextTurn } from "node:timers/promises";
import { runStepsBetween } from "@/lib/callrecords/analyze";
import { verdictSummarySteps } from "@/lib/callrecords/verdict-summary";
import { PEOPLE_KEPT, type FeedCall } from "./model";

/**
 * What the inbox keeps about a call: its verdict, worst metric, type and people. The people come from the
 * sessions' endpoints and the organizer (no participants_v2 read: a new call costs one page of Graph's budget).
 * Judged in steps with other requests served between (the feed shares the thread with people reading calls).
 */
export async function judgeCall(
  call: CallSummary,
  sessions: readonly Session[],
  complete: boolean,
): Promise<{ call: FeedCall; personIds: string[] }> {
  const seen = peopleFromSessions(sessions);
  const organizer = call.organizer;
  const people: Participant[] =
    organizer && !seen.some((person) => person.identity?.id && person.identity.id === organizer.id)
      ? [{ id: organizer.id, identity: organizer, administrativeUnitIds: [] }, ...seen]
      : seen;
  const personIds = [
    ...new Set(people.flatMap((person) => (person.identity?.id ? [person.identity.id.toLowerCase()] : []))),
  ];
  return {
    call: {
      callId: call.id,
      version: call.version,
      type: call.type,
      modalities: call.modalities,
      startDateTime: call.startDateTime,
      endDateTime: call.endDateTime,
      ...(await runStepsBetween(verdictSummarySteps(sessions, call.type), nextTurn)),
      organizer,
      people: people.slice(0, PEOPLE_KEPT),
      peopleCount: people.length,
      sessionsRead: sessions.length,
      complete,
    },
    personIds,
  };
}
