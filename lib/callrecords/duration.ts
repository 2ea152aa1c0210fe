const ISO_DURATION = /^(-)?P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)(?:\.(\d+))?S)?)?$/;

/** 100-nanosecond ticks in a millisecond: Graph's durations carry up to 7 fractional digits of a second. */
const TICKS_PER_MS = 10_000;

/**
 * "PT0.016S" → 16, "PT1M2.5S" → 62500; null stays null ("not measured" is not zero). Exact to Graph's 100 ns:
 * the seconds are counted in whole ticks before the one division, so "PT0.0300001S" is over 30 ms and "PT0.03S"
 * is 30 exactly (0.03 × 1000 in floating point is not).
 */
export function durationToMs(value: string | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const match = ISO_DURATION.exec(value);
  // "P" and "PT" match the pattern's optional parts but name no length: not a duration.
  if (!match || match.slice(2, 6).every((part) => part === undefined))
    throw new Error(`"${value}" is not an ISO-8601 duration`);
  const [, sign, days, hours, minutes, seconds, fraction = ""] = match;
  const wholeSeconds =
    ((Number(days ?? 0) * 24 + Number(hours ?? 0)) * 60 + Number(minutes ?? 0)) * 60 + Number(seconds ?? 0);
  // Digits past the seventh (finer than Graph writes) are kept as a fraction of a tick.
  const ticks = wholeSeconds * 10_000_000 + Number(fraction.slice(0, 7).padEnd(7, "0"));
  const beyond = fraction.length > 7 ? Number(`0.${fraction.slice(7)}`) : 0;
  const ms = (ticks + beyond) / TICKS_PER_MS;
  return sign ? -ms : ms;
}
