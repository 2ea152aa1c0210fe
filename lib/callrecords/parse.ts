import type { ZodError, ZodType } from "zod";
import { dedupeSessions } from "./dedupe";
import { GraphFailure } from "@/lib/graph/errors";
import {
  callRecordSchema,
  participantsPageSchema,
  sessionSchema,
  sessionsPageSchema,
  type WireParticipant,
  type WireSegment,
  type WireSession,
} from "@/lib/graph/schema";
import { parseEndpoint, parseIdentity } from "./parse-endpoint";
import { parseMedia, Unreadables } from "./parse-media";
import type { CallSummary, Endpoint, Participant, Segment, Session, Unreadable } from "./model";
import { reportedEnum, reportedText } from "./reported";

const orNull = <T>(value: T | null | undefined): T | null => value ?? null;

function validate<T>(schema: ZodType<T>, body: unknown, what: string): T {
  const result = schema.safeParse(body);
  if (!result.success)
    throw new GraphFailure(
      "malformed",
      `Graph sent ${what} that callscope cannot read: ${describe(result.error)}.`,
    );
  return result.data;
}

/** `offset`: where the validated slice starts in its page, so the path names the item in the whole page. */
function describe(error: ZodError, offset = 0, prefix = ""): string {
  const issue = error.issues[0];
  if (!issue) return "unknown problem";
  const path = issue.path
    .map((part, index) =>
      typeof part === "number" ? `[${index === 1 ? part + offset : part}]` : `.${String(part)}`,
    )
    .join("")
    .replace(/^\./, "");
  const where = prefix ? `${prefix}${path ? `.${path}` : ""}` : path || "body";
  return `${where}: ${issue.message}${error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problems)` : ""}`;
}

/** Graph fills failureInfo only "if the session failed": any object there is a failure, even `{}`. */
function parseFailure(failure: WireSession["failureInfo"]) {
  if (!failure) return null;
  return { stage: reportedEnum(failure.stage), reason: reportedText(failure.reason) };
}

/** A segment without its own caller or callee is between the session's. */
function parseSegment(
  segment: WireSegment,
  session: { caller: Endpoint | null; callee: Endpoint | null },
  unreadable: Unreadables,
): Segment {
  return {
    id: segment.id,
    startDateTime: segment.startDateTime,
    endDateTime: segment.endDateTime,
    caller: parseEndpoint(segment.caller) ?? session.caller,
    callee: parseEndpoint(segment.callee) ?? session.callee,
    failureInfo: parseFailure(segment.failureInfo),
    media: (segment.media ?? []).map((media) => parseMedia(media, unreadable)),
  };
}

function parseSession(session: WireSession): Session {
  const unreadable = new Unreadables();
  const caller = parseEndpoint(session.caller);
  const callee = parseEndpoint(session.callee);
  return {
    id: session.id,
    modalities: session.modalities ?? [],
    startDateTime: session.startDateTime,
    endDateTime: session.endDateTime,
    isTest: orNull(session.isTest),
    caller,
    callee,
    failureInfo: parseFailure(session.failureInfo),
    segments: (session.segments ?? []).map((segment) =>
      parseSegment(segment, { caller, callee }, unreadable),
    ),
    unreadable: unreadable.list(),
  };
}

/**
 * A page's sessions, each validated on its own: a session callscope cannot read (no ID, a start that is not a
 * time) is left out and reported in `lost`, with the first problem, so the rest of the page and the call still
 * show. `offset`: where `items` start in their page, so a problem names the session in the whole page.
 */
function readSessions(items: readonly unknown[], offset = 0): { sessions: Session[]; lost: Unreadable[] } {
  const sessions: Session[] = [];
  const lost: Unreadable[] = [];
  for (const [index, item] of items.entries()) {
    const result = sessionSchema.safeParse(item);
    if (result.success) sessions.push(parseSession(result.data));
    else lost.push({ what: lostWords(describe(result.error, 0, `value[${index + offset}]`)), count: 1 });
  }
  return { sessions, lost };
}

const lostWords = (problem: string) => `sessions unreadable and left out (first: ${problem})`;
const PLACE = /value\[\d+\]/;

/** The same problem in many sessions reads as one line, naming the first session's place in its page. */
function sameProblem(lost: readonly Unreadable[]): Unreadable[] {
  const merged = new Map<string, Unreadable>();
  for (const { what, count } of lost) {
    const key = what.replace(PLACE, "value[]");
    const seen = merged.get(key);
    merged.set(key, { what: seen?.what ?? what, count: (seen?.count ?? 0) + count });
  }
  return [...merged.values()];
}

export function parseParticipant(participant: WireParticipant): Participant {
  return {
    id: reportedText(participant.id),
    identity: parseIdentity(participant.identity),
    administrativeUnitIds: (participant.administrativeUnitInfos ?? []).flatMap(
      (unit) => reportedText(unit?.id) ?? [],
    ),
  };
}

export interface ParsedRecord {
  call: CallSummary;
  sessions: Session[];
  /** Sessions that could not be read at all, counted by problem (empty when every one could). */
  lost: Unreadable[];
  nextLink: string | null;
  /** participants_v2 carried inline (snapshots store every page so), else the legacy list, else null. */
  participants: { list: Participant[]; source: "participants_v2" | "legacy" } | null;
}

export function parseCallRecordBody(body: unknown): ParsedRecord {
  const record = validate(callRecordSchema, body, "a call record");
  const organizerV2 = parseIdentity(record.organizer_v2?.identity);
  const legacyOrganizer = organizerV2 ? null : parseIdentity(record.organizer);
  const legacy = (record.participants ?? []).flatMap((set) => {
    const identity = parseIdentity(set);
    return identity ? [{ id: identity.id, identity, administrativeUnitIds: [] }] : [];
  });
  const read = readSessions(record.sessions ?? []);
  return {
    call: {
      id: record.id.toLowerCase(),
      version: record.version,
      type: orNull(record.type),
      modalities: record.modalities ?? [],
      startDateTime: record.startDateTime,
      endDateTime: record.endDateTime,
      lastModifiedDateTime: orNull(record.lastModifiedDateTime),
      joinWebUrl: reportedText(record.joinWebUrl),
      organizer: organizerV2 ?? legacyOrganizer,
      organizerSource: organizerV2 ? "organizer_v2" : legacyOrganizer ? "legacy" : null,
    },
    sessions: dedupeSessions(read.sessions),
    lost: sameProblem(read.lost),
    nextLink: orNull(record["sessions@odata.nextLink"]),
    participants: record.participants_v2?.length
      ? { list: record.participants_v2.map(parseParticipant), source: "participants_v2" }
      : legacy.length > 0
        ? { list: legacy, source: "legacy" }
        : null,
  };
}

export function parseSessionsPageBody(body: unknown): {
  sessions: Session[];
  lost: Unreadable[];
  nextLink: string | null;
} {
  const page = validate(sessionsPageSchema, body, "a page of sessions");
  const read = readSessions(page.value);
  return {
    sessions: dedupeSessions(read.sessions),
    lost: sameProblem(read.lost),
    nextLink: orNull(page["@odata.nextLink"]),
  };
}

/**
 * A page's sessions (Graph's `value`), validated and parsed a slice at a time with `pause()` between slices, so
 * that a response arriving meanwhile (the next page, another request) is read at once instead of after the page.
 */
export async function parseSessionsInSlices(
  items: readonly unknown[],
  pause: () => Promise<void>,
  size = 10,
): Promise<{ sessions: Session[]; lost: Unreadable[] }> {
  const sessions: Session[] = [];
  const lost: Unreadable[] = [];
  for (let start = 0; start < items.length; start += size) {
    if (start > 0) await pause();
    const read = readSessions(items.slice(start, start + size), start);
    sessions.push(...read.sessions);
    lost.push(...read.lost);
  }
  return { sessions: dedupeSessions(sessions), lost: sameProblem(lost) };
}

export function parseParticipantsPageBody(body: unknown): {
  participants: Participant[];
  nextLink: string | null;
} {
  const page = validate(participantsPageSchema, body, "a page of participants");
  return { participants: page.value.map(parseParticipant), nextLink: orNull(page["@odata.nextLink"]) };
}
