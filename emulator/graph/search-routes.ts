// Finding calls without their ID: the list of call records (with Graph's two filters), the PSTN and
// Direct Routing log functions, and the directory read that turns a sign-in name into an object ID.
import type { Context, Hono } from "hono";
import type { CryptoKey } from "jose";
import { demoPeople } from "../../lib/demo/people";
import type { CallStore } from "../data/store";
import type { WireCallRecord } from "../data/wire";
import { CALL_RECORDS_ROLE, DIRECTORY_ROLE, PHONE_LOG_ROLE } from "../entra/registry";
import type { EmulatorEnv } from "../env";
import type { FaultInjector } from "../faults";
import { requireGraphApp } from "./auth";
import { serialize } from "./enums";
import { graphError, injectedFault, readSkipToken } from "./errors";
import { matchesStart, parseFunctionWindow, parseListFilter } from "./list-filter";
import { applySelect, pageSizeFor, parsePrefer, parseSelect, wantsMetadata, type SkipTokens } from "./odata";
import { RECORD_FIELDS } from "./routes";
import type { RecordThrottle } from "./throttle";

const RETENTION_MS = 30 * 86_400_000;
const PHONE_LOG_PAGE = 1000;
/** The list selects the record's own properties, as a single record does. */
const LIST_FIELDS = RECORD_FIELDS;

export interface SearchDeps {
  store: CallStore;
  publicKey: CryptoKey;
  throttle: RecordThrottle;
  faults: FaultInjector;
  skipTokens: SkipTokens;
  /** Requests per kind, for tests that count what callscope asked. */
  counts: Map<string, number>;
  pageSizes: { list?: number; phoneLog?: number };
}

