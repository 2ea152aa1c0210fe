// Finding calls: the window rules, the list page (Microsoft's List callRecords example), the phone-log
// rows (the getPstnCalls and getDirectRoutingCalls examples) and matching log rows to a call.
import { describe, expect, it } from "vitest";
import listExample from "@/lib/graph/fixtures/list-callrecords-example-1.json";
import pstnExample from "@/lib/graph/fixtures/get-pstn-calls.json";
import directExample from "@/lib/graph/fixtures/get-direct-routing-calls.json";
import { personalValues } from "@/lib/testing/personal-values";
import { filterCalls, newestFirst } from "./call-list";
import { parseCallListPage } from "./parse-call-list";
import { parsePhoneLogPage } from "./parse-phone-log";
import { maskPhoneRows } from "./mask";
import type { CallSummary, Identity, Session } from "./model";
import { isFailedPhoneCall, phoneOutcome, rowsForPerson, sameNumber, type PhoneLogRow } from "./phone-log";
import { describeMatch, matchPhoneRows, phoneLegsOf } from "./phone-legs";
import { CALL_LIST_WINDOW, PHONE_LOG_WINDOW, resolveWindow } from "./search-window";

const NOW = Date.parse("2026-11-27T12:00:00Z");
const DAY = 86_400_000;

describe("resolveWindow", () => {
  it("defaults to the last 7 days, ending now", () => {
    expect(resolveWindow({}, NOW, CALL_LIST_WINDOW)).toEqual({
      ok: true,
      window: { from: NOW - 7 * DAY, to: NOW, gone: null },
    });
  });

  it("accepts dates and times with a zone, and clips an end in the future to now", () => {
    const result = resolveWindow(
      { from: "2026-11-20", to: "2026-12-01T00:00:00+01:00" },
      NOW,
      CALL_LIST_WINDOW,
    );
    expect(result).toEqual({
      ok: true,
      window: { from: Date.parse("2026-11-20T00:00:00Z"), to: NOW, gone: null },
    });
  });

  it.each([
    [{ from: "yesterday" }, /not a start time/],
    [{ to: "2026-11-27T10:00" }, /is an end time without a time zone.*add Z for UTC \(2026-11-27T10:00Z\)/],
    [
      { from: "2026-11-26T00:00:00Z", to: "2026-11-25T00:00:00Z" },
      /reversed.*Swap them: from 2026-11-25T00:00:00Z to 2026-11-26T00:00:00Z/,
    ],
    [{ from: "2026-11-25T00:00:00Z", to: "2026-11-25T00:00:00Z" }, /empty/],
    [{ from: "2026-11-28T00:00:00Z" }, /future/],
    [{ from: "2026-10-01T00:00:00Z", to: "2026-11-20T00:00:00Z" }, /longer than 30 days/],
    [{ from: "2026-10-01T00:00:00Z", to: "2026-10-10T00:00:00Z" }, /whole window is older than 30 days/],
  ])("refuses %j", (input, message) => {
    const result = resolveWindow(input, NOW, CALL_LIST_WINDOW);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });

  it("says which part of a window Graph no longer keeps", () => {
    const result = resolveWindow(
      { from: "2026-10-25T00:00:00Z", to: "2026-11-05T00:00:00Z" },
      NOW,
      CALL_LIST_WINDOW,
    );
    const edge = NOW - 30 * DAY;
    expect(result).toEqual({
      ok: true,
      window: {
        from: edge,
        to: Date.parse("2026-11-05T00:00:00Z"),
        gone: { from: Date.parse("2026-10-25T00:00:00Z"), to: edge },
      },
    });
  });

  it("lets the phone logs reach 90 days back, and no further in one window", () => {
    expect(resolveWindow({ from: "2026-09-01T00:00:00Z" }, NOW, PHONE_LOG_WINDOW).ok).toBe(true);
    expect(resolveWindow({ from: "2026-08-01T00:00:00Z" }, NOW, PHONE_LOG_WINDOW).ok).toBe(false);
  });
});

