import "server-only";
import { dedupeSessions } from "@/lib/callrecords/dedupe";
import { followPages, nextInChain } from "@/lib/graph/paging";
import type { CallSummary, Participant, Session } from "@/lib/callrecords/model";
import { FULL_VIEW, type View } from "@/lib/callrecords/view";
import {
  parseCallRecordBody,
  parseParticipantsPageBody,
  parseSessionsPageBody,
} from "@/lib/callrecords/parse";
import type { CallRecordsReader, RawPart, UpstreamTrace } from "@/lib/graph/callrecords";
import { GraphFailure } from "@/lib/graph/errors";
import type { CachedPage, ResponseCache } from "./cache";
import type { CursorCodec, CursorState } from "./cursor";
import { ApiError } from "./errors";
import { spend, type GraphBudget, type PageKind } from "./graph-budget";
import { sharedFlight, type SharedStore } from "./shared/shared-store";
import { createSingleFlight } from "./single-flight";

/** What one API request cost upstream, for its log line. */
export interface RequestTrace {
  upstreamPages: number;
  retries: number;
  cacheHits: number;
  sharedFetches: number;
  graphRequestIds: string[];
}

/** Counts one Graph response in a request's trace (its log line). */
export function countUpstream(trace: RequestTrace, response: { requestId?: string; retries: number }): void {
  trace.upstreamPages += 1;
  trace.retries += response.retries;
  if (response.requestId) trace.graphRequestIds.push(response.requestId);
}

export const newTrace = (): RequestTrace => ({
  upstreamPages: 0,
  retries: 0,
  cacheHits: 0,
  sharedFetches: 0,
  graphRequestIds: [],
});

export interface CallServiceOptions {
  reader: CallRecordsReader;
  cache: ResponseCache;
  cursors: CursorCodec;
  tenantId: string;
  maxSessions: number;
  /** How long a record's first page is reused before Graph is asked again for a newer version. */
  recordTtlMs?: number;
  pageTtlMs?: number;
  /**
   * Keep following nextLinks ahead of the browser once a call is opened, so its page requests find
   * pages already fetched: Graph's chain is strictly sequential, and this keeps it busy.
   */
  readAhead?: boolean;
  /** Whether Graph serves participants_v2 here: the docs list it for the global cloud only. */
  participantsV2?: boolean;
  /** Adds what the server knows beyond Graph (ISP and country of public addresses) to each page it reads. */
  annotate?: (sessions: Session[]) => Session[];
  /** Told the subnets of each page read from Graph (for the sites page's "not covered by any site"). */
  onSubnets?: (callId: string, subnets: string[]) => void;
  /**
   * Shared with other instances (Redis): Graph's pages as received, and leases so one instance
   * fetches each page. Without it this instance works alone, as before.
   */
  shared?: SharedStore;
  /** Each call record's share of Graph, spent before every request for it. */
  budget?: GraphBudget;
  /** How long a request may wait for the record's budget before answering 429 (default 5 s). */
  budgetWaitMs?: number;
}

/** Graph's answer for the record's first page, as kept in the shared store. */
interface RawFirst {
  record: Record<string, unknown>;
  sessions: unknown[];
  nextLink: string | null;
}
interface RawPage {
  sessions: unknown[];
  nextLink: string | null;
}
interface RawPeople {
  v2: unknown[] | null;
  unavailable: string | null;
}

/** Every subnet a page's streams were sent from or to. */
function subnetsOf(sessions: readonly Session[]): string[] {
  const found = new Set<string>();
  for (const session of sessions)
    for (const segment of session.segments)
      for (const media of segment.media)
        for (const network of [media.callerNetwork, media.calleeNetwork])
          if (network?.subnet) found.add(network.subnet);
  return [...found];
}

export interface PageResponse {
  json: string;
}

/** participants_v2 pages read at most (the count of people is capped too, by CALLSCOPE_MAX_SESSIONS). */
const MAX_PARTICIPANT_PAGES = 10_000;
const nextMacrotask = () => new Promise<void>((resolve) => setImmediate(resolve));
const serialize = (sessions: Session[]) => ({
  sessionsJson: JSON.stringify(sessions),
  ids: sessions.map((s) => s.id),
  count: sessions.length,
});

