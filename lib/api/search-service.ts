import "server-only";
import { z } from "zod";
import { parseCallListPage } from "@/lib/callrecords/parse-call-list";
import { parsePhoneLogPage } from "@/lib/callrecords/parse-phone-log";
import { isFailedPhoneCall, rowsForPerson, type PhoneLogKind } from "@/lib/callrecords/phone-log";
import {
  CALL_LIST_WINDOW,
  PHONE_LOG_WINDOW,
  resolveWindow,
  type SearchWindow,
  type WindowRules,
} from "@/lib/callrecords/search-window";
import type { View } from "@/lib/callrecords/view";
import { GraphFailure } from "@/lib/graph/errors";
import type { ListPage, SearchReader } from "@/lib/graph/search";
import { countUpstream, type RequestTrace } from "./trace";
import { ApiError } from "./errors";
import { PERSON_HELP, type PersonResolver, type SearchPerson } from "./person";
import { createSealer, type Sealer } from "@/lib/security/sealed";
import { nextInChain } from "@/lib/graph/paging";

const windowSchema = z.object({
  from: z.number(),
  to: z.number(),
  gone: z.object({ from: z.number(), to: z.number() }).nullable(),
});

/** Where a search stands between pages: sealed into the cursor the browser sends back. */
const searchStateSchema = z.object({
  tenantId: z.string(),
  source: z.enum(["calls", "pstn", "directRouting"]),
  link: z.string(),
  page: z.number().int().nonnegative(),
  history: z.array(z.string()).max(64),
  window: windowSchema,
  person: z
    .object({
      kind: z.enum(["user", "phone"]),
      id: z.string(),
      displayName: z.string().nullable(),
      userPrincipalName: z.string().nullable(),
    })
    .nullable(),
  failedOnly: z.boolean(),
});

type SearchState = z.infer<typeof searchStateSchema>;

export const createSearchSealer = (secret: string | undefined): Sealer<SearchState> =>
  createSealer(secret, "search-cursor-v2", searchStateSchema);

/** A phone-log search reads at most this many pages of 1,000 rows before it asks for a narrower window. */
const MAX_PHONE_LOG_PAGES = 200;
const MAX_CALL_PAGES = 500;

export const PHONE_LOG_LABELS: Record<PhoneLogKind, string> = {
  pstn: "PSTN (Calling Plan and Operator Connect)",
  directRouting: "Direct Routing",
};

/** The permission each search needs beyond signing in, as Graph's docs name it. */
const PERMISSION_HELP: Record<SearchState["source"], string> = {
  calls:
    "Listing call records needs the CallRecords.Read.All application permission with admin consent: ask a Global Administrator to grant it under Entra ID → App registrations → callscope → API permissions.",
  pstn: "Reading the PSTN log needs the CallRecord-PstnCalls.Read.All (or CallRecords.Read.All) application permission with admin consent: ask a Global Administrator to grant it under Entra ID → App registrations → callscope → API permissions.",
  directRouting:
    "Reading the Direct Routing log needs the CallRecord-PstnCalls.Read.All (or CallRecords.Read.All) application permission with admin consent: ask a Global Administrator to grant it under Entra ID → App registrations → callscope → API permissions.",
};

/** A Graph failure in the words of the search that met it (the call-record wording would mislead). */
export function searchFailure(error: unknown, source: SearchState["source"]): unknown {
  if (!(error instanceof GraphFailure)) return error;
  const extra = {
    graphRequestId: error.details.requestId,
    retryAfterSeconds: error.details.retryAfterSeconds,
  };
  if (error.kind === "forbidden") return new ApiError(403, "graph_forbidden", PERMISSION_HELP[source], extra);
  if (error.kind === "throttled")
    return new ApiError(
      429,
      "graph_throttled",
      `Graph is limiting ${source === "calls" ? "call-record" : "phone-log"} requests. What arrived stays on screen; the search carries on by itself in ${extra.retryAfterSeconds ?? 30} seconds.`,
      extra,
    );
  if (error.kind === "bad-request")
    return new ApiError(400, "graph_bad_request", `${error.message} Narrow the search and try again.`, extra);
  return error;
}

export interface SearchQuery {
  participant?: string | null;
  from?: string | null;
  to?: string | null;
  cursor?: string | null;
}

export interface SearchServiceOptions {
  reader: SearchReader;
  resolvePerson: PersonResolver;
  sealer: Sealer<SearchState>;
  tenantId: string;
  now?: () => number;
}

