import { endpointKey, endpointLabel, isolate } from "../describe";
import type { FindingRule } from "./types";

/** What people said: a bad or poor rating, with the tokens they ticked and their words (isolated). */
export const feedbackRule: FindingRule = {
  labels: { feedback: "Feedback" },
  find({ sessions }) {
    return sessions.flatMap((session) =>
      [session.caller, session.callee].flatMap((endpoint) => {
        const feedback = endpoint?.feedback;
        if (!feedback || !["bad", "poor"].includes(feedback.rating)) return [];
        const flagged = Object.entries(feedback.tokens)
          .filter(([, on]) => on)
          .map(([name]) => name);
        return [
          {
            id: `feedback:${session.id}:${endpointKey(endpoint)}`,
            kind: "feedback",
            severity: feedback.rating === "bad" ? 2.2 : 1.8,
            text: `${isolate(endpointLabel(endpoint))} rated the call ${isolate(feedback.rating)}${flagged.length ? `, reporting ${flagged.map(isolate).join(", ")}` : ""}${feedback.text ? `: “${isolate(feedback.text)}”` : "."}`,
            evidence: [{ sessionId: session.id, detail: `rating ${feedback.rating}` }],
          },
        ];
      }),
    );
  },
};
