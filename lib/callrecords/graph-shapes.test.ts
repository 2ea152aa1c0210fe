// Every shape Graph's v1.0 schema allows that real tenants send and our emulator once did not (issue #41), each
// built from a Microsoft docs example (lib/graph/fixtures, each naming its page) with the one field changed.
// Pages: api-reference/v1.0/resources/callrecords-mediastream.md, callrecords-networkinfo.md,
// callrecords-deviceinfo.md, callrecords-failureinfo.md, callrecords-participantendpoint.md,
// communicationsidentityset.md, callrecords-pstncalllogrow.md.
import { describe, expect, it } from "vitest";
import { oddShapesRecord } from "../../emulator/data/odd-shapes";
import getExpanded from "@/lib/graph/fixtures/get-callrecord-example-2.json";
import getParticipants from "@/lib/graph/fixtures/get-callrecord-example-3.json";
import pstnCalls from "@/lib/graph/fixtures/get-pstn-calls.json";
import realTenant from "@/lib/graph/fixtures/real-tenant-shape.json";
import { compareSides } from "./compare";
import { endpointLabel, formatDuration, identityKindLabel, sideName } from "./describe";
import { durationToMs } from "./duration";
import { failureGroups, failureSummary, failureWords } from "./failures";
import { noTelemetryRule } from "./findings/no-telemetry";
import { findingInput } from "./findings/testing";
import { withMeetingService } from "./meeting-service";
import type { Media, Session } from "./model";
import { parseCallRecordBody, parseParticipantsPageBody, parseSessionsPageBody } from "./parse";
import { parsePhoneLogPage } from "./parse-phone-log";
import { participantList, personRows } from "./participants";
import { streamDetails } from "./stream-details";
import { streamVerdict } from "./verdict";
import { unreadableTotals, describeUnreadable } from "./unreadable";

type Json = Record<string, unknown>;

/** The Get callRecord example 2's session (docs: callrecords-callrecord-get.md), with its first stream replaced. */
function docsSession(stream: Json, network: Json = {}, device: Json = {}): Json {
  const session = structuredClone(getExpanded.sessions[0]) as unknown as Json;
  const segment = (session.segments as Json[])[0] as Json;
  const media = (segment.media as Json[])[0] as Json;
  media.label = "main-audio";
  media.streams = [{ streamId: "1504545584", streamDirection: "callerToCallee", ...stream }];
  media.callerNetwork = { ...(media.callerNetwork as Json), ...network };
  media.callerDevice = { ...(media.callerDevice as Json), ...device };
  return session;
}

const GOOD_AUDIO = {
  averageJitter: "PT0.012S",
  averagePacketLossRate: 0.01,
  averageRoundTripTime: "PT0.08S",
  packetUtilization: 6000,
};

function parsedMedia(stream: Json, network?: Json, device?: Json): { session: Session; media: Media } {
  const page = parseSessionsPageBody({ value: [docsSession(stream, network, device)] });
  const session = page.sessions[0];
  const media = session?.segments[0]?.media[0];
  if (!session || !media) throw new Error("the docs example lost its session");
  return { session, media };
}

const verdictOf = (stream: Json) => {
  const { media } = parsedMedia(stream);
  const first = media.streams[0];
  if (!first) throw new Error("the stream was left out");
  return { stream: first, verdict: streamVerdict(first, media.kind) };
};

