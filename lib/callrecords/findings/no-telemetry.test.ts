import { describe, expect, it } from "vitest";
import { goodAudio, media, person, session, stream } from "../fixtures";
import { noTelemetryRule } from "./no-telemetry";
import { findingInput } from "./testing";

describe("no-telemetry rule", () => {
  it("counts the streams that reported no network metrics", () => {
    const found = noTelemetryRule.find(
      findingInput([
        session("s1", person("Ada"), person("Ben"), [
          media("audio", [stream({ packetUtilization: 900 }), goodAudio()]),
        ]),
      ]),
    );
    expect(found).toEqual([
      expect.objectContaining({
        kind: "no-telemetry",
        evidence: [expect.objectContaining({ sessionId: "s1" })],
      }),
    ]);
    expect(found[0]?.text).toMatch(/^1 stream had no network metrics/);
  });

  it("finds nothing when every stream reported", () => {
    expect(
      noTelemetryRule.find(
        findingInput([
          session("s1", person("Ada"), person("Ben"), [
            media("audio", [goodAudio("callerToCallee"), goodAudio()]),
          ]),
        ]),
      ),
    ).toEqual([]);
  });
});
