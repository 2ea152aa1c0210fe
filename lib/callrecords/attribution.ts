// Which side of a two-person call (or of any pair) the evidence points at, in one judgement that the headline,
// the findings and the roles are all read from.
//
// A stream is named by its sender and measured by its receiver. In a direct call, a poor caller→callee stream
// says the path from the caller to the callee was poor: it starts at the caller's uplink. So the poor
// *directions* come first: when only what one side sent arrived poor, that side is where to look, and its
// network must show why before callscope names it. When both directions were poor, the networks decide, and
// only when one side's evidence clearly outweighs the other's. Anything thinner is "unclear", with the reason.
// Through a conferencing server each person's leg is their own: the server measures what they sent, and what
// they received crossed only their own downlink — unless it is forwarded video whose sender's uplink was poor.
import type { ComparisonRow } from "./compare";
import { isolate, MEDIA_LABELS } from "./describe";
import type { Network } from "./model";
import { networkProblems } from "./network-conditions";
import { streamSeverity, type StreamRow } from "./streams";

export type SideName = "caller" | "callee";

/** A person's part in a call's quality: what their streams did, as the attribution reads it. */
export type Part = "impacting" | "impacted" | "both" | "fine" | "unclear";

export const PART_LABELS: Record<Part, string> = {
  impacting: "impacting",
  impacted: "impacted",
  both: "impacting and impacted",
  fine: "fine",
  unclear: "poor, cause unclear",
};

export interface Party {
  key: string;
  label: string;
  network: Network | null;
  /** Streams this party sent and received (rows whose sender or receiver they are). */
  sent: readonly StreamRow[];
  received: readonly StreamRow[];
}

export interface PairAttribution {
  /** none: nothing was poor; named: one side; unclear: the evidence is thin or disagrees; both: each side had its own problem. */
  status: "none" | "named" | "unclear" | "both";
  side: SideName | null;
  text: string;
  /** What points at each side, in words. */
  points: Record<SideName, string[]>;
  /** The points for the named side (empty unless named). */
  evidence: string[];
  parts: Record<SideName, Part>;
}

interface Item {
  text: string;
  weight: number;
}

const poor = (rows: readonly StreamRow[]) => rows.filter((row) => row.verdict.quality === "poor");
const forwarded = (row: StreamRow) => row.kind === "video" || row.kind === "screenSharing";
const other = (name: SideName): SideName => (name === "caller" ? "callee" : "caller");
const total = (items: readonly Item[]) => items.reduce((sum, item) => sum + item.weight, 0);
/** The strongest few items in words; the rest are counted (every item stays in `points`). */
const list = (items: readonly Item[], most = 3) => {
  const sorted = [...items].sort((a, b) => b.weight - a.weight);
  const shown = sorted.slice(0, most).map((item) => item.text);
  const more = sorted.length - shown.length;
  return `${shown.join(", ")}${more > 0 ? ` (and ${more} more below)` : ""}`;
};

/** "video frame rate 2.3 fps < 7.0 fps": the worst poor stream of a list, audio first. */
function worstOf(rows: readonly StreamRow[]): StreamRow | null {
  let best: StreamRow | null = null;
  for (const row of rows) if (!best || streamSeverity(row) > streamSeverity(best)) best = row;
  return best;
}

function describeStream(row: StreamRow | null, measured: boolean): string {
  if (!row) return "";
  const cause = row.verdict.causes[0]?.text ?? "poor";
  return `${MEDIA_LABELS[row.kind]} ${cause}${measured ? `, measured by ${isolate(row.receiverLabel)}` : ""}`;
}

/** The evidence in one side's network and devices for the poor streams it sent and received. */
function evidenceOf(
  party: Party,
  name: SideName,
  lines: readonly ComparisonRow[],
  poorSent: readonly StreamRow[],
  poorReceived: readonly StreamRow[],
): Item[] {
  const problems = networkProblems(party.network, {
    sent: poorSent.length > 0,
    received: poorReceived.length > 0,
  });
  const covered = new Set(problems.flatMap((problem) => problem.covers));
  const items: Item[] = problems.map((problem) => ({ text: problem.text, weight: problem.weight }));
  const sentAudio = poorSent.some((row) => row.kind === "audio");
  const sentVideo = poorSent.some(forwarded);
  for (const line of lines) {
    if ((line.worse !== name && !line.breach.includes(name)) || covered.has(line.label)) continue;
    const relevant =
      line.explains === "network" ||
      (line.explains === "sentNetwork" && poorSent.length > 0) ||
      (line.explains === "receivedNetwork" && poorReceived.length > 0) ||
      (line.explains === "sentAudio" && sentAudio) ||
      (line.explains === "sentVideo" && sentVideo);
    if (!relevant) continue;
    const mine = name === "caller" ? line.caller : line.callee;
    const theirs = name === "caller" ? line.callee : line.caller;
    items.push({ text: `${line.label.toLowerCase()} ${mine} against ${theirs}`, weight: 1 });
  }
  return items;
}