describe("Edm.Single as Graph's OpenAPI types it: a number or a string (mediaStream, networkInfo, deviceInfo)", () => {
  it.each(["NaN", "INF", "-INF", "Infinity", "not a number"])(
    'keeps the call when averagePacketLossRate is "%s", names the field, and leaves good unproven',
    (sent) => {
      const { session, stream, verdict } = {
        ...verdictOf({ ...GOOD_AUDIO, averagePacketLossRate: sent }),
        session: parsedMedia({ ...GOOD_AUDIO, averagePacketLossRate: sent }).session,
      };
      expect(stream.averagePacketLossRate).toBeNull();
      expect(stream.unreadable).toEqual([{ field: "averagePacketLossRate", sent: JSON.stringify(sent) }]);
      expect(verdict.quality).toBe("unclassified");
      expect(verdict.reason).toContain(`packet loss could not be read (Graph sent ${JSON.stringify(sent)})`);
      expect(unreadableTotals([session]).map(describeUnreadable)).toEqual([
        `1 stream had averagePacketLossRate ${JSON.stringify(sent)}, not a number`,
      ]);
    },
  );

  it("judges the stream on the rest: a readable metric over its limit still makes it poor", () => {
    const { verdict } = verdictOf({ ...GOOD_AUDIO, averageJitter: "PT0.045S", averagePacketLossRate: "NaN" });
    expect(verdict.quality).toBe("poor");
    expect(verdict.causes.map((c) => c.text)).toEqual(["jitter 45 ms > 30 ms"]);
  });

  it("reads numeric strings as the numbers they are", () => {
    const { stream, verdict } = verdictOf({
      ...GOOD_AUDIO,
      averagePacketLossRate: "0.25",
      packetUtilization: "6000",
    });
    expect(stream.averagePacketLossRate).toBe(0.25);
    expect(stream.packetUtilization).toBe(6000);
    expect(stream.unreadable).toBeUndefined();
    expect(verdict.causes[0]?.text).toBe("packet loss 25% > 10%");
  });

  it("an unreadable packet count leaves audio unclassified, saying so", () => {
    expect(verdictOf({ ...GOOD_AUDIO, packetUtilization: "NaN" }).verdict.reason).toBe(
      'the packet count could not be read (Graph sent "NaN")',
    );
  });

  it("video: the first metric Graph sent decides, so an unreadable one leaves the stream unjudged", () => {
    const { media } = parsedMedia({ averageVideoFrameLossPercentage: "-INF", averageVideoFrameRate: 3 });
    const video = { ...media, kind: "video" as const };
    const verdict = streamVerdict(video.streams[0] as never, "video");
    expect(verdict.quality).toBe("unclassified");
    expect(verdict.reason).toBe('frame loss could not be read (Graph sent "-INF")');
  });

  it("a value of another type where a number belongs is kept as text and reported, not fatal", () => {
    const { stream } = verdictOf({ ...GOOD_AUDIO, averagePacketLossRate: true });
    expect(stream.unreadable).toEqual([{ field: "averagePacketLossRate", sent: '"true"' }]);
  });

  it("networkInfo and deviceInfo floats as strings, and values no measurement can take", () => {
    const { session, media } = parsedMedia(
      GOOD_AUDIO,
      { sentQualityEventRatio: "INF", wifiSignalStrength: -1, delayEventRatio: "0.02" },
      { receivedSignalLevel: 2147483647, micGlitchRate: "NaN" },
    );
    expect(media.callerNetwork).toMatchObject({
      sentQualityEventRatio: null,
      wifiSignalStrength: null,
      delayEventRatio: 0.02,
    });
    expect(media.callerDevice).toMatchObject({ receivedSignalLevel: null, micGlitchRate: null });
    const sides = compareSides(media);
    const row = (label: string) => [...sides.network, ...sides.device].find((r) => r.label === label);
    expect(row("Wi-Fi signal")?.caller).toBe("not a valid value (Graph sent -1)");
    expect(row("Received signal level")?.caller).toBe("not a valid value (Graph sent 2147483647)");
    expect(unreadableTotals([session]).map(describeUnreadable)).toEqual(
      expect.arrayContaining([
        '1 network had sentQualityEventRatio "INF", not a number',
        "1 network had wifiSignalStrength -1, not a valid value",
        "1 device had receivedSignalLevel 2147483647, not a valid value",
        '1 device had micGlitchRate "NaN", not a number',
      ]),
    );
  });
});

