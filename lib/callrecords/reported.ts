import { formatCount } from "@/lib/format/numbers";
// One rule for "not reported". Real records say "we don't know" in many ways besides null: empty
// strings, a link speed of 0 or 4294967295, an all-zero or privacy-placeholder MAC, enum value
// `unknown`. Each becomes null once, in the parser, so verdicts, comparisons, charts, filters and
// CSV never treat them as values. The list, with where each was seen, is in docs/graph-fields.md.

/** Link speed Graph reports when the client could not tell (the maximum of an unsigned 32-bit number). */
export const LINK_SPEED_UNKNOWN = 4294967295;

/** The longest Graph text shown in full: real names, devices and feedback are far shorter. */
export const MAX_TEXT_LENGTH = 2000;

/** Text that carries no information (null, missing, empty or blank) is null; a runaway string is clipped. */
export function reportedText(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (value.trim() === "") return null;
  return value.length > MAX_TEXT_LENGTH ? clipText(value) : value;
}

/** The first MAX_TEXT_LENGTH characters and how many were left out (exports keep Graph's full value). */
function clipText(value: string): string {
  let cut = MAX_TEXT_LENGTH;
  // Never split a surrogate pair.
  if (/[\uD800-\uDBFF]/.test(value.charAt(cut - 1))) cut -= 1;
  return `${value.slice(0, cut)}… (${formatCount(value.length - cut)} more characters)`;
}

/** An enum value: `unknown` means Graph did not know (`unknownFutureValue` is a real, newer value and stays). */
export function reportedEnum(value: string | null | undefined): string | null {
  const text = reportedText(value);
  return text === null || text.toLowerCase() === "unknown" ? null : text;
}

/** A Graph number as its schema lets it arrive: a JSON number, or a string (Edm.Single's "NaN", "INF", "-INF", "0.25"). */
export type WireNumber = number | string | null | undefined;

/** Told what Graph sent where a number belongs that is not one ("NaN", "INF", "abc"), as text to quote. */
type OnUnreadable = (sent: string) => void;

// OData JSON's spellings of a float that is not finite, and a numeric string's form (no hex, no blanks).
const NOT_FINITE = /^(?:NaN|-?INF|-?Infinity)$/i;
const NUMERIC = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The number Graph meant, or null when it sent none; what it sent that is not a finite number goes to `onUnreadable`. */
export function reportedNumber(value: WireNumber, onUnreadable?: OnUnreadable): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") {
    if (Number.isFinite(value)) return value;
    onUnreadable?.(String(value));
    return null;
  }
  const text = value.trim();
  if (text === "") return null;
  if (NUMERIC.test(text)) {
    const parsed = Number(text);
    if (Number.isFinite(parsed)) return parsed;
  }
  onUnreadable?.(NOT_FINITE.test(text) ? text : text.slice(0, 24));
  return null;
}

/** A count or measurement where 0 cannot be real (a port, a core count, a Wi-Fi channel, a CPU speed). */
export function reportedPositive(value: WireNumber, onUnreadable?: OnUnreadable): number | null {
  const number = reportedNumber(value, onUnreadable);
  return number !== null && number > 0 ? number : null;
}

/** A link speed as read: 4294967295 is the client saying it could not tell. */
export const reportedLinkSpeed = (speed: number | null): number | null =>
  speed === LINK_SPEED_UNKNOWN ? null : speed;

// All zeros with any separators (clients that hide the MAC) and the locally administered placeholder
// 02:00:00:00:00:00 that mobile platforms report for privacy.
const PLACEHOLDER_MAC = /^(?:0{2}[-:.]?)+$|^02[-:.]?(?:00[-:.]?){4}00$/i;

export function reportedMac(value: string | null | undefined): string | null {
  const text = reportedText(value);
  return text === null || PLACEHOLDER_MAC.test(text.trim()) ? null : text;
}

const UNSPECIFIED_IP = new Set(["0.0.0.0", "::", "0:0:0:0:0:0:0:0"]);

export function reportedAddress(value: string | null | undefined): string | null {
  const text = reportedText(value);
  return text === null || UNSPECIFIED_IP.has(text.trim()) ? null : text;
}

/** Whether a raw wire value says "not reported" by the same rules: redaction leaves such values untouched. */
export function isUnreportedWireValue(key: string, value: string): boolean {
  if (key === "macAddress") return reportedMac(value) === null;
  if (key.toLowerCase().endsWith("ipaddress") || key === "subnet") return reportedAddress(value) === null;
  return reportedText(value) === null;
}
