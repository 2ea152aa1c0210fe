// Each person's part in a call, for lists that are about a person (Find calls, the inbox, the watch list):
// impacting / impacted / both / fine / unclear — read from the call's one attribution (story.ts) — with the
// worst poor stream on *their* streams and the network it crossed on their side.
import type { Part } from "./attribution";
import { describeNetwork, lookup, MEDIA_LABELS, WIFI_BAND_LABELS } from "./describe";
import type { Identity, Network } from "./model";
import type { CallStory } from "./story";
import type { View } from "./view";
import { streamSeverity, type StreamRow } from "./streams";

export interface PersonPart {
  identity: Identity | null;
  part: Part;
  /** The worst poor stream they sent or received. */
  worst: { text: string; media: string; direction: "sent" | "received" } | null;
  /** Their own network on that stream, in words. */
  network: string | null;
  /** Connection and band, short, for counting across calls ("Wi-Fi 2.4 GHz", "wired", "VPN tunnel"). */
  networkKind: string | null;
}

export interface CallRoles {
  /** People with a part other than fine first; at most ROLES_KEPT. */
  people: PersonPart[];
  /** How many had a part other than fine, and how many people there were. */
  affected: number;
  total: number;
  /** A call between exactly two people (the other party is the other entry). */
  pair: boolean;
}

export const ROLES_KEPT = 50;

const KINDS: Record<string, string> = {
  wired: "wired",
  mobile: "a mobile network",
  tunnel: "a VPN tunnel",
};

export function networkKind(network: Network | null): string | null {
  if (!network?.connectionType) return null;
  if (network.connectionType === "wifi") {
    const band = lookup(WIFI_BAND_LABELS, network.wifiBand);
    return band ? `Wi-Fi ${band}` : "Wi-Fi";
  }
  return lookup(KINDS, network.connectionType) ?? network.connectionType;
}

/** Every person's part with the worst of their own streams, affected people first. */
export function callRoles(rows: readonly StreamRow[], story: CallStory): CallRoles {
  const people = new Map<string, { identity: Identity | null; worst: StreamRow | null; sent: boolean }>();
  const visit = (key: string, identity: Identity | null, row: StreamRow, sent: boolean) => {
    const entry = people.get(key) ?? { identity, worst: null, sent };
    if (
      row.verdict.quality === "poor" &&
      (!entry.worst || streamSeverity(row) > streamSeverity(entry.worst))
    ) {
      entry.worst = row;
      entry.sent = sent;
    }
    people.set(key, entry);
  };
  for (const row of rows) {
    if (row.sender && row.sender.kind !== "service") visit(row.senderKey, row.sender.identity, row, true);
    if (row.receiver && row.receiver.kind !== "service")
      visit(row.receiverKey, row.receiver.identity, row, false);
  }
  const list: PersonPart[] = [...people.entries()].map(([key, { identity, worst, sent }]) => {
    const network = worst ? (sent ? worst.senderNetwork : worst.receiverNetwork) : null;
    return {
      identity,
      part: story.parts.get(key) ?? "fine",
      worst: worst
        ? {
            text: worst.verdict.causes[0]?.text ?? "poor",
            media: MEDIA_LABELS[worst.kind],
            direction: sent ? "sent" : "received",
          }
        : null,
      network: worst ? describeNetwork(network) : null,
      networkKind: worst ? networkKind(network) : null,
    };
  });
  const affected = list.filter((person) => person.part !== "fine");
  return {
    people: [...affected, ...list.filter((person) => person.part === "fine")].slice(0, ROLES_KEPT),
    affected: affected.length,
    total: list.length,
    pair: Boolean(story.pair),
  };
}

/** The entry for a person, by object ID, or (masked for a Reader) by the pseudonym both were given. */
export function roleOf(
  roles: CallRoles | undefined,
  person: { id: string | null; displayName: string | null },
): PersonPart | null {
  if (!roles) return null;
  const id = person.id?.toLowerCase();
  return (
    roles.people.find((entry) =>
      id ? entry.identity?.id?.toLowerCase() === id : entry.identity?.displayName === person.displayName,
    ) ?? null
  );
}

/** In a call of two people, the one who is not `mine`. */
export function otherParty(roles: CallRoles | undefined, mine: PersonPart | null): PersonPart | null {
  if (!roles?.pair || !mine) return null;
  return roles.people.find((entry) => entry !== mine) ?? null;
}

export interface PersonCall {
  type: string | null;
  roles: CallRoles | undefined;
}

const label = (part: PersonPart | null) =>
  part?.identity?.displayName ?? part?.identity?.userPrincipalName ?? part?.identity?.id ?? null;

function mostCommon(values: readonly (string | null)[]): [string, number] | null {
  const counts = new Map<string, number>();
  for (const value of values) if (value) counts.set(value, (counts.get(value) ?? 0) + 1);
  const [best] = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  return best && best[1] >= 2 ? best : null;
}

/**
 * "11 of 31 calls judged were poor for Priya Raman (her side in 7); 4 of them 1:1s with Abbie Wilkins, 3 on
 * Wi-Fi 2.4 GHz" — from the verdicts already fetched; null until one is.
 */
export function personSummary(
  calls: readonly PersonCall[],
  person: { id: string | null; displayName: string | null },
  name: string,
): string | null {
  const judged = calls.filter((call) => call.roles);
  if (judged.length === 0) return null;
  const mine = judged.map((call) => ({ call, part: roleOf(call.roles, person) }));
  const poor = mine.filter(({ part }) => part && part.part !== "fine");
  const own = poor.filter(({ part }) => part?.part === "impacting" || part?.part === "both").length;
  const head = `${poor.length} of ${judged.length} ${judged.length === 1 ? "call" : "calls"} judged ${poor.length === 1 ? "was" : "were"} poor for ${name}${poor.length > 0 ? ` (their own side in ${own})` : ""}`;
  const partner = mostCommon(
    poor.map(({ call, part }) => (call.roles?.pair ? label(otherParty(call.roles, part)) : null)),
  );
  const where = mostCommon(poor.map(({ part }) => part?.networkKind ?? null));
  const details = [
    partner ? `${partner[1]} of them 1:1s with ${partner[0]}` : null,
    where ? `${where[1]} on ${where[0]}` : null,
  ].filter(Boolean);
  return `${head}${details.length ? `; ${details.join(", ")}` : ""}.`;
}

/** The roles as a view shows them: a Reader sees each identity masked, the same way as everywhere. */
export function rolesInView(roles: CallRoles, view: Pick<View, "participants">): CallRoles {
  const shown = view.participants(
    roles.people.map((person) => ({
      id: person.identity?.id ?? null,
      identity: person.identity,
      administrativeUnitIds: [],
    })),
  );
  return {
    ...roles,
    people: roles.people.map((person, index) => ({ ...person, identity: shown[index]?.identity ?? null })),
  };
}