describe("durations at Graph's precision (100 ns) against the limits as Microsoft states them", () => {
  it("one tick over 30 ms of jitter is poor, and the sentence says by how much", () => {
    expect(durationToMs("PT0.0300001S")).toBeGreaterThan(30);
    expect(durationToMs("PT0.03S")).toBe(30);
    expect(durationToMs("PT0.07S")).toBe(70);
    const { verdict } = verdictOf({ ...GOOD_AUDIO, averageJitter: "PT0.0300001S" });
    expect(verdict.quality).toBe("poor");
    expect(verdict.causes[0]?.text).toBe("jitter 30.0001 ms > 30 ms");
    expect(verdictOf({ ...GOOD_AUDIO, averageJitter: "PT0.03S" }).verdict.quality).toBe("good");
  });

  it.each([
    [{ averageVideoFrameLossPercentage: 50.01 }, "frame loss 50.01% > 50%"],
    [{ averageVideoFrameRate: 6.99 }, "frame rate 6.99 fps < 7.0 fps"],
    [{ postForwardErrorCorrectionPacketLossRate: 0.1501 }, "post-FEC packet loss 15.01% > 15%"],
  ])("a video breach a hair past its limit reads true: %o", (values, text) => {
    const { media } = parsedMedia(values);
    expect(streamVerdict(media.streams[0] as never, "video").causes[0]?.text).toBe(text);
  });

  it("screen sharing under 2 fps by a hair", () => {
    const { media } = parsedMedia({ averageVideoFrameRate: 1.999 });
    expect(streamVerdict(media.streams[0] as never, "screenSharing").causes[0]?.text).toBe(
      "frame rate 1.999 fps < 2.0 fps",
    );
  });
});

describe("failureInfo: present means the session failed (callrecords-failureinfo.md)", () => {
  const failed = (failureInfo: Json | null) => {
    const session = { ...docsSession(GOOD_AUDIO), failureInfo };
    return parseSessionsPageBody({ value: [session] }).sessions[0] as Session;
  };

  it.each([
    [{}, "failed; Graph gave no stage or reason"],
    [{ stage: "unknown", reason: "" }, "failed; Graph gave no stage or reason"],
    [{ stage: "callSetup", reason: "" }, "failed at call setup; Graph gave no reason"],
    [
      { stage: null, reason: "Media connectivity failure" },
      "failed (Graph gave no stage): ⁨Media connectivity failure⁩",
    ],
  ])("%o is a failure, in words: %s", (info, words) => {
    const session = failed(info);
    expect(session.failureInfo).not.toBeNull();
    expect(failureWords(session.failureInfo ?? { stage: "x", reason: null })).toBe(words);
  });

  it("counts every session with a failureInfo: 4 of 4, not 2 of 4", () => {
    const sessions = [
      failed({}),
      failed({ stage: "unknown", reason: "" }),
      failed({ stage: "callSetup", reason: "Media connectivity failure" }),
      failed({ stage: "midcall", reason: "Lost connection" }),
    ].map((s, i) => ({ ...s, id: `s${i}` }));
    expect(failureSummary(failureGroups(sessions), sessions.length)).toMatch(/^4 of 4 sessions failed/);
    expect(failed(null).failureInfo).toBeNull();
  });
});

