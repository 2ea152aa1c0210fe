import "server-only";
import { hkdfSync, randomBytes } from "node:crypto";
import { EncryptJWT, jwtDecrypt } from "jose";

/**
 * Seals a small state (a Graph nextLink and where it stands) so the browser can hold it but neither
 * read nor forge it. One key per purpose, so a cursor of one kind never opens as another.
 */
export function createSealer(secret: string | undefined, purpose: string, lifetime = "2h") {
  // Without a configured secret, cursors are good for this process only (fine for one instance).
  const material = secret ?? randomBytes(32).toString("hex");
  const key = new Uint8Array(hkdfSync("sha256", material, "callscope", purpose, 32));
  return {
    seal(state: unknown[]): Promise<string> {
      return new EncryptJWT({ s: state })
        .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
        .setIssuedAt()
        .setExpirationTime(lifetime)
        .encrypt(key);
    },

    /** The sealed array, or undefined for anything forged, altered, expired or from another server. */
    async open(token: string): Promise<unknown[] | undefined> {
      if (token.length > 8192) return undefined;
      try {
        const { payload } = await jwtDecrypt(token, key, {
          keyManagementAlgorithms: ["dir"],
          contentEncryptionAlgorithms: ["A256GCM"],
        });
        return Array.isArray(payload.s) ? (payload.s as unknown[]) : undefined;
      } catch {
        return undefined;
      }
    },
  };
}

export type Sealer = ReturnType<typeof createSealer>;
