import { describe, expect, it } from "vitest";
import { conferencingServer, goodAudio, media, person, poorAudio, session } from "../fixtures";
import { poorStreamsRule } from "./poor-streams";
import { findingInput } from "./testing";

describe("poor streams rule", () => {
  it("names the sender of the poor stream by its role, mirrored when the callee sends it", () => {
    const [callerSends] = poorStreamsRule.find(
      findingInput([
        session("s1", person("Ada"), person("Ben"), [
          media("audio", [poorAudio("callerToCallee"), goodAudio()]),
        ]),
      ]),
    );
    expect(callerSends).toMatchObject({ kind: "poor-sender", id: "poor:participant:ada" });
    expect(callerSends?.text).toMatch(/^Caller \(\u2068Ada\u2069\)/);
    const [calleeSends] = poorStreamsRule.find(
      findingInput([
        session("s1", person("Ada"), person("Ben"), [
          media("audio", [poorAudio("calleeToCaller"), goodAudio("callerToCallee")]),
        ]),
      ]),
    );
    expect(calleeSends?.text).toMatch(/^Callee \(\u2068Ben\u2069\)/);
    expect(calleeSends?.evidence).toEqual([expect.objectContaining({ sessionId: "s1" })]);
  });

  it("gives a poor stream sent by the conferencing server to the person who received it", () => {
    const found = poorStreamsRule.find(
      findingInput([
        session("s1", person("Ada"), conferencingServer(), [
          media("audio", [goodAudio("callerToCallee"), poorAudio("calleeToCaller")]),
        ]),
      ]),
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: "poor-receiver" });
    expect(found[0]?.text).toContain("Ada");
    expect(found[0]?.text).toContain("received poor audio");
  });

  it("finds nothing in a good call", () => {
    expect(
      poorStreamsRule.find(
        findingInput([
          session("s1", person("Ada"), person("Ben"), [
            media("audio", [goodAudio("callerToCallee"), goodAudio()]),
          ]),
        ]),
      ),
    ).toEqual([]);
  });
});
