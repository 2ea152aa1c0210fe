// Every date and time callscope shows, in UTC: call records are in UTC and a support case crosses time zones.

/** "14:03:07" (or "14:03"): a moment within a call, for timelines, tables and charts. */
export function formatClock(time: number | string, seconds = true): string {
  return new Date(time).toISOString().slice(11, seconds ? 19 : 16);
}

// `toLocaleString` with options builds a new Intl.DateTimeFormat on every call (a millisecond or so in a browser):
// each set of options gets one formatter, made on first use and kept.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(options: Intl.DateTimeFormatOptions): { format(time: number | string): string } {
  const key = JSON.stringify(options);
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat("en-GB", options);
    formatters.set(key, found);
  }
  const kept = found;
  return {
    // An unreadable time reads "Invalid Date", as toLocaleString has it, rather than throwing.
    format: (time) => {
      const date = new Date(time);
      return Number.isNaN(date.getTime()) ? "Invalid Date" : kept.format(date);
    },
  };
}

/** "20 Nov 2026, 14:03:07 UTC" (or without seconds): when a call or a report happened. */
export function formatDateTime(time: number | string, seconds = true): string {
  const format = formatter({ dateStyle: "medium", timeStyle: seconds ? "medium" : "short", timeZone: "UTC" });
  return `${format.format(time)} UTC`;
}

/** "2026-11-20": a day, for lists and expiry dates. */
export function formatDay(time: number | string): string {
  return new Date(time).toISOString().slice(0, 10);
}

/** "20 Nov 2026, 15:03 GMT+1" in the browser's own zone (or `timeZone`): shown next to the UTC time. */
export function formatLocalDateTime(time: number | string, timeZone?: string): string {
  return formatter({
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZoneName: "short",
    timeZone,
  }).format(time);
}

/**
 * Each formatter a call page uses first, formatted once: the browser loads its locale data on the first formatting
 * call (30–70 ms here), which otherwise lands inside the render of a call's first screen. Run one per idle moment
 * after the page starts, while the call's first page is on its way.
 */
export const FORMATTER_WARMUPS: readonly (() => void)[] = [
  () => (1234).toLocaleString("en-US"),
  () => formatDateTime(Date.now()),
  () => formatLocalDateTime(Date.now()),
];