const pointsOf = (evidence: Record<SideName, Item[]>) => ({
  caller: evidence.caller.map((item) => item.text),
  callee: evidence.callee.map((item) => item.text),
});

/** A part as the streams say it: what one sent arrived poor (impacting), what one received did (impacted). */
export function partOf(sentPoor: boolean, receivedPoor: boolean): Part {
  return sentPoor && receivedPoor ? "both" : sentPoor ? "impacting" : receivedPoor ? "impacted" : "fine";
}

/**
 * One judgement for two people. `direct`: they had a session with each other (else each had their own leg to a
 * service, named `through`). `roles`: say "(the caller)"/"(the callee)"; a pair picked from a meeting has neither.
 */
export function attributePair(
  parties: Record<SideName, Party>,
  lines: readonly ComparisonRow[],
  options: { direct: boolean; roles: boolean; through?: string | null },
): PairAttribution {
  const who = (name: SideName) =>
    `${isolate(parties[name].label)}'s side${options.roles ? ` (the ${name})` : ""}`;
  const name = (side: SideName) => isolate(parties[side].label);
  const sentPoor = { caller: poor(parties.caller.sent), callee: poor(parties.callee.sent) };
  const fine: Record<SideName, Part> = { caller: "fine", callee: "fine" };
  // In a direct call what one side received is what the other sent; through a service, each leg counts.
  const legs = options.direct
    ? [parties.caller.sent, parties.callee.sent]
    : [parties.caller.sent, parties.caller.received, parties.callee.sent, parties.callee.received];
  if (!legs.some((rows) => poor(rows).length > 0)) return nothing(fine);
  return options.direct
    ? direct(parties, lines, sentPoor, who, name)
    : throughService(parties, lines, who, name, options.through ?? "conferencing server");
}

function nothing(parts: Record<SideName, Part>): PairAttribution {
  return {
    status: "none",
    side: null,
    text: "No stream was poor in either direction: there is nothing for the two sides to explain.",
    points: { caller: [], callee: [] },
    evidence: [],
    parts,
  };
}

