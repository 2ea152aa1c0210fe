import { describeFailureGroup, failureGroups, failureWords, sessionQualityWord } from "../failures";
import { MAX_EVIDENCE, type FindingRule } from "./types";

/** Failed sessions grouped by stage and reason (failures.ts), with the retry that followed. */
export const failedSessionsRule: FindingRule = {
  labels: { failure: "Failure" },
  find({ sessions }) {
    return failureGroups(sessions).flatMap((group) => {
      const first = group.sessions[0];
      if (!first) return [];
      return [
        {
          id: `failure:${first.id}`,
          kind: "failure",
          severity: 3 + Math.log10(group.sessions.length),
          text: describeFailureGroup(group),
          evidence: [...group.sessions, ...(group.retry ? [group.retry] : [])]
            .slice(0, MAX_EVIDENCE)
            .map((session) => ({
              sessionId: session.id,
              detail: session === group.retry ? `retry: ${sessionQualityWord(session)}` : failureWords(group),
            })),
        },
      ];
    });
  },
};
