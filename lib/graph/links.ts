import { safeDecode } from "@/lib/http/safe-decode";
import { GraphFailure } from "./errors";

/** The URL of a call record with its first page of sessions and their segments inline. */
export function recordUrl(graphBaseUrl: string, callId: string): string {
  return `${graphBaseUrl}/v1.0/communications/callRecords/${encodeURIComponent(callId)}?$expand=sessions($expand=segments)`;
}

/** The first page of a call's participants_v2 (at most 130 a page). */
export function participantsUrl(graphBaseUrl: string, callId: string): string {
  return `${graphBaseUrl}/v1.0/communications/callRecords/${encodeURIComponent(callId)}/participants_v2`;
}

export type PagedCollection = "sessions" | "participants_v2";

/**
 * A nextLink is followed only when it stays on the configured Graph host and on this call's
 * collection it pages: a link Graph (or anything pretending to be Graph) hands back is not
 * trusted to point anywhere else. Returned verbatim, because editing a nextLink breaks it.
 */
export function checkNextLink(
  link: unknown,
  graphBaseUrl: string,
  callId: string,
  collection: PagedCollection = "sessions",
): string {
  if (typeof link !== "string")
    throw new GraphFailure("refused-link", "Graph returned a nextLink that is not a string.");
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    throw new GraphFailure("refused-link", "Graph returned a nextLink that is not a URL.");
  }
  const base = new URL(graphBaseUrl);
  const id = callId.toLowerCase();
  const path = safeDecode(url.pathname)?.toLowerCase();
  const allowedPaths = [
    `/v1.0/communications/callrecords/${id}/${collection}`,
    `/v1.0/communications/callrecords('${id}')/${collection}`,
  ];
  if (url.protocol !== "https:" || url.host !== base.host || url.username || url.password) {
    throw new GraphFailure(
      "refused-link",
      `Refused a nextLink to ${url.protocol}//${url.host}: only ${base.host} is trusted.`,
    );
  }
  if (path === undefined || !allowedPaths.includes(path)) {
    throw new GraphFailure(
      "refused-link",
      `Refused a nextLink outside this call's ${collection} (${url.pathname}).`,
    );
  }
  return link;
}
