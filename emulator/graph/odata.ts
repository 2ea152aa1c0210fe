import { createHmac, timingSafeEqual } from "node:crypto";

export const MAX_SESSION_PAGE = 60;
export const MAX_PARTICIPANT_PAGE = 130;

export interface Prefer {
  maxPageSize: number | undefined;
  includeUnknownEnumMembers: boolean;
}

/** `Accept: application/json;odata.metadata=none` asks for no metadata annotations at all. */
export function wantsMetadata(accept: string | undefined): boolean {
  return !/odata\.metadata=none/i.test(accept ?? "");
}

export function parsePrefer(header: string | undefined): Prefer {
  const parts = (header ?? "").split(",").map((part) => part.trim().toLowerCase());
  const size = parts.find((part) => part.startsWith("odata.maxpagesize="));
  const parsed = size ? Number(size.split("=")[1]) : NaN;
  return {
    maxPageSize: Number.isInteger(parsed) && parsed > 0 ? parsed : undefined,
    includeUnknownEnumMembers: parts.includes("include-unknown-enum-members"),
  };
}

/** The page size Graph uses: the preference when it is within the maximum, else the maximum. */
export function pageSizeFor(prefer: Prefer, max = MAX_SESSION_PAGE): { size: number; applied: boolean } {
  if (prefer.maxPageSize !== undefined && prefer.maxPageSize <= max)
    return { size: prefer.maxPageSize, applied: true };
  return { size: max, applied: false };
}

export interface Expand {
  sessions: boolean;
  segments: boolean;
  participants: boolean;
}

/** Understands `sessions`, `sessions($expand=segments)` on a record and `segments` on sessions. */
export function parseExpand(
  value: string | undefined,
  level: "record" | "sessions",
): Expand | { error: string } {
  const result: Expand = { sessions: false, segments: false, participants: false };
  if (!value) return result;
  for (const item of splitTopLevel(value)) {
    const trimmed = item.trim();
    if (level === "sessions" && trimmed === "segments") result.segments = true;
    else if (level === "record" && trimmed === "sessions") result.sessions = true;
    else if (level === "record" && /^sessions\(\$expand=segments\)$/.test(trimmed))
      Object.assign(result, { sessions: true, segments: true });
    else if (level === "record" && trimmed === "participants_v2") result.participants = true;
    else
      return {
        error: `Could not find a property named '${trimmed}' on type 'microsoft.graph.callRecords.${level === "record" ? "callRecord" : "session"}'.`,
      };
  }
  return result;
}

function splitTopLevel(value: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let current = "";
  for (const ch of value) {
    if (ch === "(") depth++;
    if (ch === ")") depth--;
    if (ch === "," && depth === 0) {
      items.push(current);
      current = "";
    } else current += ch;
  }
  if (current) items.push(current);
  return items;
}

export function parseSelect(
  value: string | undefined,
  allowed: readonly string[],
): string[] | undefined | { error: string } {
  if (!value) return undefined;
  const fields = value
    .split(",")
    .map((field) => field.trim())
    .filter(Boolean);
  const unknown = fields.find((field) => !allowed.includes(field));
  if (unknown)
    return { error: `Parsing OData Select and Expand failed: Could not find a property named '${unknown}'.` };
  return fields;
}

export function applySelect<T extends object>(
  item: T,
  fields: string[] | undefined,
  keep: readonly string[],
): Partial<T> {
  if (!fields) return item;
  const out: Record<string, unknown> = {};
  for (const field of [...keep, ...fields])
    if (field in item) out[field] = (item as Record<string, unknown>)[field];
  return out as Partial<T>;
}

export interface SkipState {
  offset: number;
  size: number;
  version: number;
}

/** An opaque, signed `$skiptoken`, so a client can neither read nor forge one. */
export class SkipTokens {
  constructor(private readonly secret: string) {}

  encode(state: SkipState): string {
    const body = Buffer.from(JSON.stringify([state.offset, state.size, state.version])).toString("base64url");
    return `${body}.${this.mac(body)}`;
  }

  decode(token: string): SkipState | undefined {
    const [body, mac] = token.split(".");
    if (!body || !mac) return undefined;
    const expected = Buffer.from(this.mac(body));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    const parsed: unknown = JSON.parse(Buffer.from(body, "base64url").toString());
    if (!Array.isArray(parsed) || parsed.length !== 3 || !parsed.every((n) => Number.isInteger(n) && n >= 0))
      return undefined;
    const [offset, size, version] = parsed as [number, number, number];
    return { offset, size, version };
  }

  private mac(body: string): string {
    return createHmac("sha256", this.secret).update(body).digest("base64url").slice(0, 22);
  }
}
