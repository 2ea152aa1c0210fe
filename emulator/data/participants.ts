import type { CallRecords } from "@microsoft/microsoft-graph-types";
import type { WireCallRecord, WireEndpoint } from "./wire";

type IdentitySet = NonNullable<CallRecords.Participant["identity"]>;

function identityOf(endpoint: WireEndpoint | null | undefined): IdentitySet | null {
  if (!endpoint || !("identity" in endpoint) || !endpoint.identity) return null;
  return endpoint.identity as IdentitySet;
}

const idOf = (set: IdentitySet): string | null => {
  for (const member of Object.values(set)) {
    if (member && typeof member === "object" && "id" in member && typeof member.id === "string" && member.id)
      return member.id;
  }
  return null;
};

/**
 * A record's participants_v2: as stored when the record has it (an empty list stays empty, as for
 * records written before Graph filled it), else derived from the people in its sessions, as Graph
 * lists everyone who joined.
 */
export function participantsOf(record: WireCallRecord): CallRecords.Participant[] {
  if (Array.isArray(record.participants_v2)) return record.participants_v2;
  const seen = new Set<string>();
  const people: CallRecords.Participant[] = [];
  for (const session of record.sessions) {
    for (const endpoint of [session.caller, session.callee]) {
      const identity = identityOf(endpoint);
      const id = identity && idOf(identity);
      if (!identity || !id || seen.has(id)) continue;
      seen.add(id);
      people.push({ id, identity });
    }
  }
  return people;
}
