import type { Session, Unreadable } from "./model";

/** What could not be read across the loaded sessions, summed: "3 streams had unreadable durations or times". */
export function unreadableTotals(
  sessions: readonly Session[],
  lost: readonly Unreadable[] = [],
): Unreadable[] {
  const totals = new Map<string, number>();
  // Whole sessions lost come first: they matter more than a value inside one.
  for (const { what, count } of lost) totals.set(what, (totals.get(what) ?? 0) + count);
  for (const session of sessions)
    for (const { what, count } of session.unreadable ?? []) totals.set(what, (totals.get(what) ?? 0) + count);
  return [...totals].map(([what, count]) => ({ what, count }));
}

export function describeUnreadable({ what, count }: Unreadable): string {
  // "streams had …" reads as "1 stream had …" for one.
  return `${count} ${count === 1 ? what.replace(/^(\w+?)s\b/, "$1") : what}`;
}
