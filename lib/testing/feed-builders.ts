// Builders for the feed's tests: a judged call as the inbox stores it, with only what a test sets.
import type { FeedEntry } from "@/lib/feed/model";

/** A call ID from a number: the same number gives the same GUID. */
export const callId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

export function feedEntry(
  n: number,
  quality: FeedEntry["quality"],
  start: number,
  overrides: Partial<FeedEntry> = {},
): FeedEntry {
  return {
    callId: callId(n),
    version: 1,
    type: "peerToPeer",
    modalities: ["audio"],
    startDateTime: new Date(start).toISOString(),
    endDateTime: new Date(start + 60_000).toISOString(),
    quality,
    poorShare: quality === "poor" ? 1 : 0,
    streams: {
      total: 2,
      good: quality === "poor" ? 0 : 2,
      poor: quality === "poor" ? 2 : 0,
      unclassified: 0,
    },
    worst: null,
    organizer: null,
    people: [],
    peopleCount: 0,
    sessionsRead: 1,
    complete: true,
    notifiedAt: start,
    judgedAt: start,
    source: "notification",
    ...overrides,
  };
}
