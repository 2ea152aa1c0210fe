import { gzipSync } from "node:zlib";
import type { Context, Hono } from "hono";
import type { CryptoKey } from "jose";
import type { CallStore } from "../data/store";
import type { WireCallRecord, WireSession } from "../data/wire";
import type { EmulatorEnv } from "../env";
import type { FaultInjector } from "../faults";
import { requireGraphApp } from "./auth";
import { serialize, type WireFormat } from "./enums";
import { graphError, injectedFault, readSkipToken } from "./errors";
import {
  applySelect,
  MAX_PARTICIPANT_PAGE,
  pageSizeFor,
  parseExpand,
  parsePrefer,
  parseSelect,
  wantsMetadata,
  type SkipTokens,
} from "./odata";
import { participantsOf } from "../data/participants";
import type { RecordThrottle } from "./throttle";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const RECORD_FIELDS = [
  "id",
  "version",
  "type",
  "modalities",
  "lastModifiedDateTime",
  "startDateTime",
  "endDateTime",
  "joinWebUrl",
  "organizer",
  "participants",
  "organizer_v2",
] as const;
const SESSION_FIELDS = [
  "id",
  "modalities",
  "startDateTime",
  "endDateTime",
  "isTest",
  "caller",
  "callee",
  "failureInfo",
] as const;

export interface GraphStats {
  firstPage: number;
  laterPage: number;
}

export interface GraphDeps {
  store: CallStore;
  publicKey: CryptoKey;
  throttle: RecordThrottle;
  faults: FaultInjector;
  skipTokens: SkipTokens;
  stats: Map<string, GraphStats>;
}

interface Admitted {
  record: WireCallRecord;
  truncate: boolean;
}

// Sessions with their segments, serialised once per enum mode: pages are then joins of strings,
// so the emulator's own cost stays small next to the latency it is asked to add.
const serialized = new WeakMap<WireSession, Record<string, string>>();
const SESSIONS_SLOT = "__emulator_sessions__";

function sessionJson(session: WireSession, format: WireFormat): string {
  const entry = serialized.get(session) ?? {};
  const mode = `${format.includeUnknownEnumMembers}:${format.metadata}`;
  entry[mode] ??= serialize(session, format);
  serialized.set(session, entry);
  return entry[mode];
}

// Pages of sessions with their segments as sent, per record: a page asked for again (another viewer, a benchmark's
// second pass) is the same bytes, built once per record, URL and format, and freed with the record.
const utf8 = new TextEncoder();
const sentPages = new WeakMap<WireCallRecord, Map<string, Uint8Array<ArrayBuffer>>>();

function sessionView(session: WireSession, segments: boolean, select: string[] | undefined) {
  const { segments: all, ...rest } = session;
  const selected = applySelect(rest, select, ["id"]);
  return segments ? { ...selected, segments: all ?? [] } : selected;
}

interface PageLink {
  origin: string;
  callId: string;
  segments: boolean;
  select: string[] | undefined;
  skipToken: string;
}

function nextLink(
  { origin, callId, segments, select, skipToken }: PageLink,
  mode: "normal" | "loop" | "foreign" = "normal",
  collection = "sessions",
): string {
  if (mode === "foreign") origin = "https://graph.evil.example";
  const query = [
    segments ? "$expand=segments" : "",
    select ? `$select=${select.join(",")}` : "",
    `$skiptoken=${skipToken}`,
  ]
    .filter(Boolean)
    .join("&");
  return `${origin}/v1.0/communications/callRecords/${callId}/${collection}?${query}`;
}

