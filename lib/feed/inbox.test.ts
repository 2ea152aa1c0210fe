// The inbox pages with a sealed cursor bound to its order and filters.
import { afterAll, describe, expect, it } from "vitest";
import { FULL_VIEW } from "@/lib/callrecords/view";
import { openDatabase } from "@/lib/db/open";
import { tempSqlitePath } from "@/lib/db/testing/databases";
import { feedEntry } from "@/lib/testing/feed-builders";
import { createInbox, createInboxSealer, PAGE_SIZE, type InboxQuery } from "./inbox";
import { createFeedStore } from "./store";

const TENANT = "t-inbox";
const db = openDatabase({ sqlitePath: tempSqlitePath() });
afterAll(() => db.close());
const store = createFeedStore(db);
const inbox = createInbox({
  store,
  tenantId: TENANT,
  cursors: createInboxSealer("i".repeat(32)),
  feed: null,
  maxWatched: 10,
  resolvePerson: async () => {
    throw new Error("not used");
  },
});
const query = (overrides: Partial<InboxQuery> = {}): InboxQuery => ({
  poorOnly: false,
  order: "newest",
  watchedOnly: false,
  person: null,
  cursor: null,
  ...overrides,
});
const page = async (q: InboxQuery) =>
  JSON.parse(await inbox.page(q, FULL_VIEW)) as { calls: { callId: string }[]; nextCursor: string | null };

describe("inbox paging", async () => {
  const count = PAGE_SIZE + 10;
  const options = { now: 0, settleMs: 0, rejudgeAfterMs: 0, maxQueue: 1000, source: "notification" as const };
  for (let n = 1; n <= count; n++) {
    const entry = feedEntry(n, n % 3 === 0 ? "poor" : "good", 1_700_000_000_000 + n * 60_000);
    await store.enqueue(TENANT, [{ callId: entry.callId, changeType: "created" }], options);
    const [item] = await store.claim(TENANT, "test", 1, 1, 60_000);
    if (item) await store.finish(TENANT, item, entry, [], { now: 1, settleMs: 0 });
  }

  it("reads every call once across pages, newest first", async () => {
    const first = await page(query());
    expect(first.calls).toHaveLength(PAGE_SIZE);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await page(query({ cursor: first.nextCursor }));
    expect(second.calls).toHaveLength(count - PAGE_SIZE);
    expect(second.nextCursor).toBeNull();
    const ids = [...first.calls, ...second.calls].map((call) => call.callId);
    expect(new Set(ids).size).toBe(count);
  });

  it("refuses a cursor that was altered, written by hand, or read in another order or filter", async () => {
    const { nextCursor } = await page(query());
    const cursor = nextCursor ?? "";
    const altered = `${cursor.slice(0, -4)}${cursor.slice(-4) === "AAAA" ? "BBBB" : "AAAA"}`;
    // The unsealed shape earlier versions handed out: readable and forgeable, now refused.
    const handMade = Buffer.from(
      JSON.stringify({ poor: 0, start: 0, callId: feedEntry(1, "good", 0).callId }),
    ).toString("base64url");
    for (const bad of [
      query({ cursor: altered }),
      query({ cursor: handMade }),
      query({ cursor, order: "poor" }),
      query({ cursor, poorOnly: true }),
      query({ cursor, watchedOnly: true }),
    ])
      await expect(inbox.page(bad, FULL_VIEW)).rejects.toMatchObject({ status: 400, code: "invalid_cursor" });
  });
});
