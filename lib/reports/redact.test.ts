import { describe, expect, it } from "vitest";
import { buildCallRecord } from "../../emulator/data/scenarios";
import { parseCallRecordBody } from "@/lib/callrecords/parse";
import { personalValues } from "@/lib/testing/personal-values";
import { createRedactor } from "./redact";

describe("report redaction", () => {
  for (const scenario of ["team-meeting", "poor-wifi", "failed-pstn"] as const) {
    it(`leaves no personal value of the ${scenario} call behind`, () => {
      const wire = buildCallRecord({ id: "9a1b3c5d-7e8f-4a0b-8c1d-2e3f4a5b6c05", scenario, seed: "r", end: Date.parse("2026-11-20T12:00:00Z"), tenantId: "t" });
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
    const a = redactor.redact({ id: "session-1", caller: { identity: { user: { id: "u1", displayName: "Ada Lovelace" } } } });
    const b = redactor.redact({ callee: { identity: { user: { id: "u1", displayName: "Ada Lovelace" } } }, other: { identity: { user: { id: "u2", displayName: "Bo" } } } });
    expect(a.id).toBe("session-1");
    expect(a.caller.identity.user.displayName).toBe("Participant A");
    expect(b.callee.identity.user).toEqual(a.caller.identity.user);
    expect(b.other.identity.user.displayName).toBe("Participant B");
  });
});
