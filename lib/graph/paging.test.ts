import { describe, expect, it } from "vitest";
import { followPages, nextInChain, PageLoopError } from "./paging";

/** Pages from a table of link → next link; the first page is read without a link. */
const pagesFrom = (next: Record<string, string | null>) => {
  const reads: (string | null)[] = [];
  const read = async (link: string | null) => {
    reads.push(link);
    return { id: link ?? "first", nextLink: next[link ?? "first"] ?? null };
  };
  return { read, reads };
};

const collect = async <P>(walk: AsyncIterable<P>) => {
  const out: P[] = [];
  for await (const page of walk) out.push(page);
  return out;
};

describe("followPages", () => {
  it("reads every page in order and says it is complete", async () => {
    const { read, reads } = pagesFrom({ first: "a", a: "b", b: null });
    const walk = followPages(read, { what: "test", maxPages: 10 });
    expect((await collect(walk)).map((page) => page.id)).toEqual(["first", "a", "b"]);
    expect(reads).toEqual([null, "a", "b"]);
    expect(walk.incomplete).toBeNull();
  });

  it("stops at a loop, keeping what arrived, and says so", async () => {
    const { read } = pagesFrom({ first: "a", a: "b", b: "a" });
    const walk = followPages(read, { what: "participants_v2", maxPages: 10 });
    expect((await collect(walk)).map((page) => page.id)).toEqual(["first", "a", "b"]);
    expect(walk.incomplete).toEqual({
      reason: "loop",
      message: "Graph's participants_v2 pages looped, so the list may be incomplete",
    });
  });

  it("stops at the page cap", async () => {
    const next = Object.fromEntries(
      Array.from({ length: 20 }, (_, i) => [i === 0 ? "first" : `p${i}`, `p${i + 1}`]),
    );
    const { read } = pagesFrom(next);
    const walk = followPages(read, { what: "call records", maxPages: 5 });
    expect(await collect(walk)).toHaveLength(5);
    expect(walk.incomplete?.reason).toBe("cap");
  });
});

describe("nextInChain", () => {
  const rules = { what: "session", maxPages: 4, onCap: () => new Error("too many") };
  it("numbers pages and remembers the links it followed", () => {
    const one = nextInChain(null, "a", rules);
    expect(one).toMatchObject({ link: "a", page: 1, history: [] });
    const two = nextInChain(one, "b", rules);
    expect(two?.page).toBe(2);
    expect(two?.history).toHaveLength(1);
    expect(nextInChain(two, null, rules)).toBeNull();
  });
  it("refuses a link already followed, and a page past the cap", () => {
    const one = nextInChain(null, "a", rules);
    const two = nextInChain(one, "b", rules);
    expect(() => nextInChain(two, "a", rules)).toThrow(PageLoopError);
    const three = nextInChain(two, "c", rules);
    expect(() => nextInChain(three, "d", rules)).toThrow("too many");
  });
});
