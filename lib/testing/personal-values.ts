// Every personal value in a Graph call-record payload: what masking and redaction tests search for.
// Placeholders that say "not reported" (an all-zero or 02:00:… MAC, an empty string) are nobody's.
import { isUnreportedWireValue } from "@/lib/callrecords/reported";

const PERSONAL_KEYS = new Set([
  "displayName", "userPrincipalName", "ipAddress", "reflexiveIPAddress", "relayIPAddress", "subnet", "macAddress",
  "captureDeviceName", "renderDeviceName", "name", "basicServiceSetIdentifier", "joinWebUrl", "dnsSuffix", "text",
]);
const IDENTITY_PARENTS = new Set(["user", "phone", "organizer_v2", "associatedIdentity", "participants_v2"]);

export function personalValues(payload: unknown): string[] {
  const found = new Set<string>();
  const walk = (value: unknown, key: string, parent: string) => {
    // Very short values ("Ada") could appear by chance elsewhere; generated names are longer.
    const personal = PERSONAL_KEYS.has(key) || (key === "id" && IDENTITY_PARENTS.has(parent));
    if (typeof value === "string" && value.length > 3 && personal && !isUnreportedWireValue(key, value)) found.add(value);
    if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) walk(v, k, Array.isArray(value) ? parent : key);
  };
  walk(payload, "", "");
  return [...found];
}
