// How sure a share is: the Wilson score interval (Wilson 1927; Newcombe 1998, method 3, without continuity
// correction). A bare percentage makes 7 poor of 27 streams look like 256 of 990; the interval says the first
// could be anywhere from 13 % to 45 %. Chosen over the normal ("Wald") interval because it stays inside 0–1 and
// keeps its coverage for small samples and shares near 0 or 1, which is where a site or a room sits.

/** z for a two-sided 95 % interval. */
export const Z_95 = 1.959963984540054;

export interface Interval {
  low: number;
  high: number;
}

/** The interval around `successes` of `trials`, or null without trials. */
export function wilsonInterval(successes: number, trials: number, z = Z_95): Interval | null {
  if (trials <= 0) return null;
  const p = successes / trials;
  const z2 = z * z;
  const centre = (p + z2 / (2 * trials)) / (1 + z2 / trials);
  const half = (z / (1 + z2 / trials)) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}
