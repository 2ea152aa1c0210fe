/** A share (0–1) as the history and alerts show it: "12.5 %", or "—" when there is nothing to share. */
export const formatPercent = (share: number | null) =>
  share === null ? "—" : `${(share * 100).toFixed(1)} %`;

/** `poor` of `of` as a percentage, "—" when `of` is 0. */
export const formatShare = (poor: number, of: number) => formatPercent(of === 0 ? null : poor / of);

/** A share's interval (0–1 each end) as one range: "22.1–30.1 %". */
export const formatRange = (interval: { low: number; high: number }) =>
  `${(interval.low * 100).toFixed(1)}–${(interval.high * 100).toFixed(1)} %`;
