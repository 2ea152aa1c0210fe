import { describe, expect, it } from "vitest";
import { goodAudio, media, person, session } from "../fixtures";
import { failedSessionsRule } from "./failed-sessions";
import { findingInput } from "./testing";

describe("failed sessions rule", () => {
  it("groups failed sessions and names the retry that followed", () => {
    const failed = session("s1", person("Ada"), person("Ben"), [], {
      failureInfo: { stage: "callSetup", reason: "networkUnreachable" },
      startDateTime: "2026-11-20T10:00:00Z",
      endDateTime: "2026-11-20T10:00:05Z",
    });
    const retry = session(
      "s2",
      person("Ada"),
      person("Ben"),
      [media("audio", [goodAudio("callerToCallee"), goodAudio()])],
      {
        startDateTime: "2026-11-20T10:00:20Z",
      },
    );
    const [finding] = failedSessionsRule.find(findingInput([failed, retry]));
    expect(finding).toMatchObject({ kind: "failure", id: "failure:s1" });
    expect(finding?.evidence.map((e) => e.sessionId)).toEqual(["s1", "s2"]);
    expect(finding?.evidence[1]?.detail).toMatch(/^retry: /);
  });

  it("finds nothing when no session failed", () => {
    expect(failedSessionsRule.find(findingInput([session("s1", person("Ada"), person("Ben"), [])]))).toEqual(
      [],
    );
  });
});
