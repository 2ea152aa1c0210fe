// The list verdict and the history's stream facts are computed in steps on the server, so a big call's judging
// never holds the request thread for long: the steps must give the answer the whole computation gives.
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

const town = parseCallRecordBody(
  buildCallRecord({ id: "c", scenario: "town-hall", seed: "steps", end: Date.UTC(2026, 10, 2, 10), tenantId: "t" }),
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
    const oneAtATime = sessions.flatMap((session) => run(streamFactSteps(town.call, [session], context)).value);
    expect(value).toEqual(oneAtATime);
  });
});
