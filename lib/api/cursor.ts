import "server-only";
import { hkdfSync, randomBytes } from "node:crypto";
import { EncryptJWT, jwtDecrypt } from "jose";

/** Where the next page of sessions is: sealed so the browser can hold it but neither read nor forge it. */
export interface CursorState {
  tenantId: string;
  callId: string;
  version: number;
  /** The Graph nextLink, exactly as Graph gave it. */
  link: string;
  /** Index of the page this cursor fetches (the first page is 0). */
  page: number;
  /** Sessions delivered before this page. */
  loaded: number;
  /** Digests of the links followed before this one, to catch a chain that loops. */
  history: string[];
}

const LIFETIME = "2h";

export function createCursorCodec(secret: string | undefined) {
  // Without a configured secret, cursors are good for this process only (fine for one instance).
  const material = secret ?? randomBytes(32).toString("hex");
  const key = new Uint8Array(hkdfSync("sha256", material, "callscope", "sessions-cursor-v1", 32));

  return {
    async seal(state: CursorState): Promise<string> {
      return new EncryptJWT({
        s: [state.tenantId, state.callId, state.version, state.link, state.page, state.loaded, state.history],
      })
        .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
        .setIssuedAt()
        .setExpirationTime(LIFETIME)
        .encrypt(key);
    },

    /** The state, or undefined for anything forged, altered, expired or from another server. */
    async open(cursor: string): Promise<CursorState | undefined> {
      if (cursor.length > 8192) return undefined;
      try {
        const { payload } = await jwtDecrypt(cursor, key, {
          keyManagementAlgorithms: ["dir"],
          contentEncryptionAlgorithms: ["A256GCM"],
        });
        const [tenantId, callId, version, link, page, loaded, history] = payload.s as unknown[];
        if (typeof tenantId !== "string" || typeof callId !== "string" || typeof link !== "string")
          return undefined;
        if (![version, page, loaded].every((n) => Number.isInteger(n))) return undefined;
        if (!Array.isArray(history) || !history.every((h) => typeof h === "string")) return undefined;
        return {
          tenantId,
          callId,
          version: version as number,
          link,
          page: page as number,
          loaded: loaded as number,
          history: history as string[],
        };
      } catch {
        return undefined;
      }
    },
  };
}

export type CursorCodec = ReturnType<typeof createCursorCodec>;
