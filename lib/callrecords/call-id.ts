import { GUID, isGuid } from "@/lib/format/guid";

export function isCallId(value: string): boolean {
  return isGuid(value);
}

/**
 * Finds a call ID in what a person pasted: a bare GUID, a Graph URL, a Teams admin center link
 * or a line of text. Returns null when there is none, or when there are several different ones.
 */
export function extractCallId(input: string): string | null {
  const trimmed = input.trim();
  if (!trimmed) return null;
  const matches = [
    ...new Set([...trimmed.matchAll(new RegExp(GUID.source, "gi"))].map((m) => m[0].toLowerCase())),
  ];
  if (matches.length === 0) return null;
  // Graph URLs name the call right after callRecords/; prefer that when a URL holds several GUIDs.
  const fromPath = /callRecords(?:\/|\(')([0-9a-f-]{36})/i.exec(trimmed)?.[1]?.toLowerCase();
  if (fromPath && isCallId(fromPath)) return fromPath;
  const fromQuery = /[?&](?:callId|id)=([0-9a-f-]{36})/i.exec(trimmed)?.[1]?.toLowerCase();
  if (fromQuery && isCallId(fromQuery)) return fromQuery;
  return matches.length === 1 ? (matches[0] ?? null) : null;
}
