// Redaction of a Graph call-record payload for sharing outside the team: every personal value is
// replaced consistently (the same person is "Participant B" everywhere), quality data is untouched,
// and what was not reported stays not reported: an empty relay address must not become a made-up one.
import { isUnreportedWireValue } from "@/lib/callrecords/reported";

const IDENTITY_PARENTS = new Set([
  "user", "guest", "application", "applicationInstance", "device", "acsUser", "spoolUser", "encrypted", "onPremises",
  "azureCommunicationServicesUser", "acsApplicationInstance", "spoolApplicationInstance", "assertedIdentity",
  "associatedIdentity", "organizer_v2", "participants_v2", "organizer", "participants",
]);
const ADDRESS_KEYS = new Set(["ipAddress", "reflexiveIPAddress", "relayIPAddress", "subnet"]);
const DEVICE_KEYS = new Set(["captureDeviceName", "renderDeviceName", "captureDeviceDriver", "renderDeviceDriver", "name", "basicServiceSetIdentifier"]);

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
    if (isUnreportedWireValue(key, value)) return value;
    // Feedback text is free text: it names people as often as it describes sound.
    if (parent === "feedback" && key === "text") return "[feedback text removed]";
    if (parent === "phone") {
      if (key === "id") return stable("phone", value, (n) => `+1 555 01${String(n % 100).padStart(2, "0")}`);
      if (key === "displayName") return stable("phoneName", value, (n) => `Phone ${letters(n)}`);
    }
    if (key === "displayName") return stable("name", value, (n) => `Participant ${letters(n)}`);
    if (key === "userPrincipalName") return stable("upn", value, (n) => `participant-${letters(n).toLowerCase()}@redacted.invalid`);
    if (key === "id" && IDENTITY_PARENTS.has(parent)) return stable("userId", value, (n) => `00000000-0000-4000-8000-${String(n + 1).padStart(12, "0")}`);
    if (ADDRESS_KEYS.has(key)) return stable("ip", value, (n) => (n < 254 ? `192.0.2.${n + 1}` : `2001:db8::${(n + 1).toString(16)}`));
    if (key === "macAddress") return stable("mac", value, (n) => `00-00-5E-00-53-${(n % 256).toString(16).padStart(2, "0").toUpperCase()}`);
    if (DEVICE_KEYS.has(key)) return stable("device", value, (n) => `Device ${n + 1}`);
    if (key === "dnsSuffix") return "redacted.invalid";
    if (key === "joinWebUrl") return null;
    return value;
  };

  function walk(value: unknown, key: string, parent: string): unknown {
    if (typeof value === "string") return replace(key, value, parent);
    if (Array.isArray(value)) return value.map((item) => walk(item, key, parent));
    if (value && typeof value === "object") {
      const out: Record<string, unknown> = {};
      for (const [childKey, child] of Object.entries(value)) out[childKey] = walk(child, childKey, Array.isArray(value) ? parent : key);
      return out;
    }
    return value;
  }

  return {
    /** A redacted copy; call it on every part of one payload so replacements stay consistent. */
    redact<T>(payload: T): T {
      return walk(payload, "", "") as T;
    },
  };
}

export type Redactor = ReturnType<typeof createRedactor>;
