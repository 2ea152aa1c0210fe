import { describe, expect, it } from "vitest";
import { durationToMs } from "./duration";

describe("durationToMs", () => {
  it.each([
    ["PT0.016S", 16],
    ["PT1S", 1000],
    ["PT1M2.5S", 62_500],
    ["PT1H", 3_600_000],
    ["P1DT1S", 86_401_000],
    ["PT0S", 0],
    ["PT0.0005S", 0.5],
  ])("%s → %d ms", (iso, ms) => expect(durationToMs(iso)).toBe(ms));

  it("keeps null as not measured, never zero", () => {
    expect(durationToMs(null)).toBeNull();
    expect(durationToMs(undefined)).toBeNull();
  });

  it("rejects what is not an ISO-8601 duration", () => {
    expect(() => durationToMs("16ms")).toThrow(/ISO-8601/);
    expect(() => durationToMs("0.016")).toThrow();
  });
});
