// One ranked list of what explains a meeting's poor streams: a sender who hurt many receivers (forwarded
// video and screen sharing), one person whose own connection was the only poor one, and the shared factors
// (causes.ts). The panel at the top of a meeting, its findings and its headline are all this list.
import type { SiteOf } from "./compare";
import { describeCause, meetingCauses, sessionFactorValue } from "./causes";
import { describeNetwork, isolate, MEDIA_LABELS } from "./describe";
import { streamSeverity, type StreamRow } from "./streams";

export interface StoryLine {
  /** Stable across reloads of the same record (the URL's `cause=` names it). */
  id: string;
  kind: "sender" | "person" | "factor";
  /** "Likely cause", "Factor: Wi-Fi band", … */
  title: string;
  text: string;
  /** The sessions this line is about: what "Show these sessions" shows. */
  sessionIds: string[];
  /** The sessions table's extra column while this line's sessions are shown. */
  column: string;
  /** For sender and person lines, whose. */
  personKey: string | null;
  /** For factor lines, the factor's name (to fill the column per session). */
  factor: string | null;
  severity: number;
}

export interface MeetingStory {
  lines: StoryLine[];
  /** The first line's text, or why there is none. */
  headline: string;
  anyPoor: boolean;
}

const forwarded = (row: StreamRow) => row.kind === "video" || row.kind === "screenSharing";
const poorRow = (row: StreamRow) => row.verdict.quality === "poor";

const overlaps = (a: StreamRow, b: StreamRow) => {
  const [as, ae, bs, be] = [
    a.stream.startDateTime,
    a.stream.endDateTime,
    b.stream.startDateTime,
    b.stream.endDateTime,
  ].map((t) => (t ? Date.parse(t) : NaN));
  // Without stream times, both are somewhere in the same call: count them together.
  return (
    [as, ae, bs, be].some((t) => Number.isNaN(t)) ||
    ((as as number) <= (be as number) && (bs as number) <= (ae as number))
  );
};

/**
 * In a meeting, the server forwards a participant's video and screen share as sent: a low frame rate going up
 * arrives low for everyone. When most of the audience receives poor video of the same kind while one
 * participant sends it poor, that sender is the likely cause. Audio is mixed by the server, so a receiver's
 * audio metrics describe their own network.
 */
export function cascades(rows: readonly StreamRow[]): StoryLine[] {
  const poorUplinks = rows.filter(
    (row) =>
      forwarded(row) &&
      poorRow(row) &&
      row.sender?.kind === "participant" &&
      row.receiver?.kind === "service",
  );
  // A receiver whose own uplink is poor has a bad network of their own: not evidence of a cascade.
  const impacting = new Set(
    rows.filter((row) => poorRow(row) && row.sender?.kind === "participant").map((row) => row.senderKey),
  );
  const poorDownlinks = rows.filter(
    (row) =>
      forwarded(row) &&
      poorRow(row) &&
      row.sender?.kind === "service" &&
      row.receiver?.kind === "participant" &&
      !impacting.has(row.receiverKey),
  );
  const bySender = new Map<string, StreamRow[]>();
  for (const row of poorUplinks) {
    const key = `${row.senderKey}|${row.kind}`;
    bySender.set(key, [...(bySender.get(key) ?? []), row]);
  }
  const out: StoryLine[] = [];
  for (const uplinks of bySender.values()) {
    const first = uplinks[0];
    if (!first) continue;
    const hurt = poorDownlinks.filter(
      (down) =>
        down.kind === first.kind &&
        down.receiverKey !== first.senderKey &&
        uplinks.some((up) => overlaps(up, down)),
    );
    const people = new Set(hurt.map((row) => row.receiverKey));
    // A cascade hurts most of the audience; a few poor downlinks in a big meeting are their own networks.
    const audience = new Set(
      rows
        .filter(
          (row) =>
            row.kind === first.kind && row.sender?.kind === "service" && row.receiverKey !== first.senderKey,
        )
        .map((row) => row.receiverKey),
    );
    if (people.size < 2 || people.size < audience.size / 2) continue;
    const media = MEDIA_LABELS[first.kind];
    out.push({
      id: `sender:${first.senderKey}:${first.kind}`,
      kind: "sender",
      title: "Likely cause",
      text: `${isolate(first.senderLabel)}'s poor ${media} uplink (${first.verdict.causes[0]?.text ?? "poor"}, on ${describeNetwork(first.senderNetwork)}) is the likely cause for ${people.size} of ${audience.size} participants who received poor ${media} at the same time.`,
      sessionIds: [...new Set([...uplinks, ...hurt].map((row) => row.sessionId))],
      column: `${media} from ${first.senderLabel}`,
      personKey: first.senderKey,
      factor: null,
      severity: streamSeverity(first) * (1 + Math.log10(people.size + 1)) + 1,
    });
  }
  return out.sort((a, b) => b.severity - a.severity);
}

