import type { BackfillReport, FeedEntry } from "./model";

/** The inbox's status block, as the API sends it. */
export interface FeedStatus {
  on: boolean;
  scope: "all" | "watched" | null;
  subscriptions: { expiresAt: string; filtered: boolean }[];
  pending: number;
  oldestPendingAt: string | null;
  aliveAt: string | null;
  lastBackfill: BackfillReport | null;
  problem: string | null;
  watched: number;
  /** Calls given up on in the last 24 hours (Graph never published them, or kept failing). */
  gaveUp: number;
}

export interface InboxCall extends FeedEntry {
  watched: boolean;
  watchedPeople: (string | null)[];
}

export interface InboxPage {
  feed: FeedStatus;
  calls: InboxCall[];
  nextCursor: string | null;
}

/** One line under the inbox's heading: is the feed on, healthy, and how far behind. */
export function describeFeed(
  feed: FeedStatus,
  now: number,
): { tone: "good" | "warn" | "neutral"; text: string } {
  if (!feed.on)
    return {
      tone: "neutral",
      text: "The live feed is off. An administrator turns it on by setting CALLSCOPE_PUBLIC_URL to the https address Microsoft Graph can reach callscope at.",
    };
  if (feed.problem && feed.subscriptions.length === 0)
    return { tone: "warn", text: `Not subscribed to Graph yet: ${feed.problem}` };
  const waiting =
    feed.pending === 0
      ? "nothing waiting to be judged"
      : `${feed.pending} call${feed.pending === 1 ? "" : "s"} waiting to be judged${
          feed.oldestPendingAt
            ? ` (oldest ${Math.max(0, Math.round((now - Date.parse(feed.oldestPendingAt)) / 1000))} s)`
            : ""
        }`;
  const gaveUp =
    feed.gaveUp > 0
      ? ` ${feed.gaveUp} call${feed.gaveUp === 1 ? "" : "s"} notified in the last 24 h never appeared in Graph within its 150-minute publication delay (or kept failing) and ${feed.gaveUp === 1 ? "was" : "were"} given up on.`
      : "";
  const scope = feed.scope === "watched" ? "calls of people on the watch list" : "every call in the tenant";
  if (feed.subscriptions.length === 0) return { tone: "warn", text: `Subscribing to Graph… ${waiting}.` };
  const expires = Math.min(...feed.subscriptions.map((s) => Date.parse(s.expiresAt)));
  const hours = Math.max(0, Math.round((expires - now) / 3_600_000));
  return {
    tone: feed.problem ? "warn" : "good",
    text: `Live: Graph tells callscope about ${scope}; ${waiting}. Subscription renewed automatically (expires in ${hours} h).${gaveUp}${feed.problem ? ` ${feed.problem}` : ""}`,
  };
}
