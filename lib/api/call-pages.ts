import "server-only";
import { setImmediate as nextTurn } from "node:timers/promises";
import type { Participant, Session } from "@/lib/callrecords/model";
import {
  parseCallRecordBody,
  parseParticipantsPageBody,
  parseSessionsInSlices,
} from "@/lib/callrecords/parse";
import type { CallRecordsReader, UpstreamTrace } from "@/lib/graph/callrecords";
import { GraphFailure } from "@/lib/graph/errors";
import { followPages } from "@/lib/graph/paging";
import type { CacheEntry, EntryOf, PageCache, RawKept } from "./cache";
import { spend, type GraphBudget, type PageKind } from "./graph-budget";
import { json, jsonBytes, jsonObject } from "./json-parts";
import { sharedFlight, type SharedStore } from "./shared/shared-store";
import { countUpstream, type RequestTrace } from "./trace";
import { formatCount } from "@/lib/format/numbers";

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

/** A later page of a record: which version, which page, and the nextLink that fetches it. */
export interface PageAt {
  tenantId: string;
  callId: string;
  version: number;
  page: number;
  link: string;
}

export interface CallPagesOptions {
  reader: CallRecordsReader;
  cached: PageCache;
  tenantId: string;
  maxSessions: number;
  /** How long a record's first page is reused before Graph is asked again for a newer version. */
  recordTtlMs: number;
  pageTtlMs: number;
  /** Whether Graph serves participants_v2 here: the docs list it for the global cloud only. */
  participantsV2?: boolean;
  /** Adds what the server knows beyond Graph (ISP and country of public addresses) to each page it reads. */
  annotate?: (sessions: Session[]) => Session[];
  /** Told the subnets of each page read from Graph (for the sites page's "not covered by any site"). */
  onSubnets?: (callId: string, subnets: string[]) => void;
  /**
   * Shared with other instances (Redis): Graph's pages as received, and leases so one instance
   * fetches each page. Without it this instance works alone.
   */
  shared?: SharedStore;
  /** Each call record's share of Graph, spent before every request for it. */
  budget?: GraphBudget;
  /** How long a request may wait for the record's budget before answering 429 (default 5 s). */
  budgetWaitMs?: number;
}

/** participants_v2 pages read at most (the count of people is capped too, by CALLSCOPE_MAX_SESSIONS). */
const MAX_PARTICIPANT_PAGES = 10_000;

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

export const sessionsPart = (sessions: Session[]) => ({
  sessionsJson: jsonBytes(sessions),
  ids: sessions.map((s) => s.id),
  count: sessions.length,
});

/**
 * The call's pages as Graph sends them, in the full view: the record's budget spent before each request,
 * one fetch per page across instances (the shared store's lease), parsed once and annotated (ISPs), and
 * cached here. Graph's own JSON is kept beside each entry for snapshots.
 */
