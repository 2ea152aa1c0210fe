// Work done in steps so a big call never holds a thread for long (the server's list verdict and history facts,
// the page's participants table): the steps must give the answer the whole computation gives.
import { describe, expect, it } from "vitest";
import { buildCallRecord } from "../../emulator/data/scenarios";
import { callVerdict } from "./analysis";
import { withMeetingService } from "./meeting-service";
import { parseCallRecordBody } from "./parse";
import { callRoles } from "./person-parts";
import { callStory } from "./story";
import { streamFactSteps } from "./stream-facts";
import { streamRows } from "./streams";
import { verdictSummarySteps } from "./verdict-summary";
import { analyzeCall } from "./analyze";
import { summarizeSession } from "./analysis";
import { participantList, peopleFromSessions, personRowSteps } from "./participants";

const town = parseCallRecordBody(
  buildCallRecord({
    id: "c",
    scenario: "town-hall",
    seed: "steps",
    end: Date.UTC(2026, 10, 2, 10),
    tenantId: "t",
  }),
);
const sessions = town.sessions.slice(0, 640);

/** Runs steps to the end, counting the pauses between them. */
function run<T>(steps: Generator<void, T>): { value: T; pauses: number } {
  for (let pauses = 0; ; pauses++) {
    const step = steps.next();
    if (step.done) return { value: step.value, pauses };
  }
}

describe("work the server does in steps", () => {
  it("judges 640 sessions in slices of at most 100 with the verdict, worst stream and parts of the whole", () => {
    const { value, pauses } = run(verdictSummarySteps(sessions, town.call.type));
    // Seven slices of sessions, then the verdict and the story: eight pauses.
    expect(pauses).toBe(8);
    const whole = sessions.map((session) => withMeetingService(session, town.call.type));
    const rows = streamRows(whole);
    const verdict = callVerdict(rows, whole);
    expect(value.quality).toBe(verdict.quality);
    expect(value.poorShare).toBe(verdict.poorShare);
    expect(value.streams).toEqual(verdict.streams);
    expect(value.failures).toEqual(verdict.failures);
    expect(value.worst?.text).toBe(verdict.worst?.breach.text);
    expect(value.roles).toEqual(callRoles(rows, callStory(whole, rows)));
  });

  it("lists the same stream facts in steps of 25 sessions", () => {
    const context = { pseudonym: (id: string) => `p-${id}` };
    const { value, pauses } = run(streamFactSteps(town.call, sessions, context));
    expect(pauses).toBe(Math.ceil(sessions.length / 25) - 1);
    expect(value).toHaveLength(streamRows(sessions).length);
    const oneAtATime = sessions.flatMap(
      (session) => run(streamFactSteps(town.call, [session], context)).value,
    );
    expect(value).toEqual(oneAtATime);
  });

  it("matches 2,500 people with their parts in steps of 1,000, the worst senders first", () => {
    const summaries = town.sessions.map((session) => summarizeSession(session, undefined, town.call.type));
    const rows = summaries.flatMap((summary) => summary.rows);
    const { impacts } = analyzeCall(town.sessions, rows);
    const listed = peopleFromSessions(town.sessions).slice(0, 2_500);
    const list = participantList({ v2: listed, legacy: null, sessions: town.sessions });
    const { value, pauses } = run(personRowSteps(list, impacts));
    expect(pauses).toBe(Math.ceil(impacts.length / 1_000) - 1 + 1 + 2 + 1);
    expect(new Set(value.map((row) => row.key)).size).toBe(value.length);
    const weights = value.map((row) => (row.impact?.sentPoor ?? 0) * 1000 + (row.impact?.receivedPoor ?? 0));
    expect(weights).toEqual([...weights].sort((a, b) => b - a));
    // Everyone listed has a row; people seen only in sessions follow them.
    expect(value.filter((row) => row.participant !== null)).toHaveLength(listed.length);
    expect(value.filter((row) => row.participant === null)).toHaveLength(
      new Set(
        impacts.flatMap((impact) => (impact.endpoint?.identity?.id ? [impact.endpoint.identity.id] : [])),
      ).size - listed.length,
    );
  });
});
