import type { FindingRule } from "./types";
import { MAX_EVIDENCE } from "./types";

/** The cause findings: the story's own sentences, first in the list (the headline is the first of them). */
export const causeRule: FindingRule = {
  labels: { cause: "Likely cause" },
  find({ story }) {
    const lines = story.meeting?.lines ?? [];
    if (lines.length > 0)
      return lines.map((line, index) => ({
        id: `cause:${line.id}`,
        kind: "cause",
        severity: 100 - index,
        text: line.text,
        evidence: line.sessionIds
          .slice(0, MAX_EVIDENCE)
          .map((sessionId) => ({ sessionId, detail: line.column })),
      }));
    if (story.pair?.responsible.status === "none" || story.meeting?.anyPoor === false) return [];
    return [{ id: "cause:call", kind: "cause", severity: 100, text: story.headline, evidence: [] }];
  },
};
