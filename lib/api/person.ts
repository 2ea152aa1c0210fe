import "server-only";
import { LRUCache } from "lru-cache";
import { e164, personInputKind } from "@/lib/format/person";
import { GraphFailure } from "@/lib/graph/errors";
import { directoryUserSchema } from "@/lib/graph/schema";
import type { SearchReader } from "@/lib/graph/search";
import { ApiError } from "./errors";

/** Who a search is about: an Entra user (by object ID) or a phone number, as participants_v2 names them. */
export interface SearchPerson {
  kind: "user" | "phone";
  /** The ID participants_v2 uses: the object ID, or the number in E.164. */
  id: string;
  displayName: string | null;
  userPrincipalName: string | null;
}

export const PERSON_HELP =
  "Give a person's object ID (a GUID: Entra admin center → Users → the person → Object ID), their sign-in name (name@contoso.com), or a phone number in international format (+14255550143).";

/** Resolves what someone typed into the person the search is about; sign-in names are looked up in Entra ID. */
export function createPersonResolver(reader: SearchReader) {
  // Sign-in names change rarely; a short memory saves a directory read per page of results.
  const known = new LRUCache<string, SearchPerson>({ max: 2000, ttl: 10 * 60_000 });

  return async function resolvePerson(input: string): Promise<SearchPerson> {
    const value = input.trim();
    const kind = personInputKind(value);
    if (kind === "objectId")
      return { kind: "user", id: value.toLowerCase(), displayName: null, userPrincipalName: null };
    if (kind === "phoneNumber")
      return { kind: "phone", id: e164(value), displayName: null, userPrincipalName: null };
    if (kind === null)
      throw new ApiError(
        400,
        "invalid_participant",
        `"${value.slice(0, 60)}" is not a person callscope can search for. ${PERSON_HELP}`,
      );
    const key = value.toLowerCase();
    const hit = known.get(key);
    if (hit) return hit;
    try {
      const { body } = await reader.user(value);
      const user = directoryUserSchema.safeParse(body);
      if (!user.success)
        throw new GraphFailure("malformed", "Graph sent a directory user callscope cannot read.");
      const person: SearchPerson = {
        kind: "user",
        id: user.data.id.toLowerCase(),
        displayName: user.data.displayName ?? null,
        userPrincipalName: user.data.userPrincipalName ?? value,
      };
      known.set(key, person);
      return person;
    } catch (error) {
      if (error instanceof GraphFailure && error.kind === "not-found")
        throw new ApiError(
          404,
          "participant_not_found",
          `No one in this tenant signs in as ${value}. Check the spelling, or search by the person's object ID instead.`,
        );
      if (error instanceof GraphFailure && error.kind === "forbidden")
        throw new ApiError(
          403,
          "directory_forbidden",
          "Looking up a sign-in name needs the optional User.ReadBasic.All application permission, which callscope's app does not have. Search by the person's object ID instead (Entra admin center → Users → the person → Object ID), or ask an administrator to grant User.ReadBasic.All (see the README's registration steps).",
          { graphRequestId: error.details.requestId },
        );
      throw error;
    }
  };
}

export type PersonResolver = ReturnType<typeof createPersonResolver>;

/**
 * A directory name for an object ID, when the app may read the directory (`User.ReadBasic.All`); null
 * otherwise. For labels only: nothing depends on it.
 */
export function createNameLookup(reader: SearchReader) {
  return async function nameOf(objectId: string): Promise<string | null> {
    try {
      const user = directoryUserSchema.safeParse((await reader.user(objectId)).body);
      return user.success ? (user.data.displayName ?? null) : null;
    } catch (error) {
      if (error instanceof GraphFailure) return null;
      throw error;
    }
  };
}
