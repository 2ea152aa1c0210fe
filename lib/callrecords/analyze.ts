// A whole call's derived facts in one call, for the server (list rows, the feed) and for tests; the browser
// runs the same steps one task at a time (lib/client/use-call-analysis.ts).
import { callVerdict, findings, participantImpact } from "./analysis";
import type { SiteOf } from "./compare";
import type { Session } from "./model";
import { callStory } from "./story";
import type { StreamRow } from "./streams";

export function analyzeCall(sessions: readonly Session[], rows: readonly StreamRow[], siteOf?: SiteOf) {
  const story = callStory(sessions, rows, siteOf);
  return {
    story,
    verdict: callVerdict(rows, sessions),
    findings: findings(sessions, rows, story),
    impacts: participantImpact(rows, story.parts),
  };
}
