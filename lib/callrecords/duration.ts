const ISO_DURATION = /^(-)?P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** "PT0.016S" → 16, "PT1M2.5S" → 62500; null stays null ("not measured" is not zero). */
export function durationToMs(value: string | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const match = ISO_DURATION.exec(value);
  if (!match) throw new Error(`"${value}" is not an ISO-8601 duration`);
  const [, sign, days, hours, minutes, seconds] = match;
  const ms =
    ((Number(days ?? 0) * 24 + Number(hours ?? 0)) * 60 + Number(minutes ?? 0)) * 60_000 +
    Number(seconds ?? 0) * 1000;
  return Math.round((sign ? -ms : ms) * 1000) / 1000;
}
