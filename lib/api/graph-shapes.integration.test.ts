// The odd shapes of issue #41 through the server's own stack (token, client, reader, service, insights) against
// the emulator over HTTPS: the demo call "Every shape Graph may send" (emulator/data/odd-shapes.ts), whose second
// page carries "NaN", "0.25" and "INF" and a session without an ID.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ODD_SHAPES_SESSIONS } from "../../emulator/data/odd-shapes";
import { demoCalls } from "@/lib/demo/calls";
import type { Participant, Session, Unreadable } from "@/lib/callrecords/model";
import { FULL_VIEW, type View } from "@/lib/callrecords/view";
import { MASKED_VIEW } from "@/lib/testing/masked-view";
import { startEmulator, type RunningEmulator } from "@/lib/testing/emulator";
import { graphStack } from "@/lib/testing/graph-stack";
import { parseJsonBytes } from "./json-parts";
import { newTrace } from "./trace";

const callId = demoCalls.find((call) => call.scenario === "odd-shapes")?.id ?? "";

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ throttle: false });
});
afterAll(async () => emulator.close());

interface Page {
  sessions: Session[];
  nextCursor: string | null;
  lost?: Unreadable[];
}

async function pages(stack: ReturnType<typeof graphStack>, view: View): Promise<Page[]> {
  const all = [parseJsonBytes((await stack.service.openCall(callId, view, newTrace())).json) as Page];
  let cursor = all[0]?.nextCursor ?? null;
  while (cursor) {
    const page = parseJsonBytes(
      (await stack.service.sessionsPage(callId, cursor, view, newTrace())).json,
    ) as Page;
    all.push(page);
    cursor = page.nextCursor;
  }
  return all;
}

describe("a record with every odd shape, through the API service", () => {
  it.each([
    ["an Investigator", FULL_VIEW],
    ["a Reader", MASKED_VIEW],
  ])("loads every readable session on both pages for %s, and says what was lost where", async (_, view) => {
    const loaded = await pages(graphStack(emulator), view);
    expect(loaded).toHaveLength(2);
    expect(loaded.flatMap((page) => page.sessions)).toHaveLength(ODD_SHAPES_SESSIONS - 1);
    expect(loaded[0]?.lost).toBeUndefined();
    expect(loaded[1]?.lost).toEqual([
      {
        what: expect.stringMatching(/sessions unreadable and left out \(first: value\[3\]\.id/),
        count: 1,
      },
    ]);
    const stream = loaded[1]?.sessions[0]?.segments[0]?.media[0]?.streams[0];
    expect(stream?.averagePacketLossRate).toBeNull();
    expect(stream?.unreadable).toEqual([{ field: "averagePacketLossRate", sent: '"NaN"' }]);
  });

  it("the summary, the people and the whole-record export all load", async () => {
    const stack = graphStack(emulator);
    const whole = await stack.service.readCall(callId, newTrace(), 20_000);
    expect(whole.complete).toBe(true);
    expect(whole.sessions).toHaveLength(ODD_SHAPES_SESSIONS - 1);

    const summary = JSON.parse(await stack.insights.summary(callId, FULL_VIEW, newTrace())) as {
      quality?: string;
    };
    expect(summary.quality).toBe("poor");

    const people = JSON.parse((await stack.service.participants(callId, FULL_VIEW, newTrace())).json) as {
      v2: Participant[];
    };
    const kinds = people.v2.map((p) => p.identity?.type ?? p.identity?.kind ?? null);
    expect(kinds).toEqual(
      expect.arrayContaining(["asserted", "anonymousGuest", "applicationInstance", null]),
    );
    expect(people.v2.some((p) => p.identity?.hidden)).toBe(true);

    let rawSessions = 0;
    for await (const part of stack.service.rawCall(callId, newTrace()))
      if ("rawSessions" in part) rawSessions += part.rawSessions.length;
    // A snapshot keeps what Graph sent, the unreadable session included.
    expect(rawSessions).toBe(ODD_SHAPES_SESSIONS);
  });
});
