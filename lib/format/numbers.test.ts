import { describe, expect, it } from "vitest";
import { formatCount, formatNumber } from "./numbers";

describe("numbers as Intl's en-US form writes them", () => {
  const intl = (value: number, digits: number) =>
    value.toLocaleString("en-US", { maximumFractionDigits: digits });

  it("groups thousands and drops trailing zeros like toLocaleString", () => {
    expect(formatCount(5000)).toBe("5,000");
    expect(formatCount(0)).toBe("0");
    expect(formatCount(999)).toBe("999");
    expect(formatCount(1234567)).toBe("1,234,567");
    expect(formatNumber(1234.5, 1)).toBe("1,234.5");
    expect(formatNumber(12.0, 2)).toBe("12");
    expect(formatCount(-4200)).toBe("-4,200");
    expect(formatNumber(-0.004, 2)).toBe("0");
  });

  it("matches Intl over a sweep of values and precisions", () => {
    const values = [
      0,
      0.004,
      0.005,
      0.1,
      0.25,
      1,
      9.95,
      12.345,
      99.999,
      999.5,
      1000,
      1234.5678,
      65_432.1,
      1e6,
      2 ** 31,
    ];
    for (const base of values)
      for (const value of [base, -base, base * 7.3, base / 3])
        for (const digits of [0, 1, 2]) {
          // Exact halves print differently between binary rounding (toFixed) and Intl's decimal rounding: skip them.
          const scaled = Math.abs(value) * 10 ** digits;
          if (Math.abs(scaled - Math.trunc(scaled) - 0.5) < 1e-9) continue;
          // Intl writes a negative that rounds to zero as "-0"; callscope writes "0" (below).
          if (value <= 0 && Math.round(scaled) === 0) continue;
          expect(formatNumber(value, digits), `${value} to ${digits}`).toBe(intl(value, digits));
        }
  });

  it("says what a non-number is, as Intl does", () => {
    expect(formatCount(Number.NaN)).toBe("NaN");
    expect(formatCount(Number.POSITIVE_INFINITY)).toBe("∞");
  });
});
