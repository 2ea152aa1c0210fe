import "server-only";
import { hkdfSync, randomBytes } from "node:crypto";
import { EncryptJWT, jwtDecrypt } from "jose";
import type { z } from "zod";

/** A sealed token longer than this is refused before any work: no cursor of ours comes near it. */
const MAX_TOKEN = 8192;

/**
 * Seals a small state (where a walk along Graph's pages stands, an inbox position) so the browser can hold
 * it but neither read nor forge it: A256GCM with a key derived per purpose, so a cursor of one kind never
 * opens as another. What opens is checked against `schema`, so a caller gets its own type or nothing.
 * Every cursor callscope hands out goes through here.
 */
export function createSealer<S extends z.ZodType>(
  secret: string | undefined,
  purpose: string,
  schema: S,
  lifetime = "2h",
) {
  // Without a configured secret, cursors are good for this process only (fine for one instance).
  const material = secret ?? randomBytes(32).toString("hex");
  const key = new Uint8Array(hkdfSync("sha256", material, "callscope", purpose, 32));
  return {
    seal(state: z.infer<S>): Promise<string> {
      return new EncryptJWT({ s: state as unknown })
        .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
        .setIssuedAt()
        .setExpirationTime(lifetime)
        .encrypt(key);
    },

    /** The state, or undefined for anything forged, altered, expired, from another server or of another shape. */
    async open(token: string): Promise<z.infer<S> | undefined> {
      if (token.length > MAX_TOKEN) return undefined;
      try {
        const { payload } = await jwtDecrypt(token, key, {
          keyManagementAlgorithms: ["dir"],
          contentEncryptionAlgorithms: ["A256GCM"],
        });
        const parsed = schema.safeParse(payload.s);
        return parsed.success ? (parsed.data as z.infer<S>) : undefined;
      } catch {
        return undefined;
      }
    },
  };
}

export type Sealer<T> = {
  seal(state: T): Promise<string>;
  open(token: string): Promise<T | undefined>;
};
