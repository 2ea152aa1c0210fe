// Every personal value in a Graph call-record payload: what masking and redaction tests search for.
const PERSONAL_KEYS = new Set([
  "displayName", "userPrincipalName", "ipAddress", "reflexiveIPAddress", "relayIPAddress", "subnet", "macAddress",
  "captureDeviceName", "renderDeviceName", "name", "basicServiceSetIdentifier", "joinWebUrl",
]);
const IDENTITY_PARENTS = new Set(["user", "phone", "organizer_v2"]);

export function personalValues(payload: unknown): string[] {
  const found = new Set<string>();
  const walk = (value: unknown, key: string, parent: string) => {
    // Very short values ("Ada") could appear by chance elsewhere; generated names are longer.
    if (typeof value === "string" && value.length > 3 && (PERSONAL_KEYS.has(key) || (key === "id" && IDENTITY_PARENTS.has(parent)))) found.add(value);
    if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) walk(v, k, Array.isArray(value) ? parent : key);
  };
  walk(payload, "", "");
  return [...found];
}