export function createCallService(options: CallServiceOptions) {
  const { reader, cache, cursors, tenantId, maxSessions } = options;
  const recordTtl = options.recordTtlMs ?? 120_000;
  const pageTtl = options.pageTtlMs ?? 3_600_000;
  const flights = createSingleFlight<CachedPage>();
  const notifySubnets = (callId: string, sessions: readonly Session[]) => {
    try {
      options.onSubnets?.(callId, subnetsOf(sessions));
    } catch {
      // Remembering subnets is a convenience; it never fails a page.
    }
  };

  const upstream = (trace: RequestTrace, onNextLink?: (link: string) => void): UpstreamTrace => ({
    onResponse: (response) => countUpstream(trace, response),
    onNextLink,
  });

  /** Cache first; otherwise one shared upstream fetch per key, however many requests wait on it. */
  async function cached(
    key: string,
    ttl: number,
    trace: RequestTrace,
    load: () => Promise<CachedPage>,
  ): Promise<CachedPage> {
    const hit = await cache.get(key);
    if (hit) {
      trace.cacheHits += 1;
      return hit;
    }
    const flight = flights.run(key, async () => {
      const page = await load();
      await cache.set(key, page, ttl);
      return page;
    });
    if (flight.shared) trace.sharedFetches += 1;
    return flight.promise;
  }

  /**
   * Like `cached`, for what comes from Graph: with a shared store, one instance fetches Graph's answer
   * (`fetchRaw`) and stores it there once; every instance derives its own cached page from it.
   */
  async function cachedFromGraph<R>(
    key: string,
    ttl: number,
    trace: RequestTrace,
    fetchRaw: () => Promise<R>,
    derive: (raw: R) => CachedPage,
  ): Promise<CachedPage> {
    return cached(key, ttl, trace, async () => {
      const shared = options.shared;
      if (!shared) {
        const raw = await fetchRaw();
        // Let the read-ahead started by this page send its request before this page is parsed.
        await nextMacrotask();
        return derive(raw);
      }
      const sharedKey = `graph:${key}`;
      let fetched: R | undefined;
      const flight = await sharedFlight(shared, sharedKey, ttl, async () => {
        fetched = await fetchRaw();
        return JSON.stringify(fetched);
      });
      if (!flight.fetched) trace.sharedFetches += 1;
      await nextMacrotask();
      let page: CachedPage;
      try {
        // What this instance fetched itself needs no second parse.
        page = derive(fetched ?? (JSON.parse(flight.value) as R));
      } catch (error) {
        // A shared value we cannot use (another version of callscope wrote it) is not served: ask Graph.
        if (flight.fetched) throw error;
        page = derive(await fetchRaw());
      }
      // Graph's answer stays in the shared store only: this instance keeps what it serves.
      const { rawSessions: _sessions, rawParticipants: _people, ...kept } = page;
      return {
        ...kept,
        rawFrom: async () =>
          (await sharedFlight(shared, sharedKey, ttl, async () => JSON.stringify(await fetchRaw()))).value,
      };
    });
  }

  const spendBudget = async (callId: string, kind: PageKind) => {
    if (options.budget)
      await spend(options.budget, `${tenantId}:${callId}`, kind, options.budgetWaitMs ?? 5_000);
  };

  /**
   * A page as `view` shows it. Graph is read once per page, in full; other views are derived from that
   * cached full page (and cached themselves), so a Reader after an Investigator costs Graph nothing.
   */
  async function inView(
    key: string,
    ttl: number,
    trace: RequestTrace,
    view: View,
    full: CachedPage,
  ): Promise<CachedPage> {
    if (view === FULL_VIEW) return full;
    return cached(`${key}:${view.name}`, ttl, trace, async () => ({
      version: full.version,
      ...serialize(view.sessions(JSON.parse(full.sessionsJson) as Session[])),
      nextLink: full.nextLink,
      ...(full.callJson
        ? { callJson: JSON.stringify(view.call(JSON.parse(full.callJson) as CallSummary)) }
        : {}),
      ...(full.legacyParticipantsJson
        ? {
            legacyParticipantsJson: JSON.stringify(
              view.participants(JSON.parse(full.legacyParticipantsJson) as Participant[]),
            ),
          }
        : {}),
      ...(full.participantsJson ? { participantsJson: participantsInView(full.participantsJson, view) } : {}),
    }));
  }

  function participantsInView(json: string, view: View): string {
    const people = JSON.parse(json) as {
      v2: Participant[] | null;
      legacy: Participant[];
      unavailable: string | null;
    };
    return JSON.stringify({
      v2: people.v2 && view.participants(people.v2),
      legacy: view.participants(people.legacy),
      unavailable: people.unavailable,
    });
  }

  async function loadFirst(callId: string, view: View, trace: RequestTrace): Promise<CachedPage> {
    const key = `${tenantId}:${callId}:record`;
    const full = await cachedFromGraph<RawFirst>(
      key,
      recordTtl,
      trace,
      async () => {
        await spendBudget(callId, "firstPage");
        const record = await reader.record(callId, upstream(trace));
        return { record: record.raw.record, sessions: record.raw.sessions, nextLink: record.nextLink };
      },
      (raw) => {
        const parsed = parseCallRecordBody({ ...raw.record, sessions: raw.sessions });
        const { call, participants } = parsed;
        const sessions = options.annotate ? options.annotate(parsed.sessions) : parsed.sessions;
        notifySubnets(callId, sessions);
        return {
          callJson: JSON.stringify(call),
          version: call.version,
          ...serialize(sessions),
          nextLink: raw.nextLink,
          legacyParticipantsJson: JSON.stringify(participants?.source === "legacy" ? participants.list : []),
          rawRecordJson: JSON.stringify(raw.record),
          rawSessions: raw.sessions.map((session) => JSON.stringify(session)),
        };
      },
    );
    return inView(`${key}:v${full.version}`, recordTtl, trace, view, full);
  }

  async function loadPage(state: CursorState, view: View, trace: RequestTrace): Promise<CachedPage> {
    const key = `${state.tenantId}:${state.callId}:v${state.version}:p${state.page}`;
    const full = await cachedFromGraph<RawPage>(
      key,
      pageTtl,
      trace,
      async () => {
        await spendBudget(state.callId, "laterPage");
        const page = await reader.sessions(
          state.callId,
          state.link,
          upstream(trace, (link) => readAhead(state, link)),
        );
        return { sessions: page.raw.sessions, nextLink: page.nextLink };
      },
      (raw) => {
        const read = parseSessionsPageBody({ value: raw.sessions }).sessions;
        const sessions = options.annotate ? options.annotate(read) : read;
        notifySubnets(state.callId, sessions);
        return {
          version: state.version,
          ...serialize(sessions),
          nextLink: raw.nextLink,
          rawSessions: raw.sessions.map((session) => JSON.stringify(session)),
        };
      },
    );
    return inView(key, pageTtl, trace, view, full);
  }

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
        `This call has more than ${maxSessions.toLocaleString("en-US")} sessions, the limit set by CALLSCOPE_MAX_SESSIONS.`,
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
  function readAhead(current: CursorState, link: string): void {
    if (!options.readAhead) return;
    try {
      loadPage(follow(current, current, link, current.loaded), FULL_VIEW, newTrace()).catch(() => {
        // The browser's own request for this page will surface the error.
      });
    } catch {
      // Loops and runaways are reported to the request that reaches them.
    }
  }

  async function respond(state: CursorState | null, body: string, loaded: number): Promise<PageResponse> {
    const cursor = state ? await cursors.seal(state) : null;
    if (state && options.readAhead) loadPage(state, FULL_VIEW, newTrace()).catch(() => undefined);
    return { json: `${body},"loaded":${loaded},"nextCursor":${JSON.stringify(cursor)}}` };
  }

  /** The record's first page, then every later one in order, guarded against loops and runaways. */
  async function* pagesOf(callId: string, view: View, trace: RequestTrace): AsyncGenerator<CachedPage> {
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

  /** Every page of participants_v2. A chain that loops or runs away keeps what arrived and says so. */
  async function allParticipants(
    callId: string,
    trace: RequestTrace,
  ): Promise<{ list: Participant[]; raw: unknown[]; incomplete: string | null }> {
    const list: Participant[] = [];
    const raw: unknown[] = [];
    const walk = followPages(
      async (link) => {
        // participants_v2 pages draw on the record's budget like its later pages of sessions.
        await spendBudget(callId, "laterPage");
        return reader.participants(callId, link, upstream(trace));
      },
      { what: "participants_v2", maxPages: MAX_PARTICIPANT_PAGES },
    );
    for await (const page of walk) {
      list.push(...parseParticipantsPageBody(page.body).participants);
      raw.push(...page.raw);
      if (list.length > maxSessions)
        return {
          list,
          raw,
          incomplete: `the list stops at ${maxSessions.toLocaleString("en-US")} people (CALLSCOPE_MAX_SESSIONS)`,
        };
    }
    return { list, raw, incomplete: walk.incomplete?.message ?? null };
  }

  /** The call's people, every page of participants_v2, cached per record version; other views derived from it. */
  async function loadParticipants(callId: string, view: View, trace: RequestTrace): Promise<CachedPage> {
    const id = callId.toLowerCase();
    const first = await loadFirst(id, FULL_VIEW, trace);
    const key = `${tenantId}:${id}:v${first.version}:participants`;
    const full = await cachedFromGraph<RawPeople>(
      key,
      pageTtl,
      trace,
      async () => {
        if (options.participantsV2 === false)
          return { v2: null, unavailable: "participants_v2 is available only in Microsoft's global cloud" };
        try {
          const result = await allParticipants(id, trace);
          return { v2: result.raw, unavailable: result.incomplete };
        } catch (error) {
          // The call stays readable without its list of people; throttling is worth waiting for instead.
          if (
            !(error instanceof GraphFailure) ||
            ["throttled", "timeout", "unavailable", "credentials", "unauthorized"].includes(error.kind)
          )
            throw error;
          return {
            v2: null,
            unavailable: `Graph did not return participants_v2 (${error.message.replace(/\.$/, "")})`,
          };
        }
      },
      (raw) => {
        const v2 = raw.v2 && parseParticipantsPageBody({ value: raw.v2 }).participants;
        const participantsJson = `{"v2":${JSON.stringify(v2)},"legacy":${first.legacyParticipantsJson ?? "[]"},"unavailable":${JSON.stringify(raw.unavailable)}}`;
        return {
          version: first.version,
          sessionsJson: "[]",
          ids: [],
          count: 0,
          nextLink: null,
          participantsJson,
          rawParticipants: raw.v2?.map((participant) => JSON.stringify(participant)),
        };
      },
    );
    return inView(key, pageTtl, trace, view, full);
  }

  /** One list of Graph's answer kept in the shared store (a page's sessions, the people), one string per item. */
  async function rawListOf(page: CachedPage, list: "sessions" | "v2"): Promise<string[] | null> {
    if (!page.rawFrom) return null;
    const raw = JSON.parse(await page.rawFrom()) as Record<string, unknown>;
    const items = raw[list];
    return Array.isArray(items) ? items.map((item) => JSON.stringify(item)) : null;
  }

  return {
    /**
     * Forgets the record's first page here and in the shared store, so the next read asks Graph: a
     * change notification says a newer version exists. Later pages are keyed by version and stay valid.
     */
    async forget(callId: string): Promise<void> {
      const key = `${tenantId}:${callId.toLowerCase()}:record`;
      await cache.delete(key);
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
        if (page.callJson) call = JSON.parse(page.callJson) as CallSummary;
        sessions.push(...dedupeSessions(JSON.parse(page.sessionsJson) as Session[], seen));
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
      const entry = await loadParticipants(callId, FULL_VIEW, trace);
      const people = JSON.parse(entry.participantsJson ?? "{}") as {
        v2?: Participant[] | null;
        legacy?: Participant[];
      };
      return people.v2 ?? people.legacy ?? [];
    },

    /** The call's people as Graph lists them (participants_v2, every page) and its legacy list, for the view. */
    async participants(callId: string, view: View, trace: RequestTrace): Promise<PageResponse> {
      const entry = await loadParticipants(callId, view, trace);
      return { json: entry.participantsJson ?? `{"v2":null,"legacy":[],"unavailable":null}` };
    },

    async openCall(callId: string, view: View, trace: RequestTrace): Promise<PageResponse> {
      const id = callId.toLowerCase();
      const first = await loadFirst(id, view, trace);
      const next = first.nextLink
        ? follow(null, { callId: id, version: first.version }, first.nextLink, first.count)
        : null;
      return respond(
        next,
        `{"call":${first.callJson ?? "null"},"sessions":${first.sessionsJson},"page":0`,
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
      return respond(next, `{"sessions":${page.sessionsJson},"page":${state.page}`, loaded);
    },

    /**
     * The whole record as Graph sent it, through the same cache: each page's sessions (one JSON string per
     * session), then the record and its participants_v2 (one string per person). For snapshots and JSON
     * exports, which write it out a slice at a time instead of holding one big object.
     */
    async *rawCall(callId: string, trace: RequestTrace): AsyncGenerator<RawPart> {
      let record: Record<string, unknown> = {};
      for await (const page of pagesOf(callId, FULL_VIEW, trace)) {
        if (page.rawRecordJson) record = JSON.parse(page.rawRecordJson) as Record<string, unknown>;
        yield {
          rawSessions: page.rawSessions ?? (await rawListOf(page, "sessions")) ?? [],
          count: page.count,
        };
      }
      // Kept as `$expand=participants_v2` would send them, so a snapshot knows its people after Graph forgets.
      // A big call can have spent Graph's per-record budget on its sessions: then the snapshot goes without.
      let rawParticipants: string[] | null = null;
      try {
        const people = await loadParticipants(callId, FULL_VIEW, trace);
        rawParticipants = people.rawParticipants ?? (people.rawFrom ? await rawListOf(people, "v2") : null);
      } catch (error) {
        if (!(error instanceof GraphFailure) || error.kind !== "throttled") throw error;
      }
      yield { record, rawParticipants };
    },
  };
}

export type CallService = ReturnType<typeof createCallService>;
