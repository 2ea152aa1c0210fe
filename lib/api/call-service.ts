import "server-only";
import { dedupeSessions } from "@/lib/callrecords/dedupe";
import type { CallSummary, Participant, Session } from "@/lib/callrecords/model";
import { FULL_VIEW, type View } from "@/lib/callrecords/view";
import type { RawPart } from "@/lib/graph/callrecords";
import { GraphFailure } from "@/lib/graph/errors";
import { nextInChain } from "@/lib/graph/paging";
import { createPageCache, type EntryOf, type ResponseCache } from "./cache";
import { createCallPages, rawItems, rawRecord, type CallPagesOptions } from "./call-pages";
import { createViews } from "./call-views";
import type { CursorCodec, CursorState } from "./cursor";
import { ApiError } from "./errors";
import { asJson, json, jsonObjectBytes, parseJsonBytes, type JsonBytes, type JsonText } from "./json-parts";
import { newTrace, type RequestTrace } from "./trace";
import { formatCount } from "@/lib/format/numbers";

export interface CallServiceOptions extends Omit<CallPagesOptions, "cached" | "recordTtlMs" | "pageTtlMs"> {
  cache: ResponseCache;
  cursors: CursorCodec;
  recordTtlMs?: number;
  pageTtlMs?: number;
  /**
   * Keep following nextLinks ahead of the browser once a call is opened, so its page requests find
   * pages already fetched: Graph's chain is strictly sequential, and this keeps it busy.
   */
  readAhead?: boolean;
}

/** A page of the call as the API sends it: UTF-8 bytes, assembled from the cached page's. */
export interface PageResponse {
  json: JsonBytes;
}

type Sessions = EntryOf<"record"> | EntryOf<"sessions">;

/** A page's sessions that could not be read, in the response only when there are any. */
const lostPart = (page: Sessions): Record<string, JsonText> =>
  page.lost.length > 0 ? { lost: json(page.lost) } : {};

/**
 * A call for the routes: its first page with a cursor, later pages by cursor, its people, and whole-call
 * reads for summaries and snapshots. Pages come from `call-pages.ts` (Graph, budget, shared flight),
 * through the page cache (`cache.ts`), in each role's view (`call-views.ts`).
 */
