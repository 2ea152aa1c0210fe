import { describe, expect, it } from "vitest";
import { person, session } from "../fixtures";
import { feedbackRule } from "./feedback";
import { findingInput } from "./testing";

const rated = (rating: string, text: string | null) => ({
  ...person("Ada"),
  feedback: { rating, text, tokens: { DistortedSpeech: true, Echo: false } },
});

describe("feedback rule", () => {
  it("quotes a poor rating with its ticked tokens, the person's words isolated", () => {
    const [finding] = feedbackRule.find(
      findingInput([session("s1", rated("poor", "\u202Eevil\u202C words"), person("Ben"), [])]),
    );
    expect(finding).toMatchObject({ kind: "feedback", severity: 1.8 });
    expect(finding?.text).toBe(
      "\u2068Ada\u2069 rated the call \u2068poor\u2069, reporting \u2068DistortedSpeech\u2069: “\u2068\u202Eevil\u202C words\u2069”",
    );
  });

  it("ignores good ratings", () => {
    expect(
      feedbackRule.find(findingInput([session("s1", rated("good", "fine"), person("Ben"), [])])),
    ).toEqual([]);
  });
});