function direct(
  parties: Record<SideName, Party>,
  lines: readonly ComparisonRow[],
  sentPoor: Record<SideName, StreamRow[]>,
  who: (name: SideName) => string,
  name: (name: SideName) => string,
): PairAttribution {
  // What one side sent is what the other received: the poor rows of each direction.
  const evidence = {
    caller: evidenceOf(parties.caller, "caller", lines, sentPoor.caller, sentPoor.callee),
    callee: evidenceOf(parties.callee, "callee", lines, sentPoor.callee, sentPoor.caller),
  };
  const points = pointsOf(evidence);
  const named = (side: SideName, text: string): PairAttribution => ({
    status: "named",
    side,
    text,
    points,
    evidence: points[side],
    parts: {
      [side]: "impacting",
      [other(side)]: sentPoor[side].length > 0 ? "impacted" : "fine",
    } as Record<SideName, Part>,
  });
  const unclear = (text: string): PairAttribution => ({
    status: "unclear",
    side: null,
    text,
    points,
    evidence: [],
    parts: { caller: "unclear", callee: "unclear" },
  });
  const oneWay =
    sentPoor.caller.length > 0 && sentPoor.callee.length === 0
      ? "caller"
      : sentPoor.callee.length > 0 && sentPoor.caller.length === 0
        ? "callee"
        : null;
  if (oneWay) {
    const sender = oneWay;
    const receiver = other(sender);
    const stream = describeStream(worstOf(sentPoor[sender]), true);
    const mine = total(evidence[sender]);
    const theirs = total(evidence[receiver]);
    if (mine > 0 && mine >= theirs) {
      return named(
        sender,
        `${who(sender)} is the likely cause: what ${name(sender)} sent arrived poor (${stream}) while what ${name(receiver)} sent arrived fine, and ${name(sender)}'s network shows why: ${list(evidence[sender])}.`,
      );
    }
    if (theirs > mine) {
      return unclear(
        `Unclear: what ${name(sender)} sent arrived poor (${stream}), which points at ${name(sender)}'s uplink, but it is ${name(receiver)}'s network that shows problems (${list(evidence[receiver])})${mine > 0 ? `, against ${list(evidence[sender])} for ${name(sender)}` : ` and ${name(sender)}'s shows none`}.`,
      );
    }
    return unclear(
      `Unclear: only what ${name(sender)} sent arrived poor (${stream}), which points at ${name(sender)}'s side, but neither network reports anything that explains it: check ${name(sender)}'s uplink and device, or the path between them.`,
    );
  }
  const streams = `${describeStream(worstOf(sentPoor.caller), true)}; ${describeStream(worstOf(sentPoor.callee), true)}`;
  const score = { caller: total(evidence.caller), callee: total(evidence.callee) };
  for (const side of ["caller", "callee"] as const) {
    const mine = score[side];
    const theirs = score[other(side)];
    if (mine > 0 && (theirs === 0 || (mine >= 2 * theirs && mine - theirs >= 2))) {
      return named(
        side,
        `${who(side)} is the likely cause: both directions were poor (${streams}), and ${theirs === 0 ? "only " : ""}${name(side)}'s network shows why: ${list(evidence[side])}${theirs > 0 ? `; ${name(other(side))}'s shows less: ${list(evidence[other(side)])}` : ""}.`,
      );
    }
  }
  return unclear(
    score.caller > 0 && score.callee > 0
      ? `Unclear: both directions were poor (${streams}), and both networks show problems — ${name("caller")}: ${list(evidence.caller)}; ${name("callee")}: ${list(evidence.callee)}.`
      : `Unclear: both directions were poor (${streams}), but neither network shows a problem that explains it: look at the path between them (relays, the internet in between) or at the time of the call.`,
  );
}

function throughService(
  parties: Record<SideName, Party>,
  lines: readonly ComparisonRow[],
  who: (name: SideName) => string,
  name: (name: SideName) => string,
  through: string,
): PairAttribution {
  // A forwarded video or screen share that arrived poor because its sender's uplink was poor is the sender's.
  const own = (side: SideName) => {
    const uplinks = poor(parties[side].sent);
    const theirUplinks = poor(parties[other(side)].sent).filter(forwarded);
    const downlinks = poor(parties[side].received).filter(
      (row) => !(forwarded(row) && theirUplinks.some((up) => up.kind === row.kind)),
    );
    return { uplinks, downlinks, all: [...uplinks, ...downlinks] };
  };
  const legs = { caller: own("caller"), callee: own("callee") };
  const evidence = {
    caller: evidenceOf(parties.caller, "caller", lines, legs.caller.uplinks, legs.caller.downlinks),
    callee: evidenceOf(parties.callee, "callee", lines, legs.callee.uplinks, legs.callee.downlinks),
  };
  const points = pointsOf(evidence);
  const parts = {
    caller: partOf(legs.caller.uplinks.length > 0, poor(parties.caller.received).length > 0),
    callee: partOf(legs.callee.uplinks.length > 0, poor(parties.callee.received).length > 0),
  };
  const leg = (side: SideName) =>
    `${describeStream(worstOf(legs[side].all), false)}${evidence[side].length ? `; on ${list(evidence[side])}` : ""}`;
  const hurt = (["caller", "callee"] as const).filter((side) => legs[side].all.length > 0);
  const [only] = hurt;
  if (hurt.length === 1 && only) {
    return {
      status: "named",
      side: only,
      text: `${who(only)} is the likely cause: ${name(only)}'s own connection to the ${through} was poor (${leg(only)}) while ${name(other(only))}'s was fine.`,
      points,
      evidence: points[only],
      parts,
    };
  }
  return {
    status: "both",
    side: null,
    text: `Both sides had poor connections of their own to the ${through}: ${name("caller")} (${leg("caller")}) and ${name("callee")} (${leg("callee")}).`,
    points,
    evidence: [],
    parts,
  };
}
