import { describe, expect, it } from "vitest";
import { parseJoinLink, sameMeeting } from "./join-link";

// Built in the shape shared/reference/callrecords.md gives for join links ("Teams meeting join links"); the docs
// examples leave joinWebUrl null.
const TENANT = "dc368399-474c-4d40-900c-6265431fd81f";
const ORGANIZER = "821809f5-0000-0000-0000-3b5136c0e777";
const link = `https://teams.microsoft.com/l/meetup-join/19%3ameeting_NjQyMzA3YjctY2FkNi00ZWRjLWE3ZjEtZWVkMGIzNjQ4NjRi%40thread.v2/0?context=%7b%22Tid%22%3a%22${TENANT}%22%2c%22Oid%22%3a%22${ORGANIZER}%22%7d`;

describe("Teams join links", () => {
  it("reads the meeting's thread and the organizer's tenant and object ID", () => {
    expect(parseJoinLink(link)).toEqual({
      thread: "19:meeting_NjQyMzA3YjctY2FkNi00ZWRjLWE3ZjEtZWVkMGIzNjQ4NjRi@thread.v2",
      tenantId: TENANT,
      organizerId: ORGANIZER,
    });
    expect(
      parseJoinLink(`  ${link.replace("teams.microsoft.com", "gov.teams.microsoft.us")} `)?.tenantId,
    ).toBe(TENANT);
  });

  it("still names the meeting when the context is missing or unreadable", () => {
    const bare = link.split("?")[0] ?? "";
    expect(parseJoinLink(bare)).toMatchObject({ tenantId: null, organizerId: null });
    expect(parseJoinLink(`${bare}?context=%7bnot-json`)).toMatchObject({ organizerId: null });
    expect(parseJoinLink(`${bare}?context=%7b%22Oid%22%3a%22%3cscript%3e%22%7d`)?.organizerId).toBeNull();
  });

  it("is not fooled by other hosts, schemes or paths", () => {
    expect(
      parseJoinLink(link.replace("https://teams.microsoft.com", "https://teams.microsoft.com.evil.example")),
    ).toBeNull();
    expect(parseJoinLink(link.replace("https:", "http:"))).toBeNull();
    expect(parseJoinLink(link.replace("meetup-join", "channel"))).toBeNull();
    expect(parseJoinLink("2f4c9a51-7c1e-4b7a-9d1e-3a1c5b7e9f01")).toBeNull();
    expect(parseJoinLink("https://teams.microsoft.com/l/meetup-join/%E0%A4%A/0")).toBeNull();
  });

  it("matches a record's joinWebUrl by its thread", () => {
    expect(sameMeeting(link.split("?")[0] ?? null, parseJoinLink(link)?.thread ?? "")).toBe(true);
    expect(sameMeeting(null, "x")).toBe(false);
  });
});
