import "server-only";
import type { GraphGetOptions, GraphResult } from "./client";
import { checkNextLink, nextLinkInBytes, participantsUrl, recordUrl } from "./links";

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

/**
 * Tells `trace.onNextLink` about a page's nextLink once: from the bytes before they are parsed when the key is
 * unambiguous there, else from the parsed body. A bad link is not announced; the page's own validation reports it.
 */
function nextLinkAnnouncer(key: string, trace: UpstreamTrace, check: (link: unknown) => string) {
  let announced = false;
  const announce = (link: unknown): boolean => {
    if (announced || !trace.onNextLink || typeof link !== "string") return false;
    try {
      const checked = check(link);
      announced = true;
      trace.onNextLink(checked);
      return true;
    } catch {
      return false;
    }
  };
  return {
    beforeParse: trace.onNextLink ? (bytes: Buffer) => announce(nextLinkInBytes(bytes, key)) : undefined,
    afterParse(body: unknown) {
      if (body && typeof body === "object") announce((body as Record<string, unknown>)[key]);
    },
  };
}

/** The record with its first page of sessions, as Graph sent it (mapping to the domain happens above). */
export interface RecordPage {
  body: unknown;
  /** Checked against the Graph host and this call's sessions path; null on the last page. */
  nextLink: string | null;
  /** The record without its sessions, and the page's sessions: what snapshots store. */
  raw: { record: Record<string, unknown>; sessions: unknown[] };
}

export interface SessionsPage {
  body: unknown;
  nextLink: string | null;
  raw: { sessions: unknown[] };
}

export interface ParticipantsPage {
  body: unknown;
  nextLink: string | null;
  /** The page's participants as Graph sent them: for snapshots. */
  raw: unknown[];
}

/**
 * A record as Graph sent it, in parts: each page's sessions (one JSON string per session), then the
 * record and its participants_v2 (one string per person, null when Graph did not give them).
 */
export type RawPart =
  | { rawSessions: string[]; count: number }
  | { record: Record<string, unknown>; rawParticipants: string[] | null };

const field = (body: unknown, key: string): unknown =>
  body && typeof body === "object" ? (body as Record<string, unknown>)[key] : undefined;
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** The Graph reads callscope makes; it knows URLs, paging and the wire format, nothing about the domain or caching. */
export function createCallRecordsReader(
  graphGet: (url: string, options?: GraphGetOptions) => Promise<GraphResult>,
  graphBaseUrl: string,
) {
  async function get(
    url: string,
    trace: UpstreamTrace,
    maxPageSize?: number,
    beforeParse?: GraphGetOptions["beforeParse"],
  ) {
    const result = await graphGet(url, { maxPageSize, beforeParse });
    trace.onResponse?.({ requestId: result.requestId, retries: result.retries });
    return result.body;
  }

  /** The page's nextLink under `key`, checked; null when there is none. */
  const nextOf = (body: unknown, key: string, check: (link: unknown) => string): string | null => {
    const link = field(body, key);
    return link === undefined || link === null ? null : check(link);
  };

  return {
    /** The record with its first page of sessions and their segments: one round trip. */
    async record(callId: string, trace: UpstreamTrace = {}): Promise<RecordPage> {
      const check = (link: unknown) => checkNextLink(link, graphBaseUrl, callId);
      const next = nextLinkAnnouncer("sessions@odata.nextLink", trace, check);
      const body = await get(recordUrl(graphBaseUrl, callId), trace, undefined, next.beforeParse);
      next.afterParse(body);
      const record = body && typeof body === "object" ? { ...(body as Record<string, unknown>) } : {};
      delete record.sessions;
      for (const key of Object.keys(record))
        if (key.startsWith("sessions@") || key === "@odata.context") delete record[key];
      return {
        body,
        nextLink: nextOf(body, "sessions@odata.nextLink", check),
        raw: { record, sessions: list(field(body, "sessions")) },
      };
    },

    /** A later page, from a nextLink that is checked again before it is followed. */
    async sessions(callId: string, nextLink: string, trace: UpstreamTrace = {}): Promise<SessionsPage> {
      const check = (link: unknown) => checkNextLink(link, graphBaseUrl, callId);
      const next = nextLinkAnnouncer("@odata.nextLink", trace, check);
      const body = await get(check(nextLink), trace, undefined, next.beforeParse);
      next.afterParse(body);
      return {
        body,
        nextLink: nextOf(body, "@odata.nextLink", check),
        raw: { sessions: list(field(body, "value")) },
      };
    },

    /** A page of participants_v2: the first without a link, later ones from a checked nextLink. */
    async participants(
      callId: string,
      nextLink: string | null,
      trace: UpstreamTrace = {},
    ): Promise<ParticipantsPage> {
      const check = (link: unknown) => checkNextLink(link, graphBaseUrl, callId, "participants_v2");
      const body = await get(
        nextLink === null ? participantsUrl(graphBaseUrl, callId) : check(nextLink),
        trace,
        PARTICIPANTS_PAGE,
      );
      return { body, nextLink: nextOf(body, "@odata.nextLink", check), raw: list(field(body, "value")) };
    },
  };
}

export type CallRecordsReader = ReturnType<typeof createCallRecordsReader>;
