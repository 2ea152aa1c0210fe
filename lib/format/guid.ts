/** A GUID anywhere in a text (call IDs, tenant and client IDs are all GUIDs). */
export const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

const EXACT = new RegExp(`^${GUID.source}$`, "i");

export function isGuid(value: string): boolean {
  return EXACT.test(value);
}
