import type { ParticipantImpact } from "./analysis";
import type { Identity, Participant, ParticipantList, Session } from "./model";
import { runSteps } from "./analyze";

/** "The same person" across participants_v2, legacy participants and session endpoints. */
/** Where a call's list of people came from, as the page says it. */
export const PARTICIPANT_SOURCE_LABELS: Record<ParticipantList["source"], string> = {
  participants_v2: "Graph's participants_v2",
  legacy: "the record's legacy participants property",
  sessions: "the sessions' endpoints",
};

export function personKey(identity: Identity | null, fallback: string | null = null): string | null {
  const value = identity?.id ?? identity?.userPrincipalName ?? identity?.displayName ?? fallback;
  return value ? `participant:${value.toLowerCase()}` : null;
}

function dedupe(participants: readonly Participant[]): Participant[] {
  const seen = new Set<string>();
  const out: Participant[] = [];
  for (const participant of participants) {
    // Keyed by the identity, not the participant ID: Microsoft's own example repeats one ID for two people.
    const key = personKey(participant.identity, participant.id);
    // Graph listed someone it could not identify: kept (counted and shown as such), never merged with another.
    if (key === null) {
      out.push(participant);
      continue;
    }
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(participant);
  }
  return out;
}

/** People who had a media session, from the sessions' endpoints: services and identity-less endpoints are not people. */
export function peopleFromSessions(sessions: readonly Session[]): Participant[] {
  const people: Participant[] = [];
  for (const session of sessions) {
    for (const endpoint of [session.caller, session.callee]) {
      if (endpoint && endpoint.kind !== "service" && endpoint.identity)
        people.push({ id: endpoint.identity.id, identity: endpoint.identity, administrativeUnitIds: [] });
    }
  }
  return dedupe(people);
}

export interface ParticipantSources {
  /** Every page of participants_v2; null when it could not be asked for (national clouds) or failed. */
  v2: readonly Participant[] | null;
  /** Why participants_v2 is missing, when it is. */
  v2Unavailable?: string | null;
  legacy: readonly Participant[] | null;
  sessions: readonly Session[];
}

/** Who was in the call: participants_v2, else the legacy list, else the people seen in sessions — and say which. */
export function participantList(sources: ParticipantSources): ParticipantList {
  const v2 = dedupe(sources.v2 ?? []);
  const unidentified = v2.filter((p) => personKey(p.identity, p.id) === null).length;
  if (v2.length > 0)
    return {
      participants: v2,
      source: "participants_v2",
      note:
        unidentified > 0
          ? `Graph listed ${unidentified === 1 ? "1 participant" : `${unidentified} participants`} without an ID or identity: shown as "not identified by Graph"; if they had media, they may also appear by name from the sessions.`
          : null,
    };
  const why = sources.v2Unavailable ?? "Graph listed no participants_v2 for this record";
  const legacy = dedupe(sources.legacy ?? []);
  if (legacy.length > 0) {
    return {
      participants: legacy,
      source: "legacy",
      note: `${why}; people come from the legacy participants property (records written before 30 June 2026).`,
    };
  }
  return {
    participants: peopleFromSessions(sources.sessions),
    source: "sessions",
    note: `${why}; people come from the sessions' endpoints, so anyone who joined without media is missing.`,
  };
}

export interface PersonRow {
  key: string;
  participant: Participant | null;
  impact: ParticipantImpact | null;
  /** Listed as a participant but had no media session in the loaded sessions. */
  noMedia: boolean;
}

/**
 * The participants table: every person of the list with their quality role, then people seen in
 * sessions the list missed. Endpoints without an identity are not people and are left out.
 */
export function personRows(list: ParticipantList, impacts: readonly ParticipantImpact[]): PersonRow[] {
  return runSteps(personRowSteps(list, impacts));
}

/** `personRows` a step per `yield` of PEOPLE_PER_STEP people: a town hall has thousands (~30 ms in all). */
export function* personRowSteps(
  list: ParticipantList,
  impacts: readonly ParticipantImpact[],
): Generator<void, PersonRow[]> {
  const byKey = new Map<string, ParticipantImpact>();
  for (const [index, impact] of impacts.entries()) {
    if (index > 0 && index % PEOPLE_PER_STEP === 0) yield;
    const key = personKey(impact.endpoint?.identity ?? null);
    if (key) byKey.set(key, impact);
  }
  yield;
  const rows: PersonRow[] = [];
  const listed = new Set<string>();
  for (const [index, participant] of list.participants.entries()) {
    if (index > 0 && index % PEOPLE_PER_STEP === 0) yield;
    const key = personKey(participant.identity, participant.id) ?? `unidentified:${index}`;
    listed.add(key);
    const impact = byKey.get(key) ?? null;
    rows.push({ key, participant, impact, noMedia: impact === null });
  }
  for (const [key, impact] of byKey)
    if (!listed.has(key)) rows.push({ key, participant: null, impact, noMedia: false });
  yield;
  const weight = (row: PersonRow) => (row.impact?.sentPoor ?? 0) * 1000 + (row.impact?.receivedPoor ?? 0);
  return rows.sort((a, b) => weight(b) - weight(a));
}

const PEOPLE_PER_STEP = 1_000;
