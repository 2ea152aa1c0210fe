// Two "instances" (two server stacks) sharing one store, against the emulator over HTTPS.
import { parseJsonBytes } from "@/lib/api/json-parts";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sizedCallId } from "../../../emulator/data/store";
import { demoCalls } from "@/lib/demo/calls";
import { FULL_VIEW } from "@/lib/callrecords/view";
import { MASKED_VIEW } from "@/lib/testing/masked-view";
import { startEmulator, type RunningEmulator } from "@/lib/testing/emulator";
import { graphStack } from "@/lib/testing/graph-stack";
import { newTrace } from "../trace";
import { createMemoryBudget } from "../graph-budget";
import { createMemoryBackend, createMemoryStore } from "./shared-store";

const SECRET = "k".repeat(32);
let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ throttle: false });
});
afterAll(async () => emulator.close());
beforeEach(() => {
  emulator.faults.set({});
  emulator.stats.clear();
});

function twoInstances() {
  const backend = createMemoryBackend();
  const store = () => createMemoryStore({ secret: SECRET, maxEntryBytes: 8 * 1024 * 1024 }, backend);
  return [
    graphStack(emulator, { shared: store(), readAhead: true }),
    graphStack(emulator, { shared: store(), readAhead: true }),
  ] as const;
}

async function readAll(
  stack: ReturnType<typeof graphStack>,
  callId: string,
  view = FULL_VIEW,
): Promise<number> {
  const first = parseJsonBytes((await stack.service.openCall(callId, view, newTrace())).json) as {
    sessions: unknown[];
    nextCursor: string | null;
  };
  let count = first.sessions.length;
  let cursor = first.nextCursor;
  while (cursor) {
    const page = parseJsonBytes(
      (await stack.service.sessionsPage(callId, cursor, view, newTrace())).json,
    ) as typeof first;
    count += page.sessions.length;
    cursor = page.nextCursor;
  }
  return count;
}

const upstream = (callId: string) => {
  const used = emulator.stats.get(callId) ?? { firstPage: 0, laterPage: 0 };
  return used.firstPage + used.laterPage;
};

describe("instances sharing a store", () => {
  it("read a call once between them, Investigators and Readers alike", async () => {
    const [a, b] = twoInstances();
    const callId = sizedCallId(600);
    emulator.faults.set({ latencyMs: 30 });
    const counts = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        readAll(i % 2 ? a : b, callId, i % 4 < 2 ? FULL_VIEW : MASKED_VIEW),
      ),
    );
    expect(counts.every((count) => count === 600)).toBe(true);
    expect(upstream(callId)).toBe(10);
  });

  it("write a snapshot from Graph's answer kept once in the store", async () => {
    const [a, b] = twoInstances();
    const callId = demoCalls.find((c) => c.scenario === "team-meeting")?.id ?? "";
    await readAll(a, callId);
    const before = upstream(callId);
    const parts = [];
    for await (const part of b.service.rawCall(callId, newTrace())) parts.push(part);
    const sessions = parts.flatMap((part) => ("rawSessions" in part ? part.rawSessions : []));
    expect(sessions.length).toBe(12);
    expect(JSON.parse(sessions[0] ?? "{}")).toHaveProperty("segments");
    const people = parts.find((part) => "record" in part);
    expect(people && "rawParticipants" in people && people.rawParticipants?.length).toBeGreaterThan(0);
    expect(upstream(callId)).toBe(before);
  });

  it("spend one record's budget between them, and answer 429 before Graph would", async () => {
    const budget = createMemoryBudget({
      firstPage: { requests: 10, windowMs: 20_000 },
      laterPage: { requests: 3, windowMs: 60_000 },
    });
    const a = graphStack(emulator, { budget, budgetWaitMs: 0 });
    const b = graphStack(emulator, { budget, budgetWaitMs: 0 });
    const callId = sizedCallId(420);
    const first = parseJsonBytes((await a.service.openCall(callId, FULL_VIEW, newTrace())).json) as {
      nextCursor: string;
    };
    let cursor: string | null = first.nextCursor;
    let pages = 0;
    const error = await (async () => {
      try {
        while (cursor) {
          const page = parseJsonBytes(
            (await (pages % 2 ? a : b).service.sessionsPage(callId, cursor, FULL_VIEW, newTrace())).json,
          ) as { nextCursor: string | null };
          cursor = page.nextCursor;
          pages += 1;
        }
      } catch (caught) {
        return caught;
      }
    })();
    expect(pages).toBe(3);
    expect(error).toMatchObject({ kind: "throttled" });
    expect(upstream(callId)).toBe(4);
  });
});
