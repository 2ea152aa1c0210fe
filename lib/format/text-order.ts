/**
 * Labels in a steady order, case aside: by code point, not a collation. A tie-break among equals, used inside the
 * analysis of a call's first page, where String.localeCompare would make the browser load its collation data (15–30
 * ms of one main-thread task, numbers.ts). Sorts a person chooses (a table by name) keep localeCompare.
 */
export function compareText(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x !== y) return x < y ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