export function createCallPages(options: CallPagesOptions) {
  const { reader, cached, tenantId, maxSessions } = options;
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
  const spendBudget = async (callId: string, kind: PageKind) => {
    if (options.budget)
      await spend(options.budget, `${tenantId}:${callId}`, kind, options.budgetWaitMs ?? 5_000);
  };
  const annotated = (sessions: Session[]) => (options.annotate ? options.annotate(sessions) : sessions);

  /**
   * Cached like any entry, for what comes from Graph: with a shared store, one instance fetches Graph's
   * answer (`fetchRaw`) and stores it there once; every instance derives its own entry from it.
   */
  async function fromGraph<R, E extends CacheEntry>(
    key: string,
    ttl: number,
    trace: RequestTrace,
    fetchRaw: () => Promise<R>,
    derive: (raw: R) => E | Promise<E>,
  ): Promise<E> {
    return cached(key, ttl, trace, async () => {
      const shared = options.shared;
      if (!shared) {
        const raw = await fetchRaw();
        // Let the read-ahead started by this page send its request before this page is parsed.
        await nextTurn();
        return derive(raw);
      }
      const sharedKey = `graph:${key}`;
      let fetched: R | undefined;
      const flight = await sharedFlight(shared, sharedKey, ttl, async () => {
        fetched = await fetchRaw();
        return JSON.stringify(fetched);
      });
      if (!flight.fetched) trace.sharedFetches += 1;
      await nextTurn();
      let entry: E;
      try {
        // What this instance fetched itself needs no second parse.
        entry = await derive(fetched ?? (JSON.parse(flight.value) as R));
      } catch (error) {
        // A shared value we cannot use (another version of callscope wrote it) is not served: ask Graph.
        if (flight.fetched) throw error;
        entry = await derive(await fetchRaw());
      }
      // Graph's answer stays in the shared store only: this instance keeps what it serves.
      return {
        ...entry,
        raw: {
          kind: "shared",
          from: async () =>
            (await sharedFlight(shared, sharedKey, ttl, async () => JSON.stringify(await fetchRaw()))).value,
        },
      } as E;
    });
  }

  /** Every page of participants_v2. A chain that loops or runs away keeps what arrived and says so. */
  async function allParticipants(callId: string, trace: RequestTrace) {
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
          raw,
          incomplete: `the list stops at ${formatCount(maxSessions)} people (CALLSCOPE_MAX_SESSIONS)`,
        };
    }
    return { raw, incomplete: walk.incomplete?.message ?? null };
  }

  const recordKey = (callId: string) => `${tenantId}:${callId}:record`;

  return {
    recordKey,

    /**
     * The record and its first page of sessions. `onNextLink` hears the second page's link and the record's
     * version as soon as Graph's answer is read, before the page is parsed.
     */
    first(
      callId: string,
      trace: RequestTrace,
      onNextLink?: (link: string, version: number) => void,
    ): Promise<EntryOf<"record">> {
      return fromGraph<RawFirst, EntryOf<"record">>(
        recordKey(callId),
        options.recordTtlMs,
        trace,
        async () => {
          await spendBudget(callId, "firstPage");
          const record = await reader.record(callId, upstream(trace));
          const version = record.raw.record.version;
          if (onNextLink && record.nextLink && typeof version === "number" && Number.isSafeInteger(version))
            onNextLink(record.nextLink, version);
          return { record: record.raw.record, sessions: record.raw.sessions, nextLink: record.nextLink };
        },
        (raw) => {
          const parsed = parseCallRecordBody({ ...raw.record, sessions: raw.sessions });
          const { call, participants } = parsed;
          const sessions = annotated(parsed.sessions);
          notifySubnets(callId, sessions);
          return {
            kind: "record",
            callJson: json(call),
            version: call.version,
            ...sessionsPart(sessions),
            lost: parsed.lost,
            nextLink: raw.nextLink,
            legacyParticipantsJson: json(participants?.source === "legacy" ? participants.list : []),
            raw: {
              kind: "here",
              items: raw.sessions.map((session) => JSON.stringify(session)),
              recordJson: JSON.stringify(raw.record),
            },
          };
        },
      );
    },

    /** A later page, from its nextLink; `onNextLink` hears the page after it as soon as Graph names it. */
    later(
      at: PageAt,
      trace: RequestTrace,
      onNextLink?: (link: string) => void,
    ): Promise<EntryOf<"sessions">> {
      return fromGraph<RawPage, EntryOf<"sessions">>(
        `${at.tenantId}:${at.callId}:v${at.version}:p${at.page}`,
        options.pageTtlMs,
        trace,
        async () => {
          await spendBudget(at.callId, "laterPage");
          const page = await reader.sessions(at.callId, at.link, upstream(trace, onNextLink));
          return { sessions: page.raw.sessions, nextLink: page.nextLink };
        },
        async (raw) => {
          const read = await parseSessionsInSlices(raw.sessions, nextTurn);
          const sessions = annotated(read.sessions);
          notifySubnets(at.callId, sessions);
          return {
            kind: "sessions",
            version: at.version,
            ...sessionsPart(sessions),
            lost: read.lost,
            nextLink: raw.nextLink,
            raw: { kind: "here", items: raw.sessions.map((session) => JSON.stringify(session)) },
          };
        },
      );
    },

    /** The call's people, every page of participants_v2, with the record's legacy list beside them. */
    people(callId: string, first: EntryOf<"record">, trace: RequestTrace): Promise<EntryOf<"people">> {
      return fromGraph<RawPeople, EntryOf<"people">>(
        `${tenantId}:${callId}:v${first.version}:participants`,
        options.pageTtlMs,
        trace,
        async () => {
          if (options.participantsV2 === false)
            return { v2: null, unavailable: "participants_v2 is available only in Microsoft's global cloud" };
          try {
            const result = await allParticipants(callId, trace);
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
        (raw) => ({
          kind: "people",
          version: first.version,
          participantsJson: jsonObject({
            v2: json(raw.v2 && parseParticipantsPageBody({ value: raw.v2 }).participants),
            legacy: first.legacyParticipantsJson,
            unavailable: json(raw.unavailable),
          }),
          raw: raw.v2
            ? { kind: "here", items: raw.v2.map((participant) => JSON.stringify(participant)) }
            : null,
        }),
      );
    },
  };
}

/** Graph's own JSON of an entry's list (a page's sessions, the people), one string per item; null if not kept. */
export async function rawItems(raw: RawKept | null, list: "sessions" | "v2"): Promise<string[] | null> {
  if (!raw) return null;
  if (raw.kind === "here") return raw.items;
  const parsed = JSON.parse(await raw.from()) as Record<string, unknown>;
  const items = parsed[list];
  return Array.isArray(items) ? items.map((item) => JSON.stringify(item)) : null;
}

/** Graph's own JSON of the record (without its sessions); null if not kept. */
export async function rawRecord(raw: RawKept | null): Promise<Record<string, unknown> | null> {
  if (!raw) return null;
  if (raw.kind === "here")
    return raw.recordJson ? (JSON.parse(raw.recordJson) as Record<string, unknown>) : null;
  const parsed = JSON.parse(await raw.from()) as { record?: Record<string, unknown> };
  return parsed.record ?? null;
}

export type CallPages = ReturnType<typeof createCallPages>;
