import { describe, expect, it } from "vitest";
import { device, media, person, poorAudio, session, stream } from "../fixtures";
import { FINDING_KIND_LABELS, FINDING_RULES, findings, type FindingRule } from "./index";
import { findingInput } from "./testing";

describe("findings", () => {
  const sessions = [
    session("s1", { ...person("Ada"), feedback: { rating: "bad", text: null, tokens: {} } }, person("Ben"), [
      media(
        "audio",
        [poorAudio("callerToCallee"), stream({ direction: "calleeToCaller", packetUtilization: 900 })],
        {
          callerDevice: device({ captureNotFunctioningEventRatio: 0.3 }),
        },
      ),
    ]),
  ];

  it("runs every rule and sorts by severity, cause first", () => {
    const input = findingInput(sessions);
    const found = findings(input.sessions, input.rows, input.story);
    expect(found[0]?.kind).toBe("cause");
    expect(found.map((f) => f.severity)).toEqual([...found.map((f) => f.severity)].sort((a, b) => b - a));
    expect(new Set(found.map((f) => f.kind))).toEqual(
      new Set(["cause", "poor-sender", "device", "feedback", "no-telemetry"]),
    );
  });

  it("labels every kind a rule produces", () => {
    const input = findingInput(sessions);
    for (const finding of findings(input.sessions, input.rows, input.story))
      expect(FINDING_KIND_LABELS[finding.kind]).toBeTruthy();
    expect(Object.keys(FINDING_KIND_LABELS)).toHaveLength(
      FINDING_RULES.reduce((n, rule) => n + Object.keys(rule.labels).length, 0),
    );
  });

  it("takes a rule list, so a new rule is one entry", () => {
    const extra: FindingRule = {
      labels: { extra: "Extra" },
      find: ({ sessions: list }) => [
        { id: "x", kind: "extra", severity: 1, text: `${list.length}`, evidence: [] },
      ],
    };
    const input = findingInput(sessions);
    expect(findings(input.sessions, input.rows, input.story, input.table, [extra])).toEqual([
      { id: "x", kind: "extra", severity: 1, text: "1", evidence: [] },
    ]);
  });
});
