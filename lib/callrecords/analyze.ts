// A whole call's derived facts, listed once as steps: the server runs them at once (list rows, the feed,
// tests); the browser runs them one task at a time (lib/client/use-call-analysis.ts) so the page stays responsive.
import { callVerdict, participantImpact } from "./analysis";
import { findings } from "./findings";
import type { SiteOf } from "./compare";
import type { Session } from "./model";
import { callStory } from "./story";
import type { StreamRow } from "./streams";

/** The analysis a step per `yield`: the verdict, the one attribution (story.ts), the findings read from it, who hurt whom. */
export function* analysisSteps(sessions: readonly Session[], rows: readonly StreamRow[], siteOf?: SiteOf) {
  const verdict = callVerdict(rows, sessions);
  yield;
  const story = callStory(sessions, rows, siteOf);
  yield;
  const found = findings(sessions, rows, story);
  yield;
  const impacts = participantImpact(rows, story.parts);
  return { story, verdict, findings: found, impacts };
}

/** Runs steps to the end at once. */
export function runSteps<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Runs steps with `pause()` before each; null as soon as `cancelled()` says to stop. */
export async function runStepsPausing<T>(
  steps: Generator<void, T>,
  pause: () => Promise<void>,
  cancelled: () => boolean,
): Promise<T | null> {
  for (;;) {
    await pause();
    if (cancelled()) return null;
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Runs steps to the end with `pause()` before each (on the server: a turn of the event loop). */
export async function runStepsBetween<T>(
  steps: Generator<void, T>,
  pause: () => Promise<unknown>,
): Promise<T> {
  for (;;) {
    await pause();
    const step = steps.next();
    if (step.done) return step.value;
  }
}

export const analyzeCall = (sessions: readonly Session[], rows: readonly StreamRow[], siteOf?: SiteOf) =>
  runSteps(analysisSteps(sessions, rows, siteOf));
