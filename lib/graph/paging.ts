import { createHash } from "node:crypto";
import { GraphFailure } from "./errors";
import { formatCount } from "@/lib/format/numbers";

/**
 * Where a walk along Graph's nextLinks stands. Carried between requests in a sealed cursor (the browser
 * pages) or kept by `followPages` (the server reads every page). The links themselves are checked by the
 * readers in this folder (`links.ts`: Graph's host, the collection's path) before anyone sees them.
 */
export interface PageChain {
  /** The nextLink to read, exactly as Graph gave it. */
  link: string;
  /** Index of the page `link` fetches (the first page, read without a link, is 0). */
  page: number;
  /** Digests of the links followed before this one, to catch a chain that loops. */
  history: string[];
}

/** Digests kept per chain: a loop longer than this is caught by the page cap instead. */
const HISTORY = 32;
const digest = (link: string) => createHash("sha256").update(link).digest("base64url").slice(0, 12);

/** A chain that went back to a link it had followed. */
export class PageLoopError extends GraphFailure {
  constructor(what: string) {
    super(
      "refused-link",
      `Graph returned a nextLink that was already followed: ${what} pages loop. Graph may be changing them; try again in a few minutes.`,
    );
  }
}

/**
 * The step after `current` to `link`: null at the end (no link), a PageLoopError when the chain comes
 * back to a link it followed, `onCap()` thrown when it would read page `maxPages` or beyond.
 */
export function nextInChain(
  current: PageChain | null,
  link: string | null,
  rules: { what: string; maxPages: number; onCap: () => Error },
): PageChain | null {
  if (!link) return null;
  const history = current ? [...current.history, digest(current.link)].slice(-HISTORY) : [];
  if (history.includes(digest(link))) throw new PageLoopError(rules.what);
  const page = (current?.page ?? 0) + 1;
  if (page >= rules.maxPages) throw rules.onCap();
  return { link, page, history };
}

/** Why a walk stopped before Graph's last page. */
export interface Incomplete {
  reason: "loop" | "cap";
  message: string;
}

/** A walk over every page: iterate it, then read `incomplete` (null when the last page arrived). */
export interface PageWalk<P> extends AsyncIterable<P> {
  readonly incomplete: Incomplete | null;
}

/**
 * Reads the first page (`read(null)`) and every page after it, in order. A chain that loops or runs past
 * `maxPages` stops with what arrived and says why in `incomplete`: a caller decides whether a partial list
 * is worth showing (it usually is, with the reason beside it).
 */
export function followPages<P extends { nextLink: string | null }>(
  read: (link: string | null, page: number) => Promise<P>,
  rules: { what: string; maxPages: number },
): PageWalk<P> {
  let incomplete: Incomplete | null = null;
  return {
    get incomplete() {
      return incomplete;
    },
    async *[Symbol.asyncIterator]() {
      incomplete = null;
      let chain: PageChain | null = null;
      let page = await read(null, 0);
      for (;;) {
        yield page;
        try {
          chain = nextInChain(chain, page.nextLink, {
            ...rules,
            onCap: () => new Error(`${rules.what} pages stop at ${rules.maxPages}`),
          });
        } catch (error) {
          incomplete =
            error instanceof PageLoopError
              ? {
                  reason: "loop",
                  message: `Graph's ${rules.what} pages looped, so the list may be incomplete`,
                }
              : {
                  reason: "cap",
                  message: `the list stops at ${formatCount(rules.maxPages)} pages of ${rules.what}`,
                };
          return;
        }
        if (!chain) return;
        page = await read(chain.link, chain.page);
      }
    },
  };
}
