import { isGuid } from "./guid";

// What a person to search for may look like. Nothing else is accepted, so nothing typed can reach
// Graph's $filter or a URL path unchecked: no quote, slash, question mark or hash.
const SIGN_IN_NAME = /^[^\s@/\\?#'"]{1,113}@[^\s@/\\?#'"]{1,140}\.[^\s@/\\?#'"]{1,63}$/;
const PHONE_NUMBER = /^\+?[0-9][0-9 ().-]{5,25}$/;

export type PersonInput = "objectId" | "signInName" | "phoneNumber";

/** Which kind of person reference a text is (trimmed), or null when it is none of them. */
export function personInputKind(input: string): PersonInput | null {
  const value = input.trim();
  if (value.length === 36 && isGuid(value)) return "objectId";
  if (PHONE_NUMBER.test(value)) return "phoneNumber";
  if (SIGN_IN_NAME.test(value)) return "signInName";
  return null;
}

/** A phone number as participants_v2 writes it: "+" and digits. */
export const e164 = (value: string) => `+${value.replace(/[^0-9]/g, "")}`;
