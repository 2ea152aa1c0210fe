// A Teams meeting's join link — what admins usually have instead of a call ID:
//   https://teams.microsoft.com/l/meetup-join/19%3ameeting_…%40thread.v2/0?context=%7b%22Tid%22%3a%22{tenant}%22%2c%22Oid%22%3a%22{organizer}%22%7d
// The call record's joinWebUrl carries the same link, so the meeting's thread ID finds its record among the
// organizer's calls. Hosts: the commercial cloud, GCC High and DoD.
import { isGuid } from "@/lib/format/guid";

export const JOIN_LINK_HOSTS = ["teams.microsoft.com", "gov.teams.microsoft.us", "dod.teams.microsoft.us"];

export interface JoinLink {
  /** The meeting's chat thread, e.g. "19:meeting_NjQ…@thread.v2": what two links of one meeting share. */
  thread: string;
  /** The organizer's tenant and object ID, from the link's `context`; null when the link does not say. */
  tenantId: string | null;
  organizerId: string | null;
}

const THREAD = /^19:meeting_[A-Za-z0-9_-]{8,200}@thread\.v2$/;

/** The meeting a pasted text links to, or null when it is not a Teams join link. */
export function parseJoinLink(input: string | null | undefined): JoinLink | null {
  if (!input) return null;
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return null;
  }
  if (url.protocol !== "https:" || !JOIN_LINK_HOSTS.includes(url.hostname.toLowerCase())) return null;
  const [, l, kind, encoded] = url.pathname.split("/");
  if (l !== "l" || kind !== "meetup-join" || !encoded) return null;
  let thread: string;
  try {
    thread = decodeURIComponent(encoded);
  } catch {
    return null;
  }
  if (!THREAD.test(thread)) return null;
  let context: { Tid?: unknown; Oid?: unknown } = {};
  try {
    context = JSON.parse(url.searchParams.get("context") ?? "{}") as typeof context;
  } catch {
    // A link without a readable context still names its meeting.
  }
  const guid = (value: unknown) => (typeof value === "string" && isGuid(value) ? value.toLowerCase() : null);
  return { thread, tenantId: guid(context.Tid), organizerId: guid(context.Oid) };
}

/** Whether a record's joinWebUrl is a link to the same meeting (its thread), whatever its context says. */
export function sameMeeting(joinWebUrl: string | null, thread: string): boolean {
  return parseJoinLink(joinWebUrl)?.thread === thread;
}
