// The hostile record (emulator/data/hostile.ts): every free-form string carries markup, formulas, bidi
// overrides, control characters, prototype names or 100 KB. Every derivation must stay inert and bounded.
import { describe, expect, it } from "vitest";
import { parseCsv } from "@/lib/format/csv";
import { hostileRecord } from "../../emulator/data/hostile";
import { callVerdict, summarizeSession } from "./analysis";
import { analyzeCall } from "./analyze";
import { mediaCharts } from "./chart-data";
import { compareEndpoints, compareSides } from "./compare";
import { callStreamsCsv } from "./export-table";
import { describeNetwork, endpointLabel, identityKindLabel, lookup } from "./describe";
import { feedbackTokens } from "./feedback";
import { maskCall, maskSessions } from "./mask";
import { parseCallRecordBody } from "./parse";
import { participantList, personRows } from "./participants";
import { MAX_TEXT_LENGTH } from "./reported";
import { streamDetails } from "./stream-details";
import { streamRows } from "./streams";

const parsed = parseCallRecordBody(hostileRecord());
const rows = streamRows(parsed.sessions);
const everyMedia = parsed.sessions.flatMap((s) => s.segments.flatMap((segment) => segment.media));

/** Everything the views derive from the record, as one string to search. */
function derived(): string {
  const out: unknown[] = [
    parsed.call,
    callVerdict(rows),
    analyzeCall(parsed.sessions, rows),
    parsed.sessions.map((s) => summarizeSession(s)),
    everyMedia.map((media) => [
      mediaCharts(media),
      compareSides(media),
      streamDetails(media),
      describeNetwork(media.callerNetwork),
    ]),
    parsed.sessions.map((s) => [
      compareEndpoints(s.caller, s.callee),
      endpointLabel(s.caller),
      s.caller?.identity ? identityKindLabel(s.caller.identity) : null,
    ]),
    parsed.sessions.flatMap((s) => (s.caller?.feedback ? feedbackTokens(s.caller.feedback) : [])),
    personRows(
      participantList({ v2: parsed.participants?.list ?? null, legacy: [], sessions: parsed.sessions }),
      analyzeCall(parsed.sessions, rows).impacts,
    ),
  ];
  return JSON.stringify(out);
}

describe("a record of hostile strings", () => {
  it("parses every session and stream", () => {
    expect(parsed.sessions).toHaveLength(3);
    expect(rows.length).toBeGreaterThan(0);
  });

  it("never looks a Graph value up on Object's prototype", () => {
    expect(lookup({ good: 1 }, "constructor")).toBeUndefined();
    expect(lookup({ good: 1 }, "__proto__")).toBeUndefined();
    expect(lookup({ good: 1 }, "toString")).toBeUndefined();
    expect(derived()).not.toMatch(/\[native code\]|function Object|\[object Object\]/);
  });

  it("keeps prototype-named feedback tokens as tokens", () => {
    const feedback = parsed.sessions[0]?.caller?.feedback;
    const names = feedbackTokens(feedback ?? { rating: "poor", text: null, tokens: {} }).map(
      (token) => token.name,
    );
    // "__proto__" is dropped by validation (zod never copies it); the rest are ordinary tokens.
    expect(names).toEqual(
      expect.arrayContaining(["constructor", "toString", "hasOwnProperty", "NoSound", "<b>Echo</b>"]),
    );
  });

  it("clips runaway strings for display", () => {
    const longest = Math.max(
      ...parsed.sessions
        .flatMap((s) => [
          s.caller?.name,
          s.caller?.identity?.displayName,
          s.callee?.identity?.displayName,
          s.caller?.feedback?.text,
        ])
        .map((text) => text?.length ?? 0),
    );
    expect(longest).toBeGreaterThan(100);
    expect(longest).toBeLessThanOrEqual(MAX_TEXT_LENGTH + 40);
    expect(derived()).not.toContain("W".repeat(MAX_TEXT_LENGTH + 1));
  });

  it("neutralises formulas in the CSV", () => {
    const cells = parseCsv(callStreamsCsv(parsed.call, parsed.sessions, { pseudonym: (id) => id })).flat();
    // Some cells did start with a formula character: they are kept, defused with a leading quote.
    expect(cells.some((cell) => /^'[=+\-@]/.test(cell))).toBe(true);
    for (const cell of cells) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it("masks the hostile names for a Reader like any other", () => {
    const masked = maskSessions(parsed.sessions, () => "Participant X");
    const endpoints = masked.flatMap((s) => [
      s.caller,
      s.callee,
      ...s.segments.flatMap((segment) => [segment.caller, segment.callee]),
    ]);
    for (const endpoint of endpoints) {
      if (endpoint?.identity)
        expect([
          endpoint.identity.displayName,
          endpoint.identity.userPrincipalName,
          endpoint.identity.id,
        ]).toEqual(["Participant X", null, null]);
    }
    expect(JSON.stringify(masked)).not.toContain("I could barely hear Clara");
    expect(maskCall(parsed.call, () => "Participant X").organizer?.displayName).toBe("Participant X");
  });
});
