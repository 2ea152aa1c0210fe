import { describe, expect, it } from "vitest";
import { AlertError } from "./errors";
import { parseRuleInput, parseRulePatch } from "./rules";

const band = {
  name: "Sites over 10 %",
  spec: { kind: "band", dimension: "site", window: "24h", bandPercent: 10, minStreams: 50 },
};

function problem(run: () => unknown): AlertError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AlertError);
    return error as AlertError;
  }
  throw new Error("expected a refusal");
}

describe("a rule as a person writes it", () => {
  it("fills the defaults", () => {
    const rule = parseRuleInput(band);
    expect(rule).toMatchObject({ enabled: true, cooldownMinutes: 60, digest: "none", destinationIds: [] });
    expect(rule.spec).toMatchObject({ values: null, overBaselinePoints: 5, media: "all" });
  });

  it("names each wrong field", () => {
    expect(
      problem(() => parseRuleInput({ ...band, spec: { ...band.spec, dimension: "planet" } })).message,
    ).toMatch(/spec\.dimension: one of site, inside_corp, subnet/);
    expect(
      problem(() => parseRuleInput({ ...band, spec: { ...band.spec, bandPercent: 140 } })).message,
    ).toMatch(/spec\.bandPercent: from 0 to 100 \(%\)/);
    expect(
      problem(() => parseRuleInput({ ...band, spec: { ...band.spec, kind: "weather" } })).message,
    ).toMatch(/kind must be person, band, new-cause or trunk/);
    expect(
      problem(() =>
        parseRuleInput({ ...band, quietHours: { from: "25:00", to: "07:00", timeZone: "Mars/Olympus" } }),
      ).message,
    ).toMatch(/quietHours\.from: a time as HH:MM.*quietHours\.timeZone: an IANA time zone/);
    expect(problem(() => parseRuleInput({ spec: band.spec })).message).toMatch(/name/);
  });

  it("refuses a sample too small for its window", () => {
    const error = problem(() =>
      parseRuleInput({ ...band, spec: { ...band.spec, window: "1h", minStreams: 3 } }),
    );
    expect(error.code).toBe("window_too_short");
    expect(error.message).toMatch(/3 streams is too small a sample for the last hour; ask for at least 10/);
  });

  it("needs a trunk rule to say what counts as failing", () => {
    expect(
      problem(() => parseRuleInput({ name: "SBC", spec: { kind: "trunk", window: "1h" } })).message,
    ).toMatch(/failedPercent, sipCode, or both/);
    expect(
      parseRuleInput({
        name: "SBC 503",
        spec: { kind: "trunk", window: "1h", sipCode: { code: 503, atLeast: 3 } },
      }).spec,
    ).toMatchObject({ trunk: null, minCalls: 10, failedPercent: null });
  });

  it("takes a patch of known fields only, checked as a whole", () => {
    const rule = parseRuleInput(band);
    expect(parseRulePatch(rule, { enabled: false }).enabled).toBe(false);
    expect(problem(() => parseRulePatch(rule, { colour: "red" })).message).toMatch(/Unknown field: colour/);
    expect(problem(() => parseRulePatch(rule, { cooldownMinutes: -5 })).message).toMatch(/cooldownMinutes/);
  });
});
