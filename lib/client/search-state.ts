// What a search is, as its URL says it: shareable, and read back exactly.
import type { PhoneLogKind } from "@/lib/callrecords/phone-log";
import { personInputKind } from "@/lib/format/person";

export interface CallSearch {
  participant: string;
  /** ISO 8601 instants; null leaves the end to the server's default (the last 7 days, ending now). */
  from: string | null;
  to: string | null;
  type: string | null;
  modality: string | null;
  /** A meeting's thread from a pasted join link: the search looks for that meeting among the person's calls. */
  join: string | null;
}

export interface PhoneLogSearch {
  kind: PhoneLogKind;
  participant: string | null;
  from: string | null;
  to: string | null;
  failedOnly: boolean;
}

export const CALL_TYPES = ["peerToPeer", "groupCall", "unknown"] as const;
export const MODALITIES = ["audio", "video", "screenSharing", "videoBasedScreenSharing", "data"] as const;

const text = (params: URLSearchParams, name: string, max = 320) => {
  const value = params.get(name)?.trim();
  return value && value.length <= max ? value : null;
};
/** A date-time without a zone (what `<input type="datetime-local">` gives): read in the browser's own zone. */
const ZONELESS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;
function instant(params: URLSearchParams, name: string): string | null {
  const value = text(params, name, 40);
  return value && ZONELESS.test(value) ? (fromLocalInput(value) ?? value) : value;
}

const oneOf = <T extends string>(value: string | null, options: readonly T[]) =>
  value !== null && (options as readonly string[]).includes(value) ? (value as T) : null;

/** The call search in a URL's query, or null when it names no one (the page then shows just the form). */
export function parseCallSearch(params: URLSearchParams): CallSearch | null {
  const participant = text(params, "participant");
  if (!participant) return null;
  return {
    participant,
    from: instant(params, "from"),
    to: instant(params, "to"),
    type: oneOf(text(params, "type"), CALL_TYPES),
    modality: oneOf(text(params, "modality"), MODALITIES),
    join: text(params, "join", 240),
  };
}

function query(entries: [string, string | null | boolean][]): string {
  const params = new URLSearchParams();
  for (const [key, value] of entries) {
    if (value === true) params.set(key, "1");
    else if (typeof value === "string" && value) params.set(key, value);
  }
  const out = params.toString();
  return out ? `?${out}` : "";
}

export function callSearchHref(search: CallSearch): string {
  return `/calls${query([
    ["participant", search.participant],
    ["from", search.from],
    ["to", search.to],
    ["type", search.type],
    ["modality", search.modality],
    ["join", search.join],
  ])}`;
}

export function parsePhoneLogSearch(params: URLSearchParams): PhoneLogSearch | null {
  const kind = oneOf(text(params, "kind"), ["pstn", "directRouting"] as const);
  if (!kind) return null;
  return {
    kind,
    participant: text(params, "participant"),
    from: instant(params, "from"),
    to: instant(params, "to"),
    failedOnly: params.get("failed") === "1",
  };
}

export function phoneLogHref(search: PhoneLogSearch): string {
  return `/phone-logs${query([
    ["kind", search.kind],
    ["participant", search.participant],
    ["from", search.from],
    ["to", search.to],
    ["failed", search.failedOnly],
  ])}`;
}

/** The API request for a search's first page (later pages follow its nextCursor). */
export function callSearchApiPath(search: CallSearch): string {
  return `/api/calls${query([
    ["participant", search.participant],
    ["from", search.from],
    ["to", search.to],
  ])}`;
}

/** The phone-log API takes exactly what the page's URL holds. */
export function phoneLogApiPath(search: PhoneLogSearch): string {
  return `/api${phoneLogHref(search)}`;
}

/** A value for `<input type="datetime-local">` in the browser's zone, from an ISO instant. */
export function toLocalInput(iso: string | null): string {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

/** The ISO instant of a datetime-local value (read in the browser's zone); null when empty or invalid. */
export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** What the home page's box holds when it is a person rather than a call: a sign-in name or a phone number. */
export function personIn(input: string): string | null {
  const kind = personInputKind(input);
  // A GUID in the home page's box is a call ID first.
  return kind === "signInName" || kind === "phoneNumber" ? input.trim() : null;
}
