// Numbers as callscope shows them: "1,234", "12.5". Written out here rather than with toLocaleString/Intl because
// a page's first use of any Intl formatter makes the browser load its locale data: 30–60 ms of one main-thread task
// on the machine the bench runs on (docs/benchmarks.md), inside the first render of a call. The output is the
// en-US form Intl gives (numbers.test.ts compares the two over many values; dates.test.ts does the same for dates).

/** `value` with at most `fractionDigits` decimals, trailing zeros dropped, thousands grouped: 1234.5 → "1,234.5". */
export function formatNumber(value: number, fractionDigits = 0): string {
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "∞" : "-∞";
  // toFixed rounds half away from zero on the decimal it prints, as Intl does for these magnitudes.
  const fixed = Math.abs(value).toFixed(fractionDigits);
  const [whole = "", fraction = ""] = fixed.split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const kept = fraction.replace(/0+$/, "");
  const negative = value < 0 && /[1-9]/.test(fixed);
  return `${negative ? "-" : ""}${grouped}${kept ? `.${kept}` : ""}`;
}

/** A count: 5000 → "5,000". */
export const formatCount = (value: number): string => formatNumber(value, 0);
