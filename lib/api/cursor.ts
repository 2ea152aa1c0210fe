import "server-only";
import { z } from "zod";
import { createSealer, type Sealer } from "@/lib/security/sealed";

/** Where the next page of sessions is: a walk along the record's nextLinks (`lib/graph/paging.ts`) and the call it is of. */
export const cursorStateSchema = z.object({
  tenantId: z.string(),
  callId: z.string(),
  version: z.number().int(),
  /** The Graph nextLink, exactly as Graph gave it. */
  link: z.string(),
  /** Index of the page this cursor fetches (the first page is 0). */
  page: z.number().int().nonnegative(),
  /** Sessions delivered before this page. */
  loaded: z.number().int().nonnegative(),
  /** Digests of the links followed before this one, to catch a chain that loops. */
  history: z.array(z.string()).max(64),
});

export type CursorState = z.infer<typeof cursorStateSchema>;
export type CursorCodec = Sealer<CursorState>;

export const createCursorCodec = (secret: string | undefined): CursorCodec =>
  createSealer(secret, "sessions-cursor-v2", cursorStateSchema);
