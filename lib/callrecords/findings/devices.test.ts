import { describe, expect, it } from "vitest";
import { device, goodAudio, media, person, session } from "../fixtures";
import { DEFAULT_THRESHOLDS } from "../thresholds";
import { deviceFailures, devicesRule } from "./devices";
import { findingInput } from "./testing";

describe("devices rule", () => {
  it("reports a microphone that did not work past the threshold, on the side it was on", () => {
    const broken = device({ captureNotFunctioningEventRatio: 0.2 });
    const [finding] = devicesRule.find(
      findingInput([
        session("s1", person("Ada"), person("Ben"), [
          media("audio", [goodAudio("callerToCallee"), goodAudio()], { calleeDevice: broken }),
        ]),
      ]),
    );
    expect(finding).toMatchObject({ kind: "device" });
    expect(finding?.text).toBe("\u2068Ben\u2069: microphone not working 20% of the time (callee side).");
  });

  it("stays quiet under the threshold and without a device", () => {
    const limit = DEFAULT_THRESHOLDS.deviceNotFunctioningRatio;
    expect(deviceFailures(device({ renderNotFunctioningEventRatio: limit / 2 }), DEFAULT_THRESHOLDS)).toEqual(
      [],
    );
    expect(
      deviceFailures(device({ renderNotFunctioningEventRatio: limit }), DEFAULT_THRESHOLDS),
    ).toHaveLength(1);
    expect(deviceFailures(null, DEFAULT_THRESHOLDS)).toEqual([]);
  });
});
