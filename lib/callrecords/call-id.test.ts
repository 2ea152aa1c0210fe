import { describe, expect, it } from "vitest";
import { extractCallId, isCallId } from "./call-id";

const id = "2f4c9a51-7c1e-4b7a-9d1e-3a1c5b7e9f01";

describe("extractCallId", () => {
  it.each([
    [id, id],
    [`  ${id.toUpperCase()}  `, id],
    [`https://graph.microsoft.com/v1.0/communications/callRecords/${id}?$expand=sessions`, id],
    [`https://graph.microsoft.com/v1.0/communications/callRecords('${id}')/sessions`, id],
    [
      `https://admin.teams.microsoft.com/users/11111111-2222-4333-8444-555555555555/calls/${id}?callId=${id}`,
      id,
    ],
    [`Call ID: ${id} (from the user's report)`, id],
  ])("finds the call in %s", (input, expected) => expect(extractCallId(input)).toBe(expected));

  it.each([
    "",
    "hello",
    "2f4c9a51-7c1e-4b7a-9d1e",
    "11111111-2222-4333-8444-555555555555 and 2f4c9a51-7c1e-4b7a-9d1e-3a1c5b7e9f01",
  ])("refuses %j", (input) => expect(extractCallId(input)).toBeNull());

  it("isCallId is exact", () => {
    expect(isCallId(id)).toBe(true);
    expect(isCallId(`${id}x`)).toBe(false);
    expect(isCallId(`../${id}`)).toBe(false);
  });
});
