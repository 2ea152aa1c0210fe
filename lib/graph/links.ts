import { safeDecode } from "@/lib/http/safe-decode";
import { GraphFailure } from "./errors";

/** The URL of a call record with its first page of sessions and their segments inline. */
export function recordUrl(graphBaseUrl: string, callId: string): string {
  return `${graphBaseUrl}/v1.0/communications/callRecords/${encodeURIComponent(callId)}?$expand=sessions($expand=segments)`;
}

/** The first page of a call's participants_v2 (at most 130 a page). */
export function participantsUrl(graphBaseUrl: string, callId: string): string {
  return `${graphBaseUrl}/v1.0/communications/callRecords/${encodeURIComponent(callId)}/participants_v2`;
}

export type PagedCollection = "sessions" | "participants_v2";

export type PhoneLogKind = "pstn" | "directRouting";
const PHONE_LOG_FUNCTIONS: Record<PhoneLogKind, string> = {
  pstn: "getPstnCalls",
  directRouting: "getDirectRoutingCalls",
};

/** Graph's literal for a point in time: whole seconds, UTC, unquoted. */
const literal = (ms: number) => new Date(ms).toISOString().replace(/\.000Z$/, "Z");

export interface CallListFilter {
  /** Inclusive start of the window on the calls' startDateTime. */
  from: number;
  /** Exclusive end. */
  to: number;
  /** A participant's ID as participants_v2 lists it (an Entra object ID, or a phone number). */
  participantId?: string;
}

/** The OData filter for the list endpoint: only startDateTime ranges and a participants_v2 ID are supported. */
export function callListFilter({ from, to, participantId }: CallListFilter): string {
  const clauses = [`startDateTime ge ${literal(from)}`, `startDateTime lt ${literal(to)}`];
  if (participantId !== undefined) {
    if (
      !/^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\+?[0-9]{3,20})$/i.test(
        participantId,
      )
    )
      throw new GraphFailure("bad-request", "A participant ID is an object ID (GUID) or a phone number.");
    clauses.push(`participants_v2/any(p:p/id eq '${participantId}')`);
  }
  return clauses.join(" and ");
}

/** The first page of calls in a window, optionally for one participant. */
export function callListUrl(graphBaseUrl: string, filter: CallListFilter): string {
  return `${graphBaseUrl}/v1.0/communications/callRecords?$filter=${encodeURIComponent(callListFilter(filter))}`;
}

/** The first page of a phone log (PSTN or Direct Routing) for calls that started in the window. */
export function phoneLogUrl(graphBaseUrl: string, kind: PhoneLogKind, from: number, to: number): string {
  return `${graphBaseUrl}/v1.0/communications/callRecords/${PHONE_LOG_FUNCTIONS[kind]}(fromDateTime=${literal(from)},toDateTime=${literal(to)})`;
}

/** A directory user by sign-in name (or object ID): only what resolving a person needs. */
export function userUrl(graphBaseUrl: string, userPrincipalName: string): string {
  return `${graphBaseUrl}/v1.0/users/${encodeURIComponent(userPrincipalName)}?$select=id,displayName,userPrincipalName`;
}

/**
 * A link Graph handed back is followed only when it stays on the configured Graph host and on the
 * collection it pages (`allowed` judges the decoded, lower-cased path). Returned verbatim, because
 * editing a nextLink breaks it.
 */
function checkGraphLink(
  link: unknown,
  graphBaseUrl: string,
  allowed: (path: string) => boolean,
  what: string,
): string {
  if (typeof link !== "string")
    throw new GraphFailure("refused-link", "Graph returned a nextLink that is not a string.");
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    throw new GraphFailure("refused-link", "Graph returned a nextLink that is not a URL.");
  }
  const base = new URL(graphBaseUrl);
  const path = safeDecode(url.pathname)?.toLowerCase();
  if (url.protocol !== "https:" || url.host !== base.host || url.username || url.password) {
    throw new GraphFailure(
      "refused-link",
      `Refused a nextLink to ${url.protocol}//${url.host}: only ${base.host} is trusted.`,
    );
  }
  if (path === undefined || !allowed(path)) {
    throw new GraphFailure("refused-link", `Refused a nextLink outside ${what} (${url.pathname}).`);
  }
  return link;
}

/** A nextLink of one call's sessions or participants_v2. */
export function checkNextLink(
  link: unknown,
  graphBaseUrl: string,
  callId: string,
  collection: PagedCollection = "sessions",
): string {
  const id = callId.toLowerCase();
  const allowedPaths = [
    `/v1.0/communications/callrecords/${id}/${collection}`,
    `/v1.0/communications/callrecords('${id}')/${collection}`,
  ];
  return checkGraphLink(
    link,
    graphBaseUrl,
    (path) => allowedPaths.includes(path),
    `this call's ${collection}`,
  );
}

/** A nextLink of the list of call records. */
export function checkListLink(link: unknown, graphBaseUrl: string): string {
  return checkGraphLink(
    link,
    graphBaseUrl,
    (path) => path === "/v1.0/communications/callrecords",
    "the list of call records",
  );
}

/** A nextLink of one phone log: the same function, whatever parameters Graph wrote into it. */
export function checkPhoneLogLink(link: unknown, graphBaseUrl: string, kind: PhoneLogKind): string {
  const prefix = `/v1.0/communications/callrecords/${PHONE_LOG_FUNCTIONS[kind].toLowerCase()}(`;
  return checkGraphLink(
    link,
    graphBaseUrl,
    (path) => path.startsWith(prefix) && path.endsWith(")") && !path.slice(prefix.length).includes("/"),
    `the ${PHONE_LOG_FUNCTIONS[kind]} log`,
  );
}

/**
 * A page's top-level nextLink read from its bytes before they are decoded and parsed, so the next request can
 * leave while this page is still being read: turning half a megabyte into a string and scanning it cost ~2 ms a
 * page, a byte search is free. Only when the key appears exactly once as a key (a JSON string inside a value has its
 * quotes escaped, so it cannot look like one); otherwise null, and the parsed page's link is used. The link is still
 * checked (`checkNextLink`) before it is followed.
 */
export function nextLinkInBytes(bytes: Buffer, key: string): string | null {
  const needle = Buffer.from(JSON.stringify(key));
  const at = bytes.indexOf(needle);
  if (at < 0 || bytes.lastIndexOf(needle) !== at) return null;
  let i = at + needle.length;
  const skipSpace = () => {
    while (i < bytes.length && JSON_SPACE.has(bytes[i] ?? 0)) i++;
  };
  skipSpace();
  if (bytes[i] !== COLON) return null;
  i++;
  skipSpace();
  if (bytes[i] !== QUOTE) return null;
  const open = i;
  for (i = open + 1; i < bytes.length; i++) {
    if (bytes[i] === BACKSLASH) i++;
    else if (bytes[i] === QUOTE) break;
  }
  if (i >= bytes.length) return null;
  try {
    return JSON.parse(bytes.toString("utf8", open, i + 1)) as string;
  } catch {
    return null;
  }
}

const JSON_SPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);
const COLON = 0x3a;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
