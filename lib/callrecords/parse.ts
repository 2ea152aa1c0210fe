import type { ZodError, ZodType } from "zod";
import { dedupeSessions } from "./dedupe";
import { GraphFailure } from "@/lib/graph/errors";
import {
  callRecordSchema,
  participantsPageSchema,
  sessionsPageSchema,
  type WireParticipant,
  type WireSegment,
  type WireSession,
} from "@/lib/graph/schema";
import { parseEndpoint, parseIdentity } from "./parse-endpoint";
import { parseMedia, Unreadables } from "./parse-media";
import type { CallSummary, Endpoint, Participant, Segment, Session } from "./model";
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
function describe(error: ZodError, offset = 0): string {
  const issue = error.issues[0];
  if (!issue) return "unknown problem";
  const path = issue.path
    .map((part, index) =>
      typeof part === "number" ? `[${index === 1 ? part + offset : part}]` : `.${String(part)}`,
    )
    .join("")
    .replace(/^\./, "");
  return `${path || "body"}: ${issue.message}${error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problems)` : ""}`;
}

function parseFailure(failure: WireSession["failureInfo"]) {
  if (!failure) return null;
  const stage = reportedEnum(failure.stage);
  const reason = reportedText(failure.reason);
  return stage || reason ? { stage, reason } : null;
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
    sessions: dedupeSessions((record.sessions ?? []).map(parseSession)),
    nextLink: orNull(record["sessions@odata.nextLink"]),
    participants: record.participants_v2?.length
      ? { list: record.participants_v2.map(parseParticipant), source: "participants_v2" }
      : legacy.length > 0
        ? { list: legacy, source: "legacy" }
        : null,
  };
}

export function parseSessionsPageBody(body: unknown): { sessions: Session[]; nextLink: string | null } {
  const page = validate(sessionsPageSchema, body, "a page of sessions");
  return {
    sessions: dedupeSessions(page.value.map(parseSession)),
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
): Promise<Session[]> {
  const sessions: Session[] = [];
  for (let start = 0; start < items.length; start += size) {
    if (start > 0) await pause();
    const result = sessionsPageSchema.safeParse({ value: items.slice(start, start + size) });
    if (!result.success)
      throw new GraphFailure(
        "malformed",
        `Graph sent a page of sessions that callscope cannot read: ${describe(result.error, start)}.`,
      );
    for (const session of result.data.value) sessions.push(parseSession(session));
  }
  return dedupeSessions(sessions);
}

export function parseParticipantsPageBody(body: unknown): {
  participants: Participant[];
  nextLink: string | null;
} {
  const page = validate(participantsPageSchema, body, "a page of participants");
  return { participants: page.value.map(parseParticipant), nextLink: orNull(page["@odata.nextLink"]) };
}