describe("identities as Graph types them (communicationsidentityset.md, participants_v2)", () => {
  const people = (extra: Json[]) =>
    parseParticipantsPageBody({ value: [...getParticipants.participants_v2, ...extra] }).participants;

  it("a participant known only by assertedIdentity (a Skype for Business phone) is that identity, said so", () => {
    const [, , phone] = people([
      {
        id: "p3",
        identity: {
          assertedIdentity: { id: "+14255550100", displayName: "Reception phone" },
          endpointType: "skypeForBusinessVoipPhone",
        },
      },
    ]);
    expect(phone?.identity).toMatchObject({
      kind: "asserted",
      id: "+14255550100",
      displayName: "Reception phone",
    });
    expect(identityKindLabel(phone?.identity as never)).toBe(
      "Presented identity only (assertedIdentity) · Skype for Business IP phone",
    );
  });

  it.each([
    [
      { "@odata.type": "#microsoft.graph.teamworkUserIdentity", userIdentityType: "anonymousGuest" },
      "Anonymous guest",
    ],
    [
      { "@odata.type": "#microsoft.graph.teamworkConversationIdentity" },
      "Teams conversation (team, channel or chat)",
    ],
    [{ "@odata.type": "#microsoft.graph.communicationsGuestIdentity" }, "Guest"],
    [
      { "@odata.type": "#microsoft.graph.azureCommunicationServicesUserIdentity" },
      "Azure Communication Services user",
    ],
    [{ "@odata.type": "#microsoft.graph.callRecords.userIdentity" }, "Microsoft 365 user"],
  ])("an identity in the user slot is labelled by its own type: %o → %s", (type, label) => {
    const [, , person] = people([
      { id: "p3", identity: { user: { id: "p3", displayName: "Someone", ...type } } },
    ]);
    expect(identityKindLabel(person?.identity as never)).toBe(label);
  });

  it("a hidden identity is listed, marked hidden from the roster", () => {
    const [, , recorder] = people([
      {
        id: "p3",
        identity: {
          applicationInstance: {
            "@odata.type": "#microsoft.graph.communicationsApplicationInstanceIdentity",
            id: "p3",
            displayName: "Compliance recorder",
            hidden: true,
          },
        },
      },
    ]);
    expect(recorder?.identity?.hidden).toBe(true);
    expect(identityKindLabel(recorder?.identity as never)).toMatch(/hidden from the roster$/);
  });

  it("a participant without an ID or identity is kept and counted, with a note; the count and the table agree", () => {
    const list = participantList({
      v2: people([{ id: null, identity: null }]),
      legacy: null,
      sessions: [],
    });
    expect(list.participants).toHaveLength(3);
    expect(list.note).toMatch(/1 participant without an ID or identity/);
    expect(personRows(list, [])).toHaveLength(3);
  });
});

describe("the meeting's service as a real tenant's group call sends it (participantEndpoint, userAgent)", () => {
  const meeting = (callee: Json) => {
    const record = structuredClone(realTenant) as unknown as Json;
    ((record.sessions as Json[])[1] as Json).callee = callee;
    const parsed = parseCallRecordBody(record);
    return withMeetingService(parsed.sessions[1] as Session, parsed.call.type);
  };

  it.each([
    [
      "null headerValue, platform and productFamily unknown",
      {
        userAgent: {
          headerValue: null,
          applicationVersion: null,
          platform: "unknown",
          productFamily: "unknown",
        },
      },
    ],
    ["an empty user agent", { userAgent: { headerValue: "", applicationVersion: "" } }],
    [
      "notRated feedback and an identity of nulls",
      {
        userAgent: { headerValue: null },
        identity: { user: { id: null, displayName: null } },
        feedback: { rating: "notRated", tokens: {} },
      },
    ],
  ])("%s: the meeting, not a second person", (_, callee) => {
    const session = meeting(callee);
    expect(session.callee?.kind).toBe("service");
    expect(sideName(session.callee)).toBe("the meeting");
    expect(endpointLabel(session.callee)).not.toBe("unknown participant");
  });

  it("the fixture itself carries the real shape (null headerValue, unknown platform and product family)", () => {
    const parsed = parseCallRecordBody(realTenant);
    const session = withMeetingService(parsed.sessions[1] as Session, parsed.call.type);
    expect(session.callee?.kind).toBe("service");
  });

  it("a person whose platform is known is still a person, mirrored caller and callee", () => {
    const record = structuredClone(realTenant) as unknown as Json;
    const session = (record.sessions as Json[])[1] as Json;
    [session.caller, session.callee] = [session.callee, session.caller];
    const parsed = parseCallRecordBody(record);
    const mirrored = withMeetingService(parsed.sessions[1] as Session, parsed.call.type);
    expect(mirrored.caller?.kind).toBe("service");
    expect(mirrored.callee?.kind).toBe("participant");
  });
});

