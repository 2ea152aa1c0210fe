// The one attribution of a call, from which every sentence about cause is read: the headline, the cause
// panel (a meeting) or the side-by-side (two people), the "cause" findings and each person's part.
import { partOf, type Part } from "./attribution";
import type { SiteOf } from "./compare";
import { failureGroups, failureSummary } from "./failures";
import { meetingStory, type MeetingStory } from "./meeting-story";
import type { Session } from "./model";
import type { StreamRow } from "./streams";
import { sideBySide, type SideBySide } from "./two-sides";

export interface CallStory {
  /** The first sentence about cause on the page. */
  headline: string;
  /** Two people: their side by side and its judgement. */
  pair: SideBySide | null;
  /** Anything else: the meeting's ranked causes. */
  meeting: MeetingStory | null;
  /** Each person's part (keyed by endpoint key); services have none. */
  parts: Map<string, Part>;
}

/** Parts as the streams say them: what a person sent arrived poor (impacting), what they received (impacted). */
export function partsFromStreams(rows: readonly StreamRow[]): Map<string, Part> {
  const flags = new Map<string, { sent: boolean; received: boolean }>();
  const flag = (key: string) => {
    const found = flags.get(key) ?? { sent: false, received: false };
    flags.set(key, found);
    return found;
  };
  for (const row of rows) {
    const poor = row.verdict.quality === "poor";
    if (row.sender?.kind !== "service") flag(row.senderKey).sent ||= poor;
    if (row.receiver?.kind !== "service") flag(row.receiverKey).received ||= poor;
  }
  const parts = new Map<string, Part>();
  for (const [key, { sent, received }] of flags) parts.set(key, partOf(sent, received));
  return parts;
}

/** With no poor stream, a failure is what there is to say; a call of failed sessions only has no streams. */
function failureHeadline(sessions: readonly Session[], rows: readonly StreamRow[]): string | null {
  const groups = failureGroups(sessions);
  if (groups.length === 0) return null;
  const failed = groups.reduce((sum, group) => sum + group.sessions.length, 0);
  if (failed === sessions.length && rows.length === 0)
    return `Every session failed (${failed === 1 ? "1 session" : `${failed} sessions`}), so there are no streams to judge: the Failure findings say at which stage, why, and what to check.`;
  const text = failureSummary(groups, sessions.length);
  return `No stream was poor, but ${text}: the Failure findings say why and what to check.`;
}

export function callStory(
  sessions: readonly Session[],
  rows: readonly StreamRow[],
  siteOf?: SiteOf,
): CallStory {
  const pair = sideBySide(sessions, rows, undefined, siteOf);
  const anyPoor = rows.some((row) => row.verdict.quality === "poor");
  const failed = anyPoor ? null : failureHeadline(sessions, rows);
  if (pair) {
    const parts = partsFromStreams(rows);
    parts.set(pair.caller.key, pair.responsible.parts.caller);
    parts.set(pair.callee.key, pair.responsible.parts.callee);
    return { headline: failed ?? pair.responsible.text, pair, meeting: null, parts };
  }
  const meeting = meetingStory(rows, siteOf);
  return { headline: failed ?? meeting.headline, pair: null, meeting, parts: partsFromStreams(rows) };
}
