import "server-only";
import { parseCallRecordBody, parseParticipantsPageBody, parseSessionsPageBody } from "@/lib/callrecords/parse";
import type { CallSummary, Participant, Session } from "@/lib/callrecords/model";
import type { GraphResult } from "./client";
import { checkNextLink, participantsUrl, recordUrl } from "./links";

/** Graph's largest page of participants_v2 (sessions: 60). */
const PARTICIPANTS_PAGE = 130;

export interface UpstreamTrace {
  /** Called once per Graph response, for logs and support cases. */
  onResponse?: (info: { requestId: string | undefined; retries: number }) => void;
  /**
   * Called with the checked nextLink as soon as a page arrives, before the page is validated, so
   * the next request can start while this page is still being read.
   */
  onNextLink?: (link: string) => void;
}

function announceNextLink(body: unknown, key: string, trace: UpstreamTrace, check: (link: unknown) => string): void {
  if (!trace.onNextLink || !body || typeof body !== "object") return;
  const link = (body as Record<string, unknown>)[key];
  if (typeof link !== "string") return;
  try {
    trace.onNextLink(check(link));
  } catch {
    // A bad link is reported by the page's own validation below.
  }
}

export interface RecordPage {
  call: CallSummary;
  sessions: Session[];
  nextLink: string | null;
  /** The legacy `participants` property, for records written before Graph moved to participants_v2. */
  legacyParticipants: Participant[];
  /** The record as Graph sent it, sessions aside, and the page's sessions as Graph sent them: for snapshots. */
  raw: { record: Record<string, unknown>; sessions: unknown[] };
}

export interface ParticipantsPage {
  participants: Participant[];
  nextLink: string | null;
  /** The page's participants as Graph sent them: for snapshots. */
  raw: unknown[];
}

export interface SessionsPage {
  sessions: Session[];
  nextLink: string | null;
  raw: { sessions: unknown[] };
}

/** The two Graph reads callscope makes; it knows URLs and wire format, nothing about caching. */
export function createCallRecordsReader(graphGet: (url: string, options?: { maxPageSize?: number }) => Promise<GraphResult>, graphBaseUrl: string) {
  async function get(url: string, trace: UpstreamTrace, maxPageSize?: number) {
    const result = await graphGet(url, { maxPageSize });
    trace.onResponse?.({ requestId: result.requestId, retries: result.retries });
    return result.body;
  }

  return {
    /** The record with its first page of sessions and their segments: one round trip. */
    async record(callId: string, trace: UpstreamTrace = {}): Promise<RecordPage> {
      const body = await get(recordUrl(graphBaseUrl, callId), trace);
      announceNextLink(body, "sessions@odata.nextLink", trace, (link) => checkNextLink(link, graphBaseUrl, callId));
      const { participants, ...parsed } = parseCallRecordBody(body);
      const { sessions: rawSessions, ...record } = body as Record<string, unknown>;
      for (const key of Object.keys(record)) if (key.startsWith("sessions@") || key === "@odata.context") delete record[key];
      return {
        ...parsed,
        legacyParticipants: participants?.source === "legacy" ? participants.list : [],
        nextLink: parsed.nextLink ? checkNextLink(parsed.nextLink, graphBaseUrl, callId) : null,
        raw: { record, sessions: Array.isArray(rawSessions) ? rawSessions : [] },
      };
    },

    /** A later page, from a nextLink that is checked again before it is followed. */
    async sessions(callId: string, nextLink: string, trace: UpstreamTrace = {}): Promise<SessionsPage> {
      const body = await get(checkNextLink(nextLink, graphBaseUrl, callId), trace);
      announceNextLink(body, "@odata.nextLink", trace, (link) => checkNextLink(link, graphBaseUrl, callId));
      const parsed = parseSessionsPageBody(body);
      const rawSessions = (body as { value?: unknown }).value;
      return {
        ...parsed,
        nextLink: parsed.nextLink ? checkNextLink(parsed.nextLink, graphBaseUrl, callId) : null,
        raw: { sessions: Array.isArray(rawSessions) ? rawSessions : [] },
      };
    },

    /** A page of participants_v2: the first without a link, later ones from a checked nextLink. */
    async participants(callId: string, nextLink: string | null, trace: UpstreamTrace = {}): Promise<ParticipantsPage> {
      const url = nextLink === null ? participantsUrl(graphBaseUrl, callId) : checkNextLink(nextLink, graphBaseUrl, callId, "participants_v2");
      const body = await get(url, trace, PARTICIPANTS_PAGE);
      const parsed = parseParticipantsPageBody(body);
      const raw = (body as { value?: unknown }).value;
      return {
        ...parsed,
        nextLink: parsed.nextLink ? checkNextLink(parsed.nextLink, graphBaseUrl, callId, "participants_v2") : null,
        raw: Array.isArray(raw) ? raw : [],
      };
    },
  };
}

export type CallRecordsReader = ReturnType<typeof createCallRecordsReader>;
