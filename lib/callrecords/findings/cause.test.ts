import { describe, expect, it } from "vitest";
import { goodAudio, media, network, person, poorAudio, session } from "../fixtures";
import { causeRule } from "./cause";
import { findingInput } from "./testing";

/** Ada calls Ben; `weakSide` is on weak 2.4 GHz Wi-Fi and sends audio that arrives poor. */
const call = (weakSide: "caller" | "callee") => {
  // 2.4 GHz Wi-Fi with a weak signal, through a relay: the sender's own network explains its poor audio.
  const weak = network({
    connectionType: "wifi",
    wifiBand: "frequency24GHz",
    wifiSignalStrength: 42,
    relayIPAddress: "52.112.0.9",
    linkSpeed: 72_000_000,
  });
  const direction = weakSide === "caller" ? "callerToCallee" : "calleeToCaller";
  const back = weakSide === "caller" ? "calleeToCaller" : "callerToCallee";
  return [
    session("s1", person("Ada"), person("Ben"), [
      media("audio", [poorAudio(direction), goodAudio(back)], {
        callerNetwork: weakSide === "caller" ? weak : network(),
        calleeNetwork: weakSide === "callee" ? weak : network(),
      }),
    ]),
  ];
};

describe("cause rule", () => {
  it("leads with the story's headline, naming the side whose own network explains it — mirrored", () => {
    for (const [side, name] of [
      ["caller", "Ada"],
      ["callee", "Ben"],
    ] as const) {
      const input = findingInput(call(side));
      const [first] = causeRule.find(input);
      expect(first).toMatchObject({ kind: "cause", severity: 100, text: input.story.headline });
      expect(first?.text.startsWith(`\u2068${name}\u2069's side (the ${side})`)).toBe(true);
    }
  });

  it("says nothing about cause when no stream was poor", () => {
    const input = findingInput([
      session("s1", person("Ada"), person("Ben"), [
        media("audio", [goodAudio("callerToCallee"), goodAudio()]),
      ]),
    ]);
    expect(causeRule.find(input)).toEqual([]);
  });
});
