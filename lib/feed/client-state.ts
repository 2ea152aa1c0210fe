import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** A new clientState for a subscription: 32 random bytes, within Graph's 128-character limit. */
export const newClientState = () => randomBytes(32).toString("base64url");

const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();

/** Compares in constant time (over fixed-length digests, so the length leaks nothing either). */
export function sameClientState(received: string | null, expected: string): boolean {
  const same = timingSafeEqual(digest(received ?? ""), digest(expected));
  return same && received !== null && expected.length > 0;
}
