const KEY = "callscope.recentLookups";
const LIMIT = 10;

export function readLookups(): string[] {
  try {
    const parsed: unknown = JSON.parse(window.localStorage.getItem(KEY) ?? "[]");
    return Array.isArray(parsed)
      ? parsed.filter((id): id is string => typeof id === "string").slice(0, LIMIT)
      : [];
  } catch {
    return [];
  }
}

export function rememberLookup(callId: string): void {
  try {
    const next = [callId, ...readLookups().filter((id) => id !== callId)].slice(0, LIMIT);
    window.localStorage.setItem(KEY, JSON.stringify(next));
  } catch {
    // Storage may be full or disabled; recent lookups are a convenience.
  }
}

/** Takes a call off the list (it was not found: a mistyped ID, or one older than Graph keeps). */
export function forgetLookup(callId: string): void {
  try {
    window.localStorage.setItem(KEY, JSON.stringify(readLookups().filter((id) => id !== callId)));
  } catch {
    // As above.
  }
}