describe("the list of call records (List callRecords, example 1)", () => {
  it("reads both records, the user organizer and the phone organizer", () => {
    const page = parseCallListPage(listExample);
    expect(page.unreadable).toBe(0);
    expect(
      page.calls.map((c) => [c.id, c.organizer?.kind, c.organizer?.displayName ?? c.organizer?.id]),
    ).toEqual([
      ["3cf3bbc8-b21d-4f2e-bfd0-b13603ae6c65", "user", "Abbie Wilkins"],
      ["c3ad8c4b-4a87-4ab1-bef0-284d2f40ed9f", "phone", "+5564981205182"],
    ]);
  });

  it("counts an item it cannot read instead of losing the page", () => {
    const page = parseCallListPage({ value: [...listExample.value, { id: 7 }, { id: "x", version: 1 }] });
    expect([page.calls.length, page.unreadable]).toEqual([2, 2]);
  });

  it("sorts newest first, keeps each call once (its latest version) and filters by type and modality", () => {
    const call = (id: string, start: string, extra: Partial<CallSummary> = {}): CallSummary => ({
      id,
      version: 1,
      type: "peerToPeer",
      modalities: ["audio"],
      startDateTime: start,
      endDateTime: start,
      lastModifiedDateTime: null,
      joinWebUrl: null,
      organizer: null,
      organizerSource: null,
      ...extra,
    });
    const sorted = newestFirst([
      call("a", "2026-11-20T09:00:00Z"),
      call("b", "2026-11-22T09:00:00Z", { type: "groupCall", modalities: ["audio", "video"] }),
      call("a", "2026-11-20T09:00:00Z", { version: 2 }),
    ]);
    expect(sorted.map((c) => [c.id, c.version])).toEqual([
      ["b", 1],
      ["a", 2],
    ]);
    expect(filterCalls(sorted, { type: "groupCall" }).map((c) => c.id)).toEqual(["b"]);
    expect(filterCalls(sorted, { modality: "video" }).map((c) => c.id)).toEqual(["b"]);
    expect(filterCalls(sorted, {}).length).toBe(2);
  });
});

describe("phone logs (getPstnCalls and getDirectRoutingCalls examples)", () => {
  it("reads the PSTN row with its charge, and the Direct Routing row with its SIP outcome", () => {
    const [pstn] = parsePhoneLogPage("pstn", pstnExample).rows;
    expect(pstn).toMatchObject({
      kind: "pstn",
      userPrincipalName: "richard.malk@contoso.com",
      durationSeconds: 219,
      callType: "user_in",
      calleeNumber: "+1234567890",
      destinationName: "United States",
      successful: null,
    });
    const [direct] = parsePhoneLogPage("directRouting", directExample).rows;
    expect(direct).toMatchObject({
      kind: "directRouting",
      reference: "c98e1515-a937-4b81-b8a8-3992afde64e0",
      successful: true,
      finalSipCode: 0,
      finalSipCodePhrase: "BYE",
      callEndSubReason: 540000,
      trunkFqdn: "tll-audiocodes01.adatum.biz",
      mediaBypassEnabled: false,
      signalingLocation: "EUNO",
      // "0001-01-01T00:00:00Z" is Graph's way of saying "did not fail".
      failureDateTime: null,
    });
    expect(direct && isFailedPhoneCall(direct)).toBe(false);
  });

  it("keeps a sparse bot row and counts a broken one", () => {
    const page = parsePhoneLogPage("pstn", {
      value: [
        { id: "bot-1", callType: "ucap_out", userId: null, duration: 0 },
        { callType: "no id" },
        "text",
      ],
    });
    expect(page.rows.map((r) => r.id)).toEqual(["bot-1"]);
    expect(page.unreadable).toBe(2);
  });

  it("matches masked Direct Routing numbers from the end, but needs seven real digits", () => {
    expect(sameNumber("+12345678***", "+12345678901")).toBe(true);
    expect(sameNumber("+1 (425) 555-0143", "4255550143")).toBe(true);
    expect(sameNumber("+14255550143", "+14255550144")).toBe(false);
    expect(sameNumber("+1******", "+1234567")).toBe(false);
  });

  it("narrows rows to a person by object ID, sign-in name or number", () => {
    const rows = parsePhoneLogPage("directRouting", directExample).rows;
    const byId = rowsForPerson(rows, {
      id: "DB03C14B-06EB-4189-939B-7CBF3A20BA27",
      userPrincipalName: null,
      number: null,
    });
    expect(byId).toHaveLength(1);
    expect(
      rowsForPerson(rows, { id: null, userPrincipalName: "Richard.Malk@contoso.com", number: null }),
    ).toHaveLength(1);
    expect(rowsForPerson(rows, { id: null, userPrincipalName: null, number: "+12345678901" })).toHaveLength(
      1,
    );
    expect(
      rowsForPerson(rows, { id: "someone-else", userPrincipalName: null, number: "+19999999999" }),
    ).toHaveLength(0);
  });
});

