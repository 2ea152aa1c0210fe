// Published values: Newcombe (1998), "Two-sided confidence intervals for the single proportion: comparison of
// seven methods", Statistics in Medicine 17:857–872, Table II, method 3 (Wilson score, no continuity correction).
import { describe, expect, it } from "vitest";
import { wilsonInterval } from "./wilson";

describe("wilsonInterval", () => {
  it.each([
    // successes, trials, low, high (Newcombe's Table II, to 4 places)
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])("%i of %i is %f–%f", (k, n, low, high) => {
    const interval = wilsonInterval(k, n);
    expect(interval?.low).toBeCloseTo(low, 4);
    expect(interval?.high).toBeCloseTo(high, 4);
  });

  it("is narrower for the larger sample at the same share, and stays within 0 and 1", () => {
    const small = wilsonInterval(7, 27);
    const large = wilsonInterval(256, 990);
    expect((small?.high ?? 0) - (small?.low ?? 0)).toBeGreaterThan(
      3 * ((large?.high ?? 0) - (large?.low ?? 0)),
    );
    expect(wilsonInterval(5, 5)).toEqual({ low: expect.closeTo(0.5655, 4), high: 1 });
    expect(wilsonInterval(0, 0)).toBeNull();
  });
});
