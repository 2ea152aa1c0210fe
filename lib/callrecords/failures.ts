// Failed sessions as first-class facts: grouped by stage and reason, who and when, whether a retry followed,
// and what to check next for the reasons that come up most. Graph's failureInfo has a stage (callSetup,
// midcall, unknown) and a free-text reason; the advice below matches that text, first rule that fits.
import { endpointKey, endpointLabel, isolate, lookup } from "./describe";
import type { FailureInfo, Session } from "./model";
import { streamRows } from "./streams";
import { worstQuality } from "./verdict";
import { formatClock } from "@/lib/format/dates";
import { formatCount } from "@/lib/format/numbers";

export const STAGE_LABELS: Record<string, string> = {
  callSetup: "at call setup",
  midcall: "during the call",
};

/**
 * "failed at call setup: Media connectivity failure", "failed; Graph gave no stage or reason": any failureInfo
 * is a failure (Graph fills it only if the session failed), and what Graph left out is said, never guessed.
 */
export function failureWords(failure: FailureInfo): string {
  const stage = failure.stage
    ? (lookup(STAGE_LABELS, failure.stage) ?? `at stage ${isolate(failure.stage)}`)
    : null;
  const reason = failure.reason ? isolate(failure.reason) : null;
  if (!stage && !reason) return "failed; Graph gave no stage or reason";
  if (!stage) return `failed (Graph gave no stage): ${reason}`;
  return reason ? `failed ${stage}: ${reason}` : `failed ${stage}; Graph gave no reason`;
}

interface Advice {
  match: RegExp;
  next: string;
}

/** What to check next, by reason; rules are tried in order and the stage's default comes last. */
export const FAILURE_ADVICE: readonly Advice[] = [
  {
    match: /\bSIP\b|\b5\d\d\b|gateway|\bSBC\b|trunk|mediation/i,
    next: "check the trunk and SBC: Phone logs → Direct Routing shows the final SIP code and Microsoft's sub-code for this call, and the SBC's own logs say why it answered so",
  },
  {
    match: /media|\bICE\b|connectivity|firewall|\bUDP\b|relay|transport/i,
    next: "media could not connect: check that the caller's network allows UDP 3478–3481 to Teams (or TCP 443 as a fallback) and that no proxy or VPN sits in the media path",
  },
  {
    match: /time[ d]?out|timed out|no answer|not respond|unreachable/i,
    next: "the other end did not answer in time: check that its device was online and signed in, and its network at that moment",
  },
  {
    match: /declin|busy|reject(ed)? by (the )?user|cancel/i,
    next: "declined, busy or cancelled by a person: not a quality problem",
  },
  {
    match: /licen[cs]|auth|token|sign[- ]?in|permission|forbidden/i,
    next: "check the user's Teams licence, phone-number assignment and sign-in state",
  },
];

const DEFAULT_ADVICE: Record<string, string> = {
  callSetup:
    "the call never connected: for a phone call open Phone logs for its SIP code; otherwise check the caller's network and client at that moment",
  midcall:
    "the call dropped: look at the last minutes of both sides' streams and network quality events before the drop",
};

export function adviceFor(failure: FailureInfo): string {
  const reason = failure.reason ?? "";
  return (
    FAILURE_ADVICE.find((advice) => advice.match.test(reason))?.next ??
    DEFAULT_ADVICE[failure.stage ?? ""] ??
    "check both sides' networks and clients at the time of the failure"
  );
}

/** A session's failure, from the session or else its first failed segment. */
export function failureOf(session: Session): FailureInfo | null {
  return session.failureInfo ?? session.segments.find((segment) => segment.failureInfo)?.failureInfo ?? null;
}

export interface FailureGroup {
  stage: string | null;
  reason: string | null;
  sessions: Session[];
  /** The session that followed a failed one between the same caller and callee, when there was one. */
  retry: Session | null;
  advice: string;
}

const RETRY_WINDOW_MS = 15 * 60_000;

/** A later session placed by the same caller that did not fail, within a quarter of an hour. */
function retryOf(failed: Session, sessions: readonly Session[]): Session | null {
  const start = Date.parse(failed.startDateTime);
  const caller = endpointKey(failed.caller);
  return (
    sessions
      .filter((s) => s !== failed && !failureOf(s))
      .filter((s) => endpointKey(s.caller) === caller)
      .filter((s) => {
        const at = Date.parse(s.startDateTime);
        return at >= start && at - start <= RETRY_WINDOW_MS;
      })
      .sort((a, b) => Date.parse(a.startDateTime) - Date.parse(b.startDateTime))[0] ?? null
  );
}

/** Failed sessions grouped by stage and reason, most first. */
export function failureGroups(sessions: readonly Session[]): FailureGroup[] {
  const groups = new Map<string, FailureGroup>();
  for (const session of sessions) {
    const failure = failureOf(session);
    if (!failure) continue;
    const key = `${failure.stage ?? ""}|${failure.reason ?? ""}`;
    const group = groups.get(key) ?? {
      stage: failure.stage,
      reason: failure.reason,
      sessions: [],
      retry: null,
      advice: adviceFor(failure),
    };
    group.sessions.push(session);
    group.retry ??= retryOf(session, sessions);
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => b.sessions.length - a.sessions.length);
}

/** "Hana Berg ↔ PSTN gateway at 14:02:11 UTC" (the first few). */
function whoAndWhen(sessions: readonly Session[]): string {
  const shown = sessions
    .slice(0, 3)
    .map(
      (s) =>
        `${isolate(endpointLabel(s.caller))} ↔ ${isolate(endpointLabel(s.callee))} at ${formatClock(s.startDateTime)} UTC`,
    );
  return `${shown.join("; ")}${sessions.length > 3 ? `; and ${sessions.length - 3} more` : ""}`;
}

/** How a session turned out, in a word, for failure sentences ("the retry was good"). */
export function sessionQualityWord(session: Session): string {
  const quality = worstQuality(streamRows([session]).map((row) => row.verdict.quality));
  return quality === "unclassified" ? "not classified (no quality data)" : quality;
}

/** One sentence per group, for the findings. */
export function describeFailureGroup(group: FailureGroup): string {
  const count = group.sessions.length;
  const retry = group.retry
    ? ` The retry at ${formatClock(group.retry.startDateTime)} UTC connected and was ${sessionQualityWord(group.retry)}.`
    : "";
  return `${count === 1 ? "1 session" : `${formatCount(count)} sessions`} ${failureWords(group)} (${whoAndWhen(group.sessions)}).${retry} Next: ${group.advice}.`;
}

/** "1 of 2 sessions failed at call setup; the retry was good" — the verdict's line beside the quality. */
export function failureSummary(groups: readonly FailureGroup[], sessionCount: number): string | null {
  const failed = groups.reduce((sum, group) => sum + group.sessions.length, 0);
  if (failed === 0) return null;
  const stages = [
    ...new Set(groups.map((g) => (g.stage ? (lookup(STAGE_LABELS, g.stage) ?? g.stage) : null))),
  ];
  const stage = stages.length === 1 && stages[0] ? ` ${stages[0]}` : "";
  const retries = groups.flatMap((g) => (g.retry ? [g.retry] : []));
  const retry =
    retries.length === 0
      ? ""
      : retries.length === 1 && retries[0]
        ? `; the retry was ${sessionQualityWord(retries[0])}`
        : `; ${retries.length} were retried`;
  const n = formatCount;
  return `${n(failed)} of ${n(sessionCount)} ${sessionCount === 1 ? "session" : "sessions"} failed${stage}${retry}`;
}
