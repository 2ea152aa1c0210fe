import "server-only";
import { createSealer } from "./sealed";

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

export function createCursorCodec(secret: string | undefined) {
  const sealer = createSealer(secret, "sessions-cursor-v1");

  return {
    seal(state: CursorState): Promise<string> {
      return sealer.seal([
        state.tenantId,
        state.callId,
        state.version,
        state.link,
        state.page,
        state.loaded,
        state.history,
      ]);
    },

    /** The state, or undefined for anything forged, altered, expired or from another server. */
    async open(cursor: string): Promise<CursorState | undefined> {
      const sealed = await sealer.open(cursor);
      if (!sealed) return undefined;
      const [tenantId, callId, version, link, page, loaded, history] = sealed;
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
    },
  };
}

export type CursorCodec = ReturnType<typeof createCursorCodec>;
