/** Graph keeps a call record for 30 days after the call; the list endpoint returns nothing older. */
export const RETENTION_DAYS = 30;
const DAY = 86_400_000;

export interface WindowRules {
  /** The longest window the endpoint accepts. */
  maxDays: number;
  /** The window when the request gives neither end. */
  defaultDays: number;
  /** How long Graph keeps what this window searches; null when it does not say. */
  retentionDays: number | null;
}

export const CALL_LIST_WINDOW: WindowRules = { maxDays: 30, defaultDays: 7, retentionDays: RETENTION_DAYS };
/** getPstnCalls and getDirectRoutingCalls: "cannot be more than a date range of 90 days". */
export const PHONE_LOG_WINDOW: WindowRules = { maxDays: 90, defaultDays: 7, retentionDays: null };

export interface SearchWindow {
  from: number;
  to: number;
  /** The part of the asked window Graph no longer keeps, when it reaches back past retention. */
  gone: { from: number; to: number } | null;
}

export type WindowResult = { ok: true; window: SearchWindow } | { ok: false; message: string };

// A date, or a date and time with seconds optional, fractions optional and an explicit zone.
const ISO = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

/** Milliseconds since the epoch, or null for anything that is not an ISO 8601 date or time with a zone. */
const ZONELESS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

export function parseInstant(value: string): number | null {
  const trimmed = value.trim();
  if (!ISO.test(trimmed)) return null;
  const ms = Date.parse(trimmed.length === 10 ? `${trimmed}T00:00:00Z` : trimmed);
  return Number.isNaN(ms) ? null : ms;
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.000Z$/, "Z");

/** The window a search reads: both ends checked, clipped to now and to what Graph still keeps. */
export function resolveWindow(
  input: { from?: string | null; to?: string | null },
  now: number,
  rules: WindowRules,
): WindowResult {
  const parse = (value: string | null | undefined, name: string) => {
    if (value === undefined || value === null || value.trim() === "") return { ms: null };
    const ms = parseInstant(value);
    if (ms === null && ZONELESS.test(value.trim()))
      return {
        error: `"${value.slice(0, 40)}" is ${name} time without a time zone, so it could mean any of 24 hours: add Z for UTC (${value.trim()}Z) or your offset (${value.trim()}+01:00).`,
      };
    return ms === null
      ? {
          error: `"${value.slice(0, 40)}" is not ${name} time: use ISO 8601, such as 2026-11-20T09:00:00Z.`,
        }
      : { ms };
  };
  const fromIn = parse(input.from, "a start");
  if ("error" in fromIn) return { ok: false, message: fromIn.error ?? "" };
  const toIn = parse(input.to, "an end");
  if ("error" in toIn) return { ok: false, message: toIn.error ?? "" };
  const to = Math.min(toIn.ms ?? now, now);
  const from = fromIn.ms ?? to - rules.defaultDays * DAY;
  if (toIn.ms !== null && from > toIn.ms)
    return {
      ok: false,
      message: `The window is reversed: it starts (${iso(from)}) after it ends (${iso(toIn.ms)}). Swap them: from ${iso(toIn.ms)} to ${iso(from)}.`,
    };
  if (from >= to)
    return {
      ok: false,
      message:
        from >= now
          ? "The window starts in the future: no call has started in it yet."
          : "The window is empty: give an end after its start.",
    };
  if ((toIn.ms ?? to) - from > rules.maxDays * DAY)
    return {
      ok: false,
      message: `The window is longer than ${rules.maxDays} days, the most Graph accepts here: narrow it, or search it in parts.`,
    };
  if (rules.retentionDays === null) return { ok: true, window: { from, to, gone: null } };
  const edge = now - rules.retentionDays * DAY;
  if (to <= edge)
    return {
      ok: false,
      message: `The whole window is older than ${rules.retentionDays} days (before ${iso(edge)}): Graph has deleted those call records. A saved snapshot is the only copy left.`,
    };
  return from < edge
    ? { ok: true, window: { from: edge, to, gone: { from, to: edge } } }
    : { ok: true, window: { from, to, gone: null } };
}
