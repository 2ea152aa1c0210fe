import "server-only";
import type { GraphResult } from "./client";
import {
  callListUrl,
  checkListLink,
  checkPhoneLogLink,
  phoneLogUrl,
  userUrl,
  type CallListFilter,
  type PhoneLogKind,
} from "./links";

/** Graph's page of phone-log rows: fixed at 1,000 (the functions ignore a smaller preference). */
const PHONE_LOG_PAGE = 1000;

export interface ListPage {
  body: unknown;
  /** Checked against the Graph host and the collection it pages; null on the last page. */
  nextLink: string | null;
  requestId: string | undefined;
  retries: number;
}

const nextOf = (body: unknown, keys: string[], check: (link: unknown) => string): string | null => {
  if (!body || typeof body !== "object") return null;
  for (const key of keys) {
    const link = (body as Record<string, unknown>)[key];
    if (link !== undefined && link !== null) return check(link);
  }
  return null;
};

/** The Graph reads behind finding a call: the list of records, the phone logs and resolving a sign-in name. */
export function createSearchReader(
  graphGet: (url: string, options?: { maxPageSize?: number }) => Promise<GraphResult>,
  graphBaseUrl: string,
) {
  const page = async (url: string, keys: string[], check: (link: unknown) => string, size?: number) => {
    const result = await graphGet(url, { maxPageSize: size });
    return {
      body: result.body,
      nextLink: nextOf(result.body, keys, check),
      requestId: result.requestId,
      retries: result.retries,
    };
  };

  return {
    /** A page of call records: the first from the filter, later ones from a checked nextLink. */
    calls(filter: CallListFilter, nextLink: string | null): Promise<ListPage> {
      const check = (link: unknown) => checkListLink(link, graphBaseUrl);
      return page(
        nextLink === null ? callListUrl(graphBaseUrl, filter) : check(nextLink),
        ["@odata.nextLink"],
        check,
      );
    },

    /** A page of a phone log for calls that started in [from, to]. */
    phoneLog(kind: PhoneLogKind, from: number, to: number, nextLink: string | null): Promise<ListPage> {
      const check = (link: unknown) => checkPhoneLogLink(link, graphBaseUrl, kind);
      return page(
        nextLink === null ? phoneLogUrl(graphBaseUrl, kind, from, to) : check(nextLink),
        ["@odata.nextLink", "@odata.NextLink"],
        check,
        PHONE_LOG_PAGE,
      );
    },

    /** A directory user by sign-in name: needs User.ReadBasic.All (or more) besides CallRecords.Read.All. */
    async user(userPrincipalName: string): Promise<{ body: unknown; requestId: string | undefined }> {
      const result = await graphGet(userUrl(graphBaseUrl, userPrincipalName));
      return { body: result.body, requestId: result.requestId };
    },
  };
}

export type SearchReader = ReturnType<typeof createSearchReader>;
