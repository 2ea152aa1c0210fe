import { dedupeSessions } from "@/lib/callrecords/parse";
import type { Session } from "@/lib/callrecords/model";
import { GraphFailure } from "./errors";

export interface PageFetcher {
  (nextLink: string, pageIndex: number): Promise<{ sessions: Session[]; nextLink: string | null }>;
}

export interface PaginateOptions {
  maxSessions: number;
  onPage?: (loaded: number, pageIndex: number) => void;
}

/** Guards a chain of nextLinks: a link seen twice is a loop, too many sessions is a runaway. */
export class PageChainGuard {
  private readonly links = new Set<string>();

  constructor(private readonly maxSessions: number) {}

  follow(link: string): void {
    if (this.links.has(link)) throw new GraphFailure("refused-link", "Graph returned a nextLink that was already followed: the page chain loops. The record may be changing; try again in a few minutes.");
    this.links.add(link);
  }

  count(loaded: number): void {
    if (loaded > this.maxSessions) {
      throw new GraphFailure("too-many-sessions", `This call has more than ${this.maxSessions.toLocaleString("en-US")} sessions, the limit set by CALLSCOPE_MAX_SESSIONS.`);
    }
  }
}

/** Follows nextLinks to the end, strictly in order, de-duplicating sessions Graph repeats. */
export async function collectSessions(first: { sessions: Session[]; nextLink: string | null }, fetchPage: PageFetcher, options: PaginateOptions): Promise<Session[]> {
  const guard = new PageChainGuard(options.maxSessions);
  const seen = new Set<string>();
  const all = dedupeSessions(first.sessions, seen);
  guard.count(all.length);
  options.onPage?.(all.length, 0);
  let link = first.nextLink;
  for (let page = 1; link; page++) {
    guard.follow(link);
    const next = await fetchPage(link, page);
    all.push(...dedupeSessions(next.sessions, seen));
    guard.count(all.length);
    options.onPage?.(all.length, page);
    link = next.nextLink;
  }
  return all;
}
