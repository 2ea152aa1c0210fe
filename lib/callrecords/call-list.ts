// Ordering and filtering a list of calls: pure, and free of the wire schema so the browser can use it.
import type { CallSummary } from "./model";

/**
 * Newest first, each call once. Graph documents no order for the list, and a record that changes
 * while it is paged through can appear on two pages.
 */
export function newestFirst(calls: readonly CallSummary[]): CallSummary[] {
  const byId = new Map<string, CallSummary>();
  for (const call of calls) {
    const seen = byId.get(call.id);
    if (!seen || call.version > seen.version) byId.set(call.id, call);
  }
  return [...byId.values()].sort(
    (a, b) => Date.parse(b.startDateTime) - Date.parse(a.startDateTime) || a.id.localeCompare(b.id),
  );
}

export interface CallListFilter {
  /** Graph's call type: groupCall, peerToPeer, unknown. */
  type?: string | null;
  /** A modality the call must have used: audio, video, screenSharing, videoBasedScreenSharing, data. */
  modality?: string | null;
}

/** What Graph's list cannot filter on itself (only startDateTime and a participant): applied to the rows read. */
export function filterCalls(calls: readonly CallSummary[], filter: CallListFilter): CallSummary[] {
  return calls.filter(
    (call) =>
      (!filter.type || call.type === filter.type) &&
      (!filter.modality || call.modalities.includes(filter.modality)),
  );
}
