import { describe, expect, it } from "vitest";
import { buildCallRecord } from "../../emulator/data/scenarios";
import { parseCallRecordBody } from "@/lib/callrecords/parse";
import { personalValues } from "@/lib/testing/personal-values";
import { createRedactor } from "./redact";
import getBasic from "@/lib/graph/fixtures/get-callrecord-example-1.json";
import getExpanded from "@/lib/graph/fixtures/get-callrecord-example-2.json";
import legacyOnly from "@/lib/graph/fixtures/legacy-only.json";
import listSessionsWithSegments from "@/lib/graph/fixtures/list-sessions-example-2.json";
import realTenant from "@/lib/graph/fixtures/real-tenant-shape.json";
import { callVerdict } from "@/lib/callrecords/analysis";
import { analyzeCall } from "@/lib/callrecords/analyze";
import { describeNetwork } from "@/lib/callrecords/describe";
import { participantList } from "@/lib/callrecords/participants";
import { streamRows } from "@/lib/callrecords/streams";
import { demoCalls } from "@/lib/demo/calls";

describe("report redaction", () => {
  for (const scenario of ["team-meeting", "poor-wifi", "failed-pstn"] as const) {
    it(`leaves no personal value of the ${scenario} call behind`, () => {
      const wire = buildCallRecord({
        id: "9a1b3c5d-7e8f-4a0b-8c1d-2e3f4a5b6c05",
        scenario,
        seed: "r",
        end: Date.parse("2026-11-20T12:00:00Z"),
        tenantId: "t",
      });
      const secrets = personalValues(wire);
      expect(secrets.length).toBeGreaterThan(8);
      const redacted = JSON.stringify(createRedactor().redact(wire));
      for (const secret of secrets) expect(redacted, secret).not.toContain(secret);
      // The quality data survives and still parses.
      const parsed = parseCallRecordBody(JSON.parse(redacted));
      expect(parsed.sessions.length).toBe(wire.sessions.length);
    });
  }

  it("replaces the same value the same way everywhere, and keeps session IDs", () => {
    const redactor = createRedactor();
    const a = redactor.redact({
      id: "session-1",
      caller: { identity: { user: { id: "u1", displayName: "Ada Lovelace" } } },
    });
    const b = redactor.redact({
      callee: { identity: { user: { id: "u1", displayName: "Ada Lovelace" } } },
      other: { identity: { user: { id: "u2", displayName: "Bo" } } },
    });
    expect(a.id).toBe("session-1");
    expect(a.caller.identity.user.displayName).toBe("Participant A");
    expect(b.callee.identity.user).toEqual(a.caller.identity.user);
    expect(b.other.identity.user.displayName).toBe("Participant B");
  });
});

describe("redaction never invents or drops facts", () => {
  const end = Date.parse("2026-11-20T12:00:00Z");
  const records: [string, unknown][] = [
    ...demoCalls.map((call): [string, unknown] => [
      call.title,
      buildCallRecord({ id: call.id, scenario: call.scenario, seed: "r", end, tenantId: "t" }),
    ]),
    ["Get callRecord example 2", getExpanded],
    ["List sessions example 2 as a record", { ...getBasic, sessions: listSessionsWithSegments.value }],
    ["real-tenant shape", realTenant],
    ["legacy-only", legacyOnly],
  ];

  /** What a person reads off a call: verdicts, counts, direct or relayed paths, findings, people. */
  function facts(body: unknown) {
    const parsed = parseCallRecordBody(body);
    const rows = streamRows(parsed.sessions);
    const verdict = callVerdict(rows);
    const media = parsed.sessions.flatMap((s) => s.segments.flatMap((g) => g.media));
    return {
      sessions: parsed.sessions.length,
      streams: verdict.streams,
      poorShare: verdict.poorShare,
      worst: verdict.worst?.breach.text ?? null,
      paths: media.map((m) => [describeNetwork(m.callerNetwork), describeNetwork(m.calleeNetwork)]),
      linkSpeeds: media.map((m) => [m.callerNetwork?.linkSpeed ?? null, m.calleeNetwork?.linkSpeed ?? null]),
      unreported: media.map((m) => [
        m.callerNetwork?.relayIPAddress === null,
        m.calleeNetwork?.macAddress === null,
        m.callerNetwork?.subnet === null,
      ]),
      findings: analyzeCall(parsed.sessions, rows).findings.map((f) => [f.kind, f.severity.toFixed(3)]),
      people: participantList({
        v2: parsed.participants?.source === "participants_v2" ? parsed.participants.list : null,
        legacy: parsed.participants?.source === "legacy" ? parsed.participants.list : null,
        sessions: parsed.sessions,
      }).participants.length,
      feedback: parsed.sessions.map((s) => [
        s.caller?.feedback?.rating ?? null,
        s.callee?.feedback?.rating ?? null,
      ]),
    };
  }

  for (const [name, record] of records) {
    it(`${name}: the redacted payload reads the same`, () => {
      expect(facts(createRedactor().redact(record))).toEqual(facts(record));
    });
  }

  it("keeps empty strings and placeholder MACs as they were", () => {
    const out = createRedactor().redact({
      relayIPAddress: "",
      ipAddress: "10.1.2.3",
      macAddress: "00-00-00-00-00-00",
      subnet: "  ",
    });
    expect(out).toEqual({
      relayIPAddress: "",
      ipAddress: "192.0.2.1",
      macAddress: "00-00-00-00-00-00",
      subnet: "  ",
    });
  });

  it("removes feedback free text, which can name people", () => {
    const out = createRedactor().redact({ feedback: { rating: "poor", text: "I could barely hear Clara." } });
    expect(out.feedback).toEqual({ rating: "poor", text: "[feedback text removed]" });
  });
});