export function registerSearchRoutes(app: Hono<EmulatorEnv>, deps: SearchDeps): void {
  /** Latency, auth, the bucket's throttle and injected faults; a response to send instead, or the tenant. */
  async function admit(
    c: Context<EmulatorEnv>,
    bucket: "list" | "phoneLog" | "directory",
    accepted: readonly string[],
    page: "first" | "later",
  ): Promise<Response | { tenantId: string; truncate: boolean }> {
    const auth = await requireGraphApp(c, deps.publicKey, accepted);
    if (auth instanceof Response) return auth;
    deps.counts.set(bucket, (deps.counts.get(bucket) ?? 0) + 1);
    if (bucket !== "directory") {
      const wait = deps.throttle.take(`${auth.tenantId}:${bucket}`, bucket);
      if (wait > 0)
        return graphError(c, 429, "TooManyRequests", "Too many requests. Retry after the indicated time.", {
          "Retry-After": String(wait),
        });
    }
    const fault = bucket === "directory" ? "none" : deps.faults.decide(page);
    const injected = injectedFault(c, deps.faults, fault);
    if (injected) return injected;
    return { tenantId: auth.tenantId, truncate: fault === "truncate" };
  }

  function json(c: Context<EmulatorEnv>, body: unknown, truncate: boolean, applied?: string) {
    const metadata = wantsMetadata(c.req.header("accept"));
    const prefer = parsePrefer(c.req.header("prefer"));
    let text = serialize(body, { includeUnknownEnumMembers: prefer.includeUnknownEnumMembers, metadata });
    if (truncate) text = text.slice(0, Math.floor(text.length / 2));
    const headers: Record<string, string> = {
      "Content-Type": `application/json;odata.metadata=${metadata ? "minimal" : "none"};odata.streaming=true;IEEE754Compatible=false;charset=utf-8`,
    };
    if (applied) headers["Preference-Applied"] = applied;
    return c.body(text, 200, headers);
  }

  /** A record as the list shows it: no sessions, no participants_v2 (relationships are not expanded here). */
  function listed(record: WireCallRecord, origin: string, select: string[] | undefined) {
    const { sessions: _sessions, participants_v2: _people, ...fields } = record;
    const shown = applySelect(fields, select, ["id"]);
    return "organizer_v2" in shown
      ? {
          ...shown,
          "organizer_v2@odata.context": `${origin}/v1.0/$metadata#communications/callRecords('${record.id}')/organizer_v2/$entity`,
        }
      : shown;
  }

  app.get("/v1.0/communications/callRecords", async (c) => {
    for (const option of ["$expand", "$orderby", "$search", "$apply"])
      if (c.req.query(option) !== undefined)
        return graphError(
          c,
          400,
          "BadRequest",
          `The query option ${option} is not supported on callRecords.`,
        );
    const filter = parseListFilter(c.req.query("$filter"));
    if ("error" in filter) return graphError(c, 400, "BadRequest", filter.error);
    const select = parseSelect(c.req.query("$select"), LIST_FIELDS);
    if (select && "error" in select) return graphError(c, 400, "BadRequest", select.error);
    const token = readSkipToken(c, deps.skipTokens);
    if (token instanceof Response) return token;
    const { skip } = token;
    const admitted = await admit(c, "list", [CALL_RECORDS_ROLE], skip ? "later" : "first");
    if (admitted instanceof Response) return admitted;
    const oldest = Date.now() - RETENTION_MS;
    const matching = deps.store.list(admitted.tenantId).filter((record) => {
      const start = Date.parse(record.startDateTime ?? "");
      const end = Date.parse(record.endDateTime ?? "");
      if (end < oldest || !matchesStart(filter, start)) return false;
      return filter.participantId === null || deps.store.participantIds(record).has(filter.participantId);
    });
    const page = pageSizeFor(parsePrefer(c.req.header("prefer")), deps.pageSizes.list);
    const size = skip ? Math.min(page.size, skip.size) : page.size;
    const offset = skip?.offset ?? 0;
    const origin = new URL(c.req.url).origin;
    const body: Record<string, unknown> = {
      "@odata.context": `${origin}/v1.0/$metadata#communications/callRecords`,
      value: matching
        .slice(offset, offset + size)
        .map((record) => listed(record, origin, select ?? undefined)),
    };
    if (offset + size < matching.length) {
      const next = new URL(c.req.url);
      next.searchParams.set(
        "$skiptoken",
        deps.skipTokens.encode({ offset: offset + size, size, version: 0 }),
      );
      body["@odata.nextLink"] =
        `${origin}${next.pathname}?${next.searchParams.toString().replace(/\+/g, "%20")}`;
    }
    return json(c, body, admitted.truncate, page.applied ? `odata.maxpagesize=${page.size}` : undefined);
  });

  app.get("/v1.0/communications/callRecords/:fn{get(?:Pstn|DirectRouting)Calls\\(.*\\)}", async (c) => {
    const call = /^get(Pstn|DirectRouting)Calls\((.*)\)$/.exec(c.req.param("fn"));
    const kind = call?.[1] === "Pstn" ? "pstn" : "directRouting";
    const window = parseFunctionWindow(call?.[2] ?? "");
    if ("error" in window) return graphError(c, 400, "BadRequest", window.error);
    const rawSkip = c.req.query("$skip");
    const skip = rawSkip === undefined ? 0 : Number(rawSkip);
    if (!Number.isInteger(skip) || skip < 0)
      return graphError(c, 400, "BadRequest", "$skip must be a non-negative integer.");
    const admitted = await admit(
      c,
      "phoneLog",
      [PHONE_LOG_ROLE, CALL_RECORDS_ROLE],
      skip > 0 ? "later" : "first",
    );
    if (admitted instanceof Response) return admitted;
    const logs = deps.store.phoneLogs(admitted.tenantId);
    // getPstnCalls: toDateTime inclusive; getDirectRoutingCalls: exclusive (as their pages say).
    const rows = (kind === "pstn" ? logs.pstn : logs.directRouting).filter((row) => {
      const start = Date.parse(row.startDateTime);
      return start >= window.from && (kind === "pstn" ? start <= window.to : start < window.to);
    });
    const origin = new URL(c.req.url).origin;
    const pageSize = deps.pageSizes.phoneLog ?? PHONE_LOG_PAGE;
    const value = rows.slice(skip, skip + pageSize);
    const body: Record<string, unknown> = {
      "@odata.context": `${origin}/v1.0/$metadata#Collection(microsoft.graph.callRecords.${kind === "pstn" ? "pstnCallLogRow" : "directRoutingLogRow"})`,
      "@odata.count": value.length,
      value,
    };
    if (skip + pageSize < rows.length)
      body["@odata.nextLink"] =
        `${origin}/v1.0/communications/callRecords/${c.req.param("fn")}?$skip=${skip + pageSize}`;
    return json(c, body, admitted.truncate);
  });

  app.get("/v1.0/users/:id", async (c) => {
    const admitted = await admit(
      c,
      "directory",
      [DIRECTORY_ROLE, "User.Read.All", "Directory.Read.All"],
      "first",
    );
    if (admitted instanceof Response) return admitted;
    const key = c.req.param("id").toLowerCase();
    const person = demoPeople.find((p) => p.id === key || p.userPrincipalName === key);
    if (!person)
      return graphError(
        c,
        404,
        "Request_ResourceNotFound",
        `Resource '${c.req.param("id")}' does not exist or one of its queried reference-property objects are not present.`,
      );
    const select = parseSelect(c.req.query("$select"), ["id", "displayName", "userPrincipalName", "mail"]);
    if (select && "error" in select) return graphError(c, 400, "BadRequest", select.error);
    const user = {
      id: person.id,
      displayName: person.displayName,
      userPrincipalName: person.userPrincipalName,
      mail: person.userPrincipalName,
    };
    return json(
      c,
      {
        "@odata.context": `${new URL(c.req.url).origin}/v1.0/$metadata#users/$entity`,
        ...applySelect(user, select ?? undefined, ["id"]),
      },
      false,
    );
  });
}