describe("labels and words true to the docs", () => {
  it("averageVideoFrameRate is a frame rate received, never 'sent'", () => {
    const { media } = parsedMedia({ averageVideoFrameRate: 24, averageReceivedFrameRate: 23 });
    const labels = streamDetails(media).rows.map((row) => row.label);
    expect(labels).toContain("Frame rate received (all video streams)");
    expect(labels.join()).not.toMatch(/sent/i);
  });

  it("streams with maximums but no averages are not said to have sent no telemetry", () => {
    const { session } = parsedMedia({
      maxJitter: "PT0.08S",
      maxPacketLossRate: 0.2,
      packetUtilization: 6000,
    });
    const [found] = noTelemetryRule.find(findingInput([session]));
    expect(found?.text).toBe(
      "1 stream reported only maximum values, not the averages a verdict is made from, so their quality is unknown.",
    );
  });

  it("a traceroute hop without its number stays unnumbered", () => {
    const { media } = parsedMedia(GOOD_AUDIO, {
      traceRouteHops: [
        { hopCount: 1, ipAddress: "192.168.1.1", roundTripTime: "PT0.002S" },
        { hopCount: null, ipAddress: "10.0.0.1", roundTripTime: "PT0.01S" },
      ],
    });
    expect(media.callerNetwork?.traceRouteHops.map((hop) => hop.hopCount)).toEqual([1, null]);
  });

  it("an end before the start is said to be clock skew; long durations in h/min/s", () => {
    expect(formatDuration(-1000)).toBe("ends 1 s before it starts (clock skew)");
    const { media } = parsedMedia({ averageFreezeDuration: "PT1H2M3.456S" });
    const freeze = streamDetails(media).rows.find((row) => row.label.startsWith("Freeze"));
    expect(freeze?.values[0]).toMatch(/^1 h 2 min 3\.5 s/);
  });
});

describe("pstnCallLogRow's v1.0 fields (callrecords-pstncalllogrow.md)", () => {
  it("reads callDurationSource, inventoryType, tenantCountryCode and usageCountryCode", () => {
    const page = parsePhoneLogPage("pstn", pstnCalls);
    const wire = pstnCalls.value[0] as Json;
    expect(page.rows[0]).toMatchObject({
      callDurationSource: wire.callDurationSource ?? null,
      inventoryType: wire.inventoryType ?? null,
      tenantCountryCode: wire.tenantCountryCode ?? null,
      usageCountryCode: wire.usageCountryCode ?? null,
    });
    const operator = parsePhoneLogPage("pstn", {
      value: [{ ...wire, callDurationSource: "operator", duration: "125" }],
    });
    expect(operator.rows[0]).toMatchObject({ callDurationSource: "operator", durationSeconds: 125 });
  });
});

describe("the emulator's odd-shapes record, whole", () => {
  const record = oddShapesRecord();

  it("parses every page: the odd values kept as unreadable, the one session without an ID reported", () => {
    const first = parseCallRecordBody({ ...record, sessions: (record.sessions as unknown[]).slice(0, 60) });
    const second = parseSessionsPageBody({ value: (record.sessions as unknown[]).slice(60) });
    expect(first.sessions).toHaveLength(60);
    expect(second.sessions).toHaveLength(3);
    expect(second.lost).toEqual([
      {
        what: expect.stringMatching(/^sessions unreadable and left out \(first: value\[3\]\.id/),
        count: 1,
      },
    ]);
    const notes = unreadableTotals([...first.sessions, ...second.sessions], second.lost).map(
      describeUnreadable,
    );
    expect(notes[0]).toMatch(/^1 session unreadable and left out/);
    expect(notes).toEqual(
      expect.arrayContaining([
        '1 stream had averagePacketLossRate "NaN", not a number',
        '1 network had sentQualityEventRatio "INF", not a number',
      ]),
    );
    const numeric = second.sessions[1]?.segments[0]?.media[0]?.streams[0];
    expect(numeric?.averagePacketLossRate).toBe(0.25);
  });
});