export function registerGraphRoutes(app: Hono<EmulatorEnv>, deps: GraphDeps): void {
  /** Steps every Graph request goes through; returns a response to send instead, or the record. */
  /** `collection`: participants_v2 requests are counted apart in the stats (`{id}/participants_v2`), but share the record's throttle. */
  async function admit(
    c: Context<EmulatorEnv>,
    callId: string,
    page: "first" | "later",
    collection: "sessions" | "participants_v2" = "sessions",
  ): Promise<Response | Admitted> {
    const auth = await requireGraphApp(c, deps.publicKey);
    if (auth instanceof Response) return auth;
    if (!GUID.test(callId))
      return graphError(c, 400, "BadRequest", `Invalid id '${callId}': a call record ID is a GUID.`);
    const statsKey =
      collection === "sessions" ? callId.toLowerCase() : `${callId.toLowerCase()}/${collection}`;
    const stats = deps.stats.get(statsKey) ?? { firstPage: 0, laterPage: 0 };
    stats[page === "first" ? "firstPage" : "laterPage"] += 1;
    deps.stats.set(statsKey, stats);
    const wait = deps.throttle.take(callId.toLowerCase(), page === "first" ? "firstPage" : "laterPage");
    if (wait > 0)
      return graphError(
        c,
        429,
        "TooManyRequests",
        "Too many requests for this call record. Retry after the indicated time.",
        { "Retry-After": String(wait) },
      );
    const fault = deps.faults.decide(page);
    const injected = injectedFault(c, deps.faults, fault);
    if (injected) return injected;
    const record = deps.store.get(callId, auth.tenantId);
    if (!record)
      return graphError(
        c,
        404,
        "NotFound",
        `Call record '${callId}' was not found. Records are kept for 30 days after the call ends.`,
      );
    return { record, truncate: fault === "truncate" };
  }

  function send(
    c: Context<EmulatorEnv>,
    body: unknown,
    prefer: ReturnType<typeof parsePrefer>,
    pageSizeApplied: boolean,
    truncate: boolean,
    sessions?: WireSession[],
    /** The record whose page this is, to keep the bytes sent for the next request of the same page. */
    keepFor?: WireCallRecord,
  ) {
    const format: WireFormat = {
      includeUnknownEnumMembers: prefer.includeUnknownEnumMembers,
      metadata: wantsMetadata(c.req.header("accept")),
    };
    // Graph compresses its answer for a client that accepts gzip; the truncate fault cuts the JSON, not the gzip.
    const gzip = /\bgzip\b/i.test(c.req.header("accept-encoding") ?? "");
    const kept =
      keepFor && !truncate ? (sentPages.get(keepFor) ?? new Map<string, Uint8Array<ArrayBuffer>>()) : null;
    if (keepFor && kept) sentPages.set(keepFor, kept);
    const keptKey = `${c.req.url} ${prefer.maxPageSize} ${format.includeUnknownEnumMembers} ${format.metadata} ${deps.faults.current.nextLink} ${gzip}`;
    let bytes = kept?.get(keptKey);
    if (!bytes) {
      let text = serialize(body, format);
      if (sessions)
        text = text.replace(
          `"${SESSIONS_SLOT}"`,
          () => `[${sessions.map((s) => sessionJson(s, format)).join(",")}]`,
        );
      if (truncate) text = text.slice(0, Math.floor(text.length / 2));
      const plain = utf8.encode(text);
      bytes = gzip ? new Uint8Array(gzipSync(plain, { level: 1 })) : plain;
      kept?.set(keptKey, bytes);
    }
    const applied = [
      pageSizeApplied ? `odata.maxpagesize=${prefer.maxPageSize}` : "",
      prefer.includeUnknownEnumMembers ? "include-unknown-enum-members" : "",
    ].filter(Boolean);
    const headers: Record<string, string> = {
      "Content-Type": `application/json;odata.metadata=${format.metadata ? "minimal" : "none"};odata.streaming=true;IEEE754Compatible=false;charset=utf-8`,
      Vary: "Accept-Encoding",
    };
    if (gzip) headers["Content-Encoding"] = "gzip";
    if (applied.length > 0) headers["Preference-Applied"] = applied.join(", ");
    return c.body(bytes, 200, headers);
  }

  app.get("/v1.0/communications/callRecords/:id", async (c) => {
    const callId = c.req.param("id");
    const expand = parseExpand(c.req.query("$expand"), "record");
    if ("error" in expand) return graphError(c, 400, "BadRequest", expand.error);
    const select = parseSelect(c.req.query("$select"), RECORD_FIELDS);
    if (select && "error" in select) return graphError(c, 400, "BadRequest", select.error);
    const admitted = await admit(c, callId, "first");
    if (admitted instanceof Response) return admitted;
    const prefer = parsePrefer(c.req.header("prefer"));
    // participants_v2 is a relationship: inline only when expanded.
    const { sessions, participants_v2: _people, ...fields } = admitted.record;
    const origin = new URL(c.req.url).origin;
    const body: Record<string, unknown> = {
      "@odata.context": `${origin}/v1.0/$metadata#communications/callRecords${expand.sessions ? "(sessions())" : ""}/$entity`,
      ...applySelect(fields, select, ["id"]),
    };
    let applied = false;
    if (expand.participants) {
      const people = participantsOf(admitted.record);
      const page = pageSizeFor(prefer, MAX_PARTICIPANT_PAGE);
      applied = page.applied;
      body.participants_v2 = people.slice(0, page.size);
      if (people.length > page.size) {
        const skipToken = deps.skipTokens.encode({
          offset: page.size,
          size: page.size,
          version: fields.version,
        });
        body["participants_v2@odata.nextLink"] = nextLink(
          { origin, callId: fields.id, segments: false, select: undefined, skipToken },
          deps.faults.current.nextLink,
          "participants_v2",
        );
      }
    }
    if (expand.sessions) {
      const page = pageSizeFor(prefer);
      applied = page.applied;
      body["sessions@odata.context"] =
        `${origin}/v1.0/$metadata#communications/callRecords('${fields.id}')/sessions`;
      body.sessions = expand.segments
        ? SESSIONS_SLOT
        : sessions.slice(0, page.size).map((s) => sessionView(s, false, undefined));
      if (sessions.length > page.size) {
        const skipToken = deps.skipTokens.encode({
          offset: page.size,
          size: page.size,
          version: fields.version,
        });
        body["sessions@odata.nextLink"] = nextLink(
          { origin, callId: fields.id, segments: expand.segments, select: undefined, skipToken },
          deps.faults.current.nextLink,
        );
      }
    }
    return send(
      c,
      body,
      prefer,
      applied,
      admitted.truncate,
      expand.sessions && expand.segments ? sessions.slice(0, pageSizeFor(prefer).size) : undefined,
    );
  });

  app.get("/v1.0/communications/callRecords/:id/participants_v2", async (c) => {
    const callId = c.req.param("id");
    if (c.req.query("$expand"))
      return graphError(c, 400, "BadRequest", "participants_v2 does not support $expand.");
    const token = readSkipToken(c, deps.skipTokens);
    if (token instanceof Response) return token;
    const { skip } = token;
    // Participant requests share the per-record budget with sessions (Microsoft's throttling page counts both).
    const admitted = await admit(c, callId, skip ? "later" : "first", "participants_v2");
    if (admitted instanceof Response) return admitted;
    const prefer = parsePrefer(c.req.header("prefer"));
    const page = pageSizeFor(prefer, MAX_PARTICIPANT_PAGE);
    const size = skip ? Math.min(page.size, skip.size) : page.size;
    const offset = skip?.offset ?? 0;
    const origin = new URL(c.req.url).origin;
    const people = participantsOf(admitted.record);
    const body: Record<string, unknown> = {
      "@odata.context": `${origin}/v1.0/$metadata#communications/callRecords('${admitted.record.id}')/participants_v2`,
      value: people.slice(offset, offset + size),
    };
    if (offset + size < people.length) {
      const nextOffset = deps.faults.current.nextLink === "loop" ? size : offset + size;
      const skipToken = deps.skipTokens.encode({
        offset: nextOffset,
        size,
        version: admitted.record.version,
      });
      body["@odata.nextLink"] = nextLink(
        { origin, callId: admitted.record.id, segments: false, select: undefined, skipToken },
        deps.faults.current.nextLink,
        "participants_v2",
      );
    }
    return send(c, body, prefer, page.applied, admitted.truncate);
  });

  app.get("/v1.0/communications/callRecords/:id/sessions", async (c) => {
    const callId = c.req.param("id");
    const expand = parseExpand(c.req.query("$expand"), "sessions");
    if ("error" in expand) return graphError(c, 400, "BadRequest", expand.error);
    const select = parseSelect(c.req.query("$select"), SESSION_FIELDS);
    if (select && "error" in select) return graphError(c, 400, "BadRequest", select.error);
    const token = readSkipToken(c, deps.skipTokens);
    if (token instanceof Response) return token;
    const { skip } = token;
    const admitted = await admit(c, callId, skip ? "later" : "first");
    if (admitted instanceof Response) return admitted;
    const prefer = parsePrefer(c.req.header("prefer"));
    const page = pageSizeFor(prefer);
    const size = skip ? Math.min(page.size, skip.size) : page.size;
    const offset = skip?.offset ?? 0;
    const origin = new URL(c.req.url).origin;
    const record = admitted.record;
    const slice = record.sessions.slice(offset, offset + size);
    const body: Record<string, unknown> = {
      "@odata.context": `${origin}/v1.0/$metadata#communications/callRecords('${record.id}')/sessions${expand.segments ? "(segments())" : ""}`,
      value:
        expand.segments && !select
          ? SESSIONS_SLOT
          : slice.map((s) => sessionView(s, expand.segments, select)),
    };
    if (offset + size < record.sessions.length) {
      // The "loop" fault sends every later page back to the second page, as a broken server might.
      const nextOffset = deps.faults.current.nextLink === "loop" ? size : offset + size;
      const skipToken = deps.skipTokens.encode({ offset: nextOffset, size, version: record.version });
      body["@odata.nextLink"] = nextLink(
        { origin, callId: record.id, segments: expand.segments, select, skipToken },
        deps.faults.current.nextLink,
      );
    }
    return send(
      c,
      body,
      prefer,
      page.applied,
      admitted.truncate,
      expand.segments && !select ? slice : undefined,
      expand.segments && !select ? record : undefined,
    );
  });
}
