// Redaction of a Graph call-record payload for sharing outside the team: every personal value, as
// lib/callrecords/personal-data.ts defines it, is replaced consistently (the same person is
// "Participant B" everywhere), quality data is untouched, and what was not reported stays not
// reported: an empty relay address must not become a made-up one.
import { personalDataKind } from "@/lib/callrecords/personal-data";
import { isUnreportedWireValue } from "@/lib/callrecords/reported";

function letters(n: number): string {
  let out = "";
  for (let i = n; i >= 0; i = Math.floor(i / 26) - 1) out = String.fromCharCode(65 + (i % 26)) + out;
  return out;
}

export function createRedactor() {
  const maps = new Map<string, Map<string, string>>();
  const stable = (kind: string, value: string, make: (n: number) => string) => {
    const map = maps.get(kind) ?? new Map<string, string>();
    maps.set(kind, map);
    let replaced = map.get(value);
    if (!replaced) {
      replaced = make(map.size);
      map.set(value, replaced);
    }
    return replaced;
  };

  const replace = (key: string, value: string, parent: string): string | null => {
    const kind = personalDataKind(key, parent);
    if (kind === null || isUnreportedWireValue(key, value)) return value;
    switch (kind) {
      case "name":
        return stable("name", value, (n) => `Participant ${letters(n)}`);
      case "signIn":
        return stable("upn", value, (n) => `participant-${letters(n).toLowerCase()}@redacted.invalid`);
      case "userId":
        return stable("userId", value, (n) => `00000000-0000-4000-8000-${String(n + 1).padStart(12, "0")}`);
      case "phone":
        return key === "id"
          ? stable("phone", value, (n) => `+1 555 01${String(n % 100).padStart(2, "0")}`)
          : stable("phoneName", value, (n) => `Phone ${letters(n)}`);
      case "address":
        // Stand-ins from the documentation ranges, of the same family as the address they replace.
        return value.includes(":")
          ? stable("ip6", value, (n) => `2001:db8:ffff::${(n + 1).toString(16)}`)
          : stable("ip", value, (n) => (n < 254 ? `192.0.2.${n + 1}` : `2001:db8::${(n + 1).toString(16)}`));
      case "mac":
        return stable(
          "mac",
          value,
          (n) => `00-00-5E-00-53-${(n % 256).toString(16).padStart(2, "0").toUpperCase()}`,
        );
      case "accessPoint":
        return stable(
          "bssid",
          value,
          (n) => `00-00-5E-00-54-${(n % 256).toString(16).padStart(2, "0").toUpperCase()}`,
        );
      case "dnsSuffix":
        return "redacted.invalid";
      case "machine":
      case "device":
        return stable("device", value, (n) => `Device ${n + 1}`);
      case "meetingLink":
        return null;
      // Feedback text is free text: it names people as often as it describes sound.
      case "freeText":
        return "[feedback text removed]";
    }
  };

  function walk(value: unknown, key: string, parent: string): unknown {
    if (typeof value === "string") return replace(key, value, parent);
    if (Array.isArray(value)) return value.map((item) => walk(item, key, parent));
    if (value && typeof value === "object") {
      const out: Record<string, unknown> = {};
      for (const [childKey, child] of Object.entries(value))
        out[childKey] = walk(child, childKey, Array.isArray(value) ? parent : key);
      return out;
    }
    return value;
  }

  return {
    /**
     * A redacted copy; call it on every part of one payload so replacements stay consistent. `key` is
     * the property a part was taken from (e.g. "participants_v2"), which decides what its IDs are.
     */
    redact<T>(payload: T, key = ""): T {
      return walk(payload, key, "") as T;
    },
  };
}

export type Redactor = ReturnType<typeof createRedactor>;