/** Finding calls without their ID: Graph's list of call records by person and time, and the phone logs. */
export function createSearchService(options: SearchServiceOptions) {
  const { reader, sealer, tenantId } = options;
  const now = options.now ?? Date.now;

  const seal = (state: SearchState) => sealer.seal(state);

  async function open(cursor: string, source: SearchState["source"]): Promise<SearchState> {
    const state = await sealer.open(cursor);
    if (!state || state.tenantId !== tenantId || state.source !== source)
      throw new ApiError(
        400,
        "invalid_cursor",
        "This page link is invalid, expired or belongs to another search. Run the search again.",
      );
    return state;
  }

  function windowOf(query: SearchQuery, rules: WindowRules): SearchWindow {
    const result = resolveWindow(query, now(), rules);
    if (!result.ok) throw new ApiError(400, "invalid_window", result.message);
    return result.window;
  }

  /** The state for the page after `link`, or null at the end; refuses a chain that loops or runs away. */
  function next(
    state: SearchState | null,
    base: Omit<SearchState, "link" | "page" | "history">,
    link: string | null,
    limit: number,
  ): SearchState | null {
    const chain = nextInChain(state, link, {
      what: "the result",
      maxPages: limit,
      onCap: () =>
        new ApiError(
          422,
          "too_many_results",
          `This search has more than ${limit} pages of results. Narrow the time window.`,
        ),
    });
    return chain && { ...base, ...chain };
  }

  const personView = (person: SearchPerson | null, view: View) => {
    if (!person) return null;
    const [shown] = view.participants([
      {
        id: person.id,
        identity: {
          kind: person.kind,
          id: person.id,
          displayName: person.displayName,
          userPrincipalName: person.userPrincipalName,
          tenantId: null,
          endpointType: null,
          assertedIdentity: null,
        },
        administrativeUnitIds: [],
      },
    ]);
    return {
      kind: person.kind,
      displayName: shown?.identity?.displayName ?? null,
      userPrincipalName: shown?.identity?.userPrincipalName ?? null,
      id: shown?.id ?? null,
    };
  };

  const windowJson = (window: SearchWindow) => ({
    from: new Date(window.from).toISOString(),
    to: new Date(window.to).toISOString(),
    gone: window.gone && {
      from: new Date(window.gone.from).toISOString(),
      to: new Date(window.gone.to).toISOString(),
    },
  });

  return {
    /** One page of a person's calls in a window (Graph's order; the browser sorts what it has). */
    async calls(query: SearchQuery, view: View, trace: RequestTrace): Promise<string> {
      let state: SearchState | null = null;
      let base: Omit<SearchState, "link" | "page" | "history">;
      if (query.cursor) {
        state = await open(query.cursor, "calls");
        base = state;
      } else {
        if (!query.participant?.trim())
          throw new ApiError(
            400,
            "participant_required",
            `Say whose calls to find: ${PERSON_HELP.charAt(0).toLowerCase()}${PERSON_HELP.slice(1)}`,
          );
        const window = windowOf(query, CALL_LIST_WINDOW);
        const person = await options.resolvePerson(query.participant);
        base = { tenantId, source: "calls", window, person, failedOnly: false };
      }
      let page: ListPage;
      try {
        page = await reader.calls(
          { from: base.window.from, to: base.window.to, participantId: base.person?.id },
          state?.link ?? null,
        );
      } catch (error) {
        throw searchFailure(error, "calls");
      }
      countUpstream(trace, page);
      const parsed = parseCallListPage(page.body);
      const following = next(state, base, page.nextLink, MAX_CALL_PAGES);
      return JSON.stringify({
        calls: parsed.calls.map((call) => view.call(call)),
        unreadable: parsed.unreadable,
        page: state?.page ?? 0,
        window: windowJson(base.window),
        person: personView(base.person, view),
        nextCursor: following ? await seal(following) : null,
      });
    },

    /** One page of the PSTN or Direct Routing log, narrowed to a person and to failed calls when asked. */
    async phoneLog(
      kind: PhoneLogKind,
      query: SearchQuery & { failedOnly?: boolean },
      view: View,
      trace: RequestTrace,
    ): Promise<string> {
      let state: SearchState | null = null;
      let base: Omit<SearchState, "link" | "page" | "history">;
      if (query.cursor) {
        state = await open(query.cursor, kind);
        base = state;
      } else {
        const window = windowOf(query, PHONE_LOG_WINDOW);
        const person = query.participant?.trim() ? await options.resolvePerson(query.participant) : null;
        base = { tenantId, source: kind, window, person, failedOnly: query.failedOnly === true };
      }
      let page: ListPage;
      try {
        page = await reader.phoneLog(kind, base.window.from, base.window.to, state?.link ?? null);
      } catch (error) {
        throw searchFailure(error, kind);
      }
      countUpstream(trace, page);
      const parsed = parsePhoneLogPage(kind, page.body);
      let rows = parsed.rows;
      if (base.person)
        rows = rowsForPerson(rows, {
          id: base.person.kind === "user" ? base.person.id : null,
          userPrincipalName: base.person.userPrincipalName,
          number: base.person.kind === "phone" ? base.person.id : null,
        });
      if (base.failedOnly) rows = rows.filter(isFailedPhoneCall);
      const following = next(state, base, page.nextLink, MAX_PHONE_LOG_PAGES);
      return JSON.stringify({
        kind,
        records: view.phoneRows(rows),
        scanned: parsed.rows.length + parsed.unreadable,
        unreadable: parsed.unreadable,
        page: state?.page ?? 0,
        window: windowJson(base.window),
        person: personView(base.person, view),
        nextCursor: following ? await seal(following) : null,
      });
    },
  };
}

export type SearchService = ReturnType<typeof createSearchService>;