export function createCallService(options: CallServiceOptions) {
  const { cursors, tenantId, maxSessions } = options;
  const recordTtl = options.recordTtlMs ?? 120_000;
  const pageTtl = options.pageTtlMs ?? 3_600_000;
  const cached = createPageCache(options.cache);
  const pages = createCallPages({ ...options, cached, recordTtlMs: recordTtl, pageTtlMs: pageTtl });
  const inView = createViews(cached);

  const loadFirst = async (callId: string, view: View, trace: RequestTrace) => {
    const full = await pages.first(callId, trace, (link, version) =>
      readAhead(null, { callId, version, loaded: 0 }, link),
    );
    return inView(`${pages.recordKey(callId)}:v${full.version}`, recordTtl, trace, view, full);
  };

  const loadPage = async (state: CursorState, view: View, trace: RequestTrace) => {
    const full = await pages.later(state, trace, (link) => readAhead(state, state, link));
    return inView(
      `${state.tenantId}:${state.callId}:v${state.version}:p${state.page}`,
      pageTtl,
      trace,
      view,
      full,
    );
  };

  const loadPeople = async (callId: string, view: View, trace: RequestTrace) => {
    const id = callId.toLowerCase();
    const first = await pages.first(id, trace);
    const full = await pages.people(id, first, trace);
    return inView(`${tenantId}:${id}:v${first.version}:participants`, pageTtl, trace, view, full);
  };

  /** The state for following `link` after `current`, refusing loops and runaways. */
  function follow(
    current: CursorState | null,
    base: { callId: string; version: number },
    link: string,
    loaded: number,
  ): CursorState {
    if (loaded > maxSessions) {
      throw new GraphFailure(
        "too-many-sessions",
        `This call has more than ${formatCount(maxSessions)} sessions, the limit set by CALLSCOPE_MAX_SESSIONS.`,
      );
    }
    // Sessions are capped by count (above), not by pages.
    const chain = nextInChain(current, link, {
      what: "the record's session",
      maxPages: Number.POSITIVE_INFINITY,
      onCap: () => new Error("unreachable"),
    });
    if (!chain) throw new Error("follow() needs a link");
    return { tenantId, callId: base.callId, version: base.version, loaded, ...chain };
  }

  /** Starts the next page as soon as its link is known: Graph's chain is sequential, so keep it busy. */
  function readAhead(
    current: CursorState | null,
    base: { callId: string; version: number; loaded: number },
    link: string,
  ): void {
    if (!options.readAhead) return;
    try {
      loadPage(follow(current, base, link, base.loaded), FULL_VIEW, newTrace()).catch(() => {
        // The browser's own request for this page will surface the error.
      });
    } catch {
      // Loops and runaways are reported to the request that reaches them.
    }
  }

  async function respond(
    state: CursorState | null,
    body: Record<string, JsonText | JsonBytes>,
    loaded: number,
  ): Promise<PageResponse> {
    const cursor = state ? await cursors.seal(state) : null;
    if (state && options.readAhead) loadPage(state, FULL_VIEW, newTrace()).catch(() => undefined);
    return { json: jsonObjectBytes({ ...body, loaded: json(loaded), nextCursor: json(cursor) }) };
  }

  /** The record's first page, then every later one in order, guarded against loops and runaways. */
  async function* pagesOf(callId: string, view: View, trace: RequestTrace): AsyncGenerator<Sessions> {
    const id = callId.toLowerCase();
    const first = await loadFirst(id, view, trace);
    yield first;
    let state = first.nextLink
      ? follow(null, { callId: id, version: first.version }, first.nextLink, first.count)
      : null;
    while (state) {
      const page = await loadPage(state, view, trace);
      yield page;
      state = page.nextLink ? follow(state, state, page.nextLink, state.loaded + page.count) : null;
    }
  }

  return {
    /**
     * Forgets the record's first page here and in the shared store, so the next read asks Graph: a
     * change notification says a newer version exists. Later pages are keyed by version and stay valid.
     */
    async forget(callId: string): Promise<void> {
      const key = pages.recordKey(callId.toLowerCase());
      await options.cache.delete(key);
      await options.shared?.delete(`graph:${key}`);
    },

    /**
     * The call and its sessions, read through the same cache as the drill-down, stopping after `cap`
     * sessions (`complete` says whether that cut anything): for summaries that need the media, not the pages.
     */
    async readCall(
      callId: string,
      trace: RequestTrace,
      cap: number,
    ): Promise<{ call: CallSummary; sessions: Session[]; complete: boolean }> {
      let call: CallSummary | null = null;
      const sessions: Session[] = [];
      const seen = new Set<string>();
      for await (const page of pagesOf(callId, FULL_VIEW, trace)) {
        if (page.kind === "record") call = JSON.parse(page.callJson) as CallSummary;
        sessions.push(...dedupeSessions(parseJsonBytes(page.sessionsJson) as Session[], seen));
        if (sessions.length >= cap && page.nextLink) {
          if (!call) break;
          return { call, sessions, complete: false };
        }
      }
      if (!call) throw new GraphFailure("malformed", "Graph sent a call record without its summary.");
      return { call, sessions, complete: true };
    },

    /** participants_v2 (every page) or the legacy list, parsed: for matching the call against the phone logs. */
    async participantList(callId: string, trace: RequestTrace): Promise<Participant[]> {
      const entry = await loadPeople(callId, FULL_VIEW, trace);
      const people = JSON.parse(entry.participantsJson) as {
        v2?: Participant[] | null;
        legacy?: Participant[];
      };
      return people.v2 ?? people.legacy ?? [];
    },

    /** The call's people as Graph lists them (participants_v2, every page) and its legacy list, for the view. */
    async participants(callId: string, view: View, trace: RequestTrace): Promise<{ json: JsonText }> {
      return { json: (await loadPeople(callId, view, trace)).participantsJson };
    },

    async openCall(callId: string, view: View, trace: RequestTrace): Promise<PageResponse> {
      const id = callId.toLowerCase();
      const first = await loadFirst(id, view, trace);
      const next = first.nextLink
        ? follow(null, { callId: id, version: first.version }, first.nextLink, first.count)
        : null;
      return respond(
        next,
        { call: first.callJson, sessions: first.sessionsJson, page: asJson("0"), ...lostPart(first) },
        first.count,
      );
    },

    async sessionsPage(
      callId: string,
      cursor: string,
      view: View,
      trace: RequestTrace,
    ): Promise<PageResponse> {
      const state = await cursors.open(cursor);
      if (!state || state.tenantId !== tenantId || state.callId !== callId.toLowerCase()) {
        throw new ApiError(
          400,
          "invalid_cursor",
          "This page link is invalid, expired or belongs to another call. Reload the call to start again.",
        );
      }
      const page = await loadPage(state, view, trace);
      const loaded = state.loaded + page.count;
      const next = page.nextLink ? follow(state, state, page.nextLink, loaded) : null;
      return respond(
        next,
        { sessions: page.sessionsJson, page: json(state.page), ...lostPart(page) },
        loaded,
      );
    },

    /**
     * The whole record as Graph sent it, through the same cache: each page's sessions (one JSON string per
     * session), then the record and its participants_v2 (one string per person). For snapshots and JSON
     * exports, which write it out a slice at a time instead of holding one big object.
     */
    async *rawCall(callId: string, trace: RequestTrace): AsyncGenerator<RawPart> {
      let record: Record<string, unknown> = {};
      for await (const page of pagesOf(callId, FULL_VIEW, trace)) {
        if (page.kind === "record") record = (await rawRecord(page.raw)) ?? record;
        yield { rawSessions: (await rawItems(page.raw, "sessions")) ?? [], count: page.count };
      }
      // Kept as `$expand=participants_v2` would send them, so a snapshot knows its people after Graph forgets.
      // A big call can have spent Graph's per-record budget on its sessions: then the snapshot goes without.
      let rawParticipants: string[] | null = null;
      try {
        rawParticipants = await rawItems((await loadPeople(callId, FULL_VIEW, trace)).raw, "v2");
      } catch (error) {
        if (!(error instanceof GraphFailure) || error.kind !== "throttled") throw error;
      }
      yield { record, rawParticipants };
    },
  };
}

export type CallService = ReturnType<typeof createCallService>;