describe("a call's phone legs", () => {
  const user: Identity = {
    kind: "user",
    id: "DB03C14B-06EB-4189-939B-7CBF3A20BA27",
    displayName: "Richard Malk",
    userPrincipalName: null,
    tenantId: null,
    endpointType: null,
    assertedIdentity: null,
  };
  const phone: Identity = { ...user, kind: "phone", id: "+12345678901", displayName: null };
  const call: CallSummary = {
    id: "c",
    version: 1,
    type: "peerToPeer",
    modalities: ["audio"],
    startDateTime: "2019-11-01T00:00:26Z",
    endDateTime: "2019-11-01T00:00:31Z",
    lastModifiedDateTime: null,
    joinWebUrl: null,
    organizer: user,
    organizerSource: "organizer_v2",
  };
  const rowOf = (changes: Partial<PhoneLogRow>): PhoneLogRow => ({
    ...(parsePhoneLogPage("directRouting", directExample).rows[0] as PhoneLogRow),
    ...changes,
  });

  it("finds the phone leg from a phone participant, and none in a Teams-only call", () => {
    const participants = [{ id: phone.id, identity: phone, administrativeUnitIds: [] }];
    expect(phoneLegsOf(call, [], participants)).toEqual({
      numbers: ["+12345678901"],
      userIds: ["db03c14b-06eb-4189-939b-7cbf3a20ba27"],
      reason: "a phone number takes part (one number)",
    });
    expect(phoneLegsOf(call, [] as Session[], []).reason).toBeNull();
  });

  it("ties rows by user or number within the call's time, and never by time alone", () => {
    const legs = phoneLegsOf(call, [], [{ id: phone.id, identity: phone, administrativeUnitIds: [] }]);
    const both = rowOf({});
    const numberOnly = rowOf({ id: "n", userId: "someone-else" });
    const timeOnly = rowOf({
      id: "t",
      userId: "someone-else",
      callerNumber: "+19999999999",
      calleeNumber: "+18888888888",
    });
    const hoursLater = rowOf({
      id: "h",
      startDateTime: "2019-11-01T03:00:00Z",
      endDateTime: "2019-11-01T03:05:00Z",
    });
    const matches = matchPhoneRows(call, legs, [timeOnly, hoursLater, numberOnly, both]);
    expect(matches.map((m) => [m.row.id, m.matchedBy])).toEqual([
      [both.id, ["user", "number"]],
      ["n", ["number"]],
    ]);
    // The docs example masks the number ("+12345678***"); the call record has it whole, and the row shows that.
    expect(matches[0]?.row.callerNumber).toBe("+12345678901");
    expect(matches[0]?.row.calleeNumber).toBe(both.calleeNumber);
    expect(matches[0] && describeMatch(matches[0])).toBe(
      "same Teams user and same phone number; started 1 s before the call record; the log masks the number's last digits, shown whole from the call record",
    );
    const unmatchedNumber = matchPhoneRows(call, phoneLegsOf(call, [], []), [both]);
    expect(unmatchedNumber[0]?.row.callerNumber).toBe("+12345678***");
  });

  it("matches a failed attempt by its invite and failure times", () => {
    const legs = phoneLegsOf(call, [], []);
    const failed = rowOf({
      successful: false,
      startDateTime: null,
      endDateTime: null,
      inviteDateTime: "2019-11-01T00:00:20Z",
      failureDateTime: "2019-11-01T00:00:24Z",
      finalSipCode: 503,
    });
    expect(isFailedPhoneCall(failed)).toBe(true);
    expect(matchPhoneRows(call, legs, [failed]).map((m) => m.offsetSeconds)).toEqual([-6]);
  });
});

describe("phoneOutcome", () => {
  it("says how a Direct Routing call ended, and whether a PSTN call connected", () => {
    const [direct] = parsePhoneLogPage("directRouting", directExample).rows;
    const [pstn] = parsePhoneLogPage("pstn", pstnExample).rows;
    if (!direct || !pstn) throw new Error("the examples have rows");
    expect(phoneOutcome(direct)).toBe("Connected, ended with BYE, sub-code 540000");
    expect(
      phoneOutcome({
        ...direct,
        successful: false,
        finalSipCode: 486,
        finalSipCodePhrase: "Busy Here",
        callEndSubReason: 560486,
      }),
    ).toBe("Failed: SIP 486 Busy Here, sub-code 560486");
    expect(phoneOutcome(pstn)).toBe("Connected");
    expect(phoneOutcome({ ...pstn, durationSeconds: 0 })).toBe("Not connected");
  });
});

describe("phone-log rows for a Reader", () => {
  it("hide every personal value of Microsoft's examples, and keep the diagnosis", () => {
    for (const [kind, example] of [
      ["pstn", pstnExample],
      ["directRouting", directExample],
    ] as const) {
      const rows = parsePhoneLogPage(kind, example).rows;
      const secrets = personalValues(example.value);
      expect(secrets.length).toBeGreaterThan(3);
      const masked = JSON.stringify(maskPhoneRows(rows, () => "Participant X"));
      for (const secret of secrets) expect(masked).not.toContain(secret);
      expect(masked).toContain("Participant X");
      if (kind === "directRouting") expect(masked).toContain("tll-audiocodes01.adatum.biz");
    }
  });
});
