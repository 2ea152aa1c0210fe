import type { Session } from "./model";

/** The first item of each key, in order; `seen` carries the keys across calls (pages of one record). */
export function firstOfEach<T>(
  items: Iterable<T>,
  key: (item: T) => string,
  seen: Set<string> = new Set(),
): T[] {
  const out: T[] = [];
  for (const item of items) {
    const id = key(item);
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(item);
  }
  return out;
}

/** Graph repeats a session now and then (transfers between auto attendant and call queue): keep the first. */
export const dedupeSessions = (sessions: Iterable<Session>, seen?: Set<string>): Session[] =>
  firstOfEach(sessions, (session) => session.id, seen);
