// Every date and time callscope shows, in UTC: call records are in UTC and a support case crosses time zones.

/** "14:03:07" (or "14:03"): a moment within a call, for timelines, tables and charts. */
export function formatClock(time: number | string, seconds = true): string {
  return new Date(time).toISOString().slice(11, seconds ? 19 : 16);
}

// Written out rather than with Intl.DateTimeFormat: a page's first Intl formatter loads the browser's locale data,
// 30–60 ms of one main-thread task here (numbers.ts). dates.test.ts checks the output against Intl's en-GB form.
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec"];
const pad = (n: number) => String(n).padStart(2, "0");

/** "20 Nov 2026, 14:03:07 UTC" (or without seconds): when a call or a report happened. */
export function formatDateTime(time: number | string, seconds = true): string {
  const date = new Date(time);
  if (Number.isNaN(date.getTime())) return "Invalid Date UTC";
  const day = `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
  const clock = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}${seconds ? `:${pad(date.getUTCSeconds())}` : ""}`;
  return `${day}, ${clock} UTC`;
}

/** "2026-11-20": a day, for lists and expiry dates. */
export function formatDay(time: number | string): string {
  return new Date(time).toISOString().slice(0, 10);
}

/**
 * "20 Nov 2026, 15:03 GMT+1" in the browser's own zone: shown next to the UTC time. The zone is written as its
 * offset from UTC (the one figure a reader needs to match the two), "UTC" when there is none.
 */
export function formatLocalDateTime(time: number | string): string {
  const date = new Date(time);
  if (Number.isNaN(date.getTime())) return "Invalid Date";
  const day = `${date.getDate()} ${MONTHS[date.getMonth()]} ${date.getFullYear()}`;
  return `${day}, ${pad(date.getHours())}:${pad(date.getMinutes())} ${zoneOffset(date)}`;
}

/** "GMT+1", "GMT-3:30", or "UTC". */
function zoneOffset(date: Date): string {
  const east = -date.getTimezoneOffset();
  if (east === 0) return "UTC";
  const minutes = Math.abs(east) % 60;
  return `GMT${east > 0 ? "+" : "-"}${Math.floor(Math.abs(east) / 60)}${minutes ? `:${pad(minutes)}` : ""}`;
}