/** The person at a row's non-service end (a meeting's rows run between a person and the server). */
const personOf = (row: StreamRow) =>
  row.sender?.kind === "service"
    ? { key: row.receiverKey, label: row.receiverLabel, network: row.receiverNetwork }
    : { key: row.senderKey, label: row.senderLabel, network: row.senderNetwork };

/** Every poor stream is one person's own (their uplink or downlink), in a meeting of at least three. */
function onePerson(rows: readonly StreamRow[]): StoryLine | null {
  const poor = rows.filter(poorRow);
  const first = poor[0];
  if (!first) return null;
  const who = personOf(first);
  if (poor.some((row) => personOf(row).key !== who.key)) return null;
  const people = new Set(rows.map((row) => personOf(row).key));
  if (people.size < 3) return null;
  const worst = [...poor].sort((a, b) => streamSeverity(b) - streamSeverity(a))[0] ?? first;
  const ways = new Set(poor.map((row) => (row.sender?.kind === "service" ? "received" : "sent")));
  const what = ways.size === 2 ? "sent and received" : [...ways][0];
  return {
    id: `person:${who.key}`,
    kind: "person",
    title: "Likely cause",
    text: `Only ${isolate(who.label)}'s own connection was poor (${what}: ${MEDIA_LABELS[worst.kind]} ${worst.verdict.causes[0]?.text ?? "poor"}, on ${describeNetwork(who.network)}); the other ${people.size - 1} people's streams were not.`,
    sessionIds: [...new Set(poor.map((row) => row.sessionId))],
    column: `${who.label}'s streams`,
    personKey: who.key,
    factor: null,
    severity: streamSeverity(worst) + 1,
  };
}

/** A call of one person and a service (a phone call through a gateway): nobody to compare with. */
function fewPeople(rows: readonly StreamRow[]): string | null {
  const people = new Set(rows.map((row) => personOf(row).key));
  const worst = [...rows.filter(poorRow)].sort((a, b) => streamSeverity(b) - streamSeverity(a))[0];
  if (people.size > 1 || !worst) return null;
  const service = worst.sender?.kind === "service" ? worst.senderLabel : worst.receiverLabel;
  return `Poor streams ran between ${isolate(personOf(worst).label)} and the ${isolate(service)} (${MEDIA_LABELS[worst.kind]} ${worst.verdict.causes[0]?.text ?? "poor"}): with one person in the call there is nobody to compare with, so the findings below say which direction and which network.`;
}

/** The meeting's causes, one ranked list: senders who hurt many, one person's own connection, shared factors. */
export function meetingStory(rows: readonly StreamRow[], siteOf?: SiteOf, limit = 5): MeetingStory {
  const anyPoor = rows.some(poorRow);
  if (!anyPoor) return { lines: [], headline: "No stream was poor: there is nothing to explain.", anyPoor };
  const senders = cascades(rows);
  const person = senders.length === 0 ? onePerson(rows) : null;
  const factors: StoryLine[] = meetingCauses(rows, limit, siteOf).map((cause) => ({
    id: cause.id,
    kind: "factor",
    title: [cause.factor, ...cause.same.map((twin) => twin.factor)].join(" = "),
    text: describeCause(cause),
    sessionIds: cause.sessionIds,
    column: cause.factor,
    personKey: null,
    factor: cause.factor,
    severity: cause.z,
  }));
  const lines = [...senders, ...(person ? [person] : []), ...factors].slice(0, limit);
  return {
    lines,
    headline:
      lines[0]?.text ??
      fewPeople(rows) ??
      "No shared factor explains the poor streams, and no sender hurt many receivers: they are spread across people, connections, subnets and clients, so look at each person's findings below.",
    anyPoor,
  };
}

/** What a session shows in the sessions table's column for a story line (its factor value, or its part). */
export function storyCell(line: StoryLine, rows: readonly StreamRow[], siteOf?: SiteOf): string {
  if (line.factor) return sessionFactorValue(rows, line.factor, siteOf) ?? "—";
  const key = line.personKey;
  const sent = rows.some((row) => row.senderKey === key && poorRow(row));
  const received = rows.some((row) => row.receiverKey === key && poorRow(row));
  if (sent || received)
    return sent && received ? "sent and received poor" : sent ? "sent poor" : "received poor";
  return rows.some(poorRow) ? "received poor" : "—";
}
