// Every personal value in a Graph call-record payload: what masking and redaction tests search for.
// Placeholders that say "not reported" (an all-zero or 02:00:… MAC, an empty string) are nobody's.
import { personalDataKind } from "@/lib/callrecords/personal-data";
import { isUnreportedWireValue } from "@/lib/callrecords/reported";

export function personalValues(payload: unknown): string[] {
  const found = new Set<string>();
  const walk = (value: unknown, key: string, parent: string) => {
    // Very short values ("Ada") could appear by chance elsewhere; generated names are longer.
    if (
      typeof value === "string" &&
      value.length > 3 &&
      personalDataKind(key, parent) !== null &&
      !isUnreportedWireValue(key, value)
    )
      found.add(value);
    // Array items are read as the property that holds them, as the redactor reads them.
    if (Array.isArray(value)) for (const item of value) walk(item, key, parent);
    else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) walk(v, k, key);
  };
  walk(payload, "", "");
  return [...found];
}
