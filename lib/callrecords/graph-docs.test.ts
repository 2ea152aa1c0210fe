// Microsoft's own example responses (lib/graph/fixtures, each naming its docs page) and records in the
// shapes real tenants send, read through the same parser and derivations as live data.
import { describe, expect, it } from "vitest";
import getBasic from "@/lib/graph/fixtures/get-callrecord-example-1.json";
import getExpanded from "@/lib/graph/fixtures/get-callrecord-example-2.json";
import getParticipants from "@/lib/graph/fixtures/get-callrecord-example-3.json";
import legacyOnly from "@/lib/graph/fixtures/legacy-only.json";
import listParticipants from "@/lib/graph/fixtures/list-participants-v2.json";
import listSessions from "@/lib/graph/fixtures/list-sessions-example-1.json";
import listSessionsWithSegments from "@/lib/graph/fixtures/list-sessions-example-2.json";
import realTenant from "@/lib/graph/fixtures/real-tenant-shape.json";
import { summarizeSession } from "./analysis";
import type { Session } from "./model";
import { analyzeCall } from "./analyze";
import { compareSides } from "./compare";
import { endpointLabel, identityLabel } from "./describe";
import { participantList, personRows } from "./participants";
import {
  parseCallRecordBody,
  parseParticipantsPageBody,
  parseSessionsInSlices,
  parseSessionsPageBody,
} from "./parse";
import { streamRows } from "./streams";
import { sideBySide } from "./two-sides";

function present<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error("the fixture lacks what this test reads");
  return value;
}

describe("Get callRecord examples", () => {
  it("example 2: the two people side by side, nothing poor to explain", () => {
    const parsed = parseCallRecordBody(getExpanded);
    const sides = sideBySide(parsed.sessions, streamRows(parsed.sessions));
    expect([sides?.caller.label, sides?.callee.label]).toEqual(["Abbie Wilkins", "Owen Franklin"]);
    expect(sides?.through).toBeNull();
    expect(sides?.responsible).toMatchObject({ side: null, evidence: [] });
    expect(sides?.network.map((row) => row.label)).toContain("Link speed");
  });

  it("example 1: the organizer from organizer_v2, no sessions", () => {
    const parsed = parseCallRecordBody(getBasic);
    expect(parsed.call).toMatchObject({
      id: "e523d2ed-2966-4b6b-925b-754a88034cc5",
      type: "peerToPeer",
      version: 1,
      modalities: ["audio"],
      organizerSource: "organizer_v2",
    });
    expect(identityLabel(parsed.call.organizer)).toBe("Abbie Wilkins");
    expect(parsed.sessions).toEqual([]);
    expect(parsed.participants).toBeNull();
  });

  it("example 2: the sign-in names only on associatedIdentity are shown, 'poor' feedback with no tokens counts", () => {
    const parsed = parseCallRecordBody(getExpanded);
    const session = parsed.sessions[0];
    expect(session?.caller?.identity).toMatchObject({
      kind: "associated",
      displayName: "Abbie Wilkins",
      userPrincipalName: "abbie.wilkins@contoso.com",
    });
    expect(session?.callee?.identity?.userPrincipalName).toBe("owen.franklin@contoso.com");
    expect(session?.callee?.feedback).toEqual({ rating: "poor", text: null, tokens: {} });
    expect(session?.callee?.userAgent).toMatchObject({
      platform: "windows",
      productFamily: "skypeForBusiness",
    });
    // The segment has no caller or callee of its own: it is between the session's.
    expect(endpointLabel(session?.segments[0]?.caller ?? null)).toBe("Abbie Wilkins");
    expect(session?.segments[0]?.media[0]?.callerNetwork).toMatchObject({
      ipAddress: "10.150.0.2",
      subnet: "10.150.0.0",
      linkSpeed: 54_000_000,
    });
    expect(session?.segments[0]?.media[0]?.streams[0]?.averageJitterMs).toBe(16);
    expect(summarizeSession(present(session)).hasFeedback).toBe(true);
  });

  it("example 3: two people in participants_v2, told apart by identity although the example repeats one participant ID", () => {
    const parsed = parseCallRecordBody(getParticipants);
    expect(parsed.participants?.source).toBe("participants_v2");
    const list = participantList({
      v2: parsed.participants?.list ?? null,
      legacy: null,
      sessions: parsed.sessions,
    });
    expect(list.participants.map((p) => identityLabel(p.identity))).toEqual([
      "Abbie Wilkins",
      "Owen Franklin",
    ]);
    expect(list.participants[1]?.identity?.userPrincipalName).toBe("owen.franklin@contoso.com");
  });
});

describe("List sessions examples", () => {
  it("read a slice at a time, as the server reads them, give the same sessions as the whole page", async () => {
    for (const example of [listSessions, listSessionsWithSegments, { value: realTenant.sessions }]) {
      const whole = parseSessionsPageBody(example).sessions;
      expect(whole.length).toBeGreaterThan(0);
      expect((await parseSessionsInSlices(example.value, async () => undefined, 1)).sessions).toEqual(whole);
    }
  });

  it("example 1: CPU, machine names and the flagged Noisy token", () => {
    const page = parseSessionsPageBody(listSessions);
    const session = page.sessions[0];
    expect(session?.caller).toMatchObject({
      kind: "participant",
      name: "machineName_1",
      cpuName: "AMD EPYC 7452 32-Core Processor",
      cpuCoresCount: 8,
      cpuProcessorSpeedInMhz: 2346,
    });
    expect(session?.callee?.feedback?.rating).toBe("poor");
    expect(session?.callee?.feedback?.tokens.Noisy).toBe(true);
  });

  it("example 2: network jitter, bandwidth, FEC and both networks; the 4294967295 link speed and 00-00 MACs are not reported", () => {
    const page = parseSessionsPageBody(listSessionsWithSegments);
    const media = page.sessions[0]?.segments[0]?.media[0];
    const back = media?.streams.find((s) => s.direction === "calleeToCaller");
    expect(back).toMatchObject({
      averageAudioNetworkJitterMs: 266,
      maxAudioNetworkJitterMs: 474,
      averagePacketLossRate: 0.01381693,
      packetUtilization: 709,
      averageBandwidthEstimate: 15644878,
      isAudioForwardErrorCorrectionUsed: false,
    });
    expect(media?.callerNetwork).toMatchObject({
      connectionType: "wifi",
      linkSpeed: 54_000_000,
      relayIPAddress: "52.114.188.32",
      relayPort: 53889,
      receivedQualityEventRatio: 0.27,
      macAddress: null,
    });
    expect(media?.calleeNetwork).toMatchObject({
      connectionType: "wired",
      linkSpeed: null,
      macAddress: null,
    });
    expect(media?.callerDevice).toMatchObject({
      micGlitchRate: 23,
      speakerGlitchRate: 3830,
      renderMuteEventRatio: 1,
    });
    const comparison = compareSides(present(media));
    expect(comparison.network.find((row) => row.label === "Link speed")).toMatchObject({
      caller: "54 Mbit/s",
      callee: "not reported",
    });
    // Judged good (jitter 7 ms, loss 1.4 %), but the 266 ms network jitter must still be visible.
    const rows = streamRows(page.sessions);
    expect(rows.find((row) => row.stream.direction === "calleeToCaller")?.verdict.quality).toBe("good");
  });
});

describe("List participants_v2 example", () => {
  it("reads both people; the nextLink that points at the first page again is kept for the loop guard to refuse", () => {
    const page = parseParticipantsPageBody(listParticipants);
    expect(
      page.participants.map((p) => [
        identityLabel(p.identity),
        p.identity?.userPrincipalName,
        p.identity?.kind,
      ]),
    ).toEqual([
      ["Anette Thomsen", "anette.thomsen@contoso.com", "user"],
      ["Daichi Maruyama", "daichi.maruyama@contoso.com", "user"],
    ]);
    expect(page.nextLink).toBe(
      "https://graph.microsoft.com/v1.0/communications/callRecords/614e3ff0-4728-4394-8c03-52fb3b967fde/participants_v2",
    );
  });
});

describe("a record as a real tenant sends it (odata.metadata=none)", () => {
  const parsed = parseCallRecordBody(realTenant);

  it("classifies endpoints by shape: the conferencing server is a service, people are participants", () => {
    const session = parsed.sessions[0];
    expect(session?.caller?.kind).toBe("participant");
    expect(session?.callee?.kind).toBe("service");
    expect(endpointLabel(session?.callee ?? null)).toBe("Teams conferencing server");
  });

  it("counts people from participants_v2, including one who joined without media", () => {
    const list = participantList({
      v2: parsed.participants?.list ?? null,
      legacy: null,
      sessions: parsed.sessions,
    });
    expect(list.participants).toHaveLength(4);
    const impacts = analyzeCall(
      parsed.sessions,
      parsed.sessions.flatMap((session) => summarizeSession(session).rows),
    ).impacts;
    const rows = personRows(list, impacts);
    expect(rows).toHaveLength(4);
    expect(
      rows.filter((row) => row.noMedia).map((row) => identityLabel(row.participant?.identity ?? null)),
    ).toEqual(["Ana Costa"]);
    expect(list.participants[0]?.administrativeUnitIds).toEqual(["5ab0c1d2-0000-4000-8000-00000000a0a0"]);
  });

  it("treats notRated feedback with no tokens as no feedback", () => {
    for (const session of parsed.sessions) {
      expect(session.caller?.feedback).toBeNull();
      expect(summarizeSession(session).hasFeedback).toBe(false);
    }
  });

  it("turns empty strings, zeros and sentinels into 'not reported', and a direct path stays direct", () => {
    const network = parsed.sessions[0]?.segments[0]?.media[0]?.callerNetwork;
    expect(network).toMatchObject({
      linkSpeed: null,
      subnet: null,
      port: null,
      macAddress: null,
      reflexiveIPAddress: null,
      relayIPAddress: null,
      wifiBand: null,
      wifiChannel: null,
      dnsSuffix: null,
    });
    expect(network?.traceRouteHops).toEqual([
      { hopCount: 1, ipAddress: "192.168.1.1", roundTripTimeMs: 2 },
      { hopCount: 2, ipAddress: null, roundTripTimeMs: 11 },
      { hopCount: 3, ipAddress: "52.114.188.40", roundTripTimeMs: 31 },
    ]);
    expect(
      compareSides(present(parsed.sessions[0]?.segments[0]?.media[0])).network.find(
        (row) => row.label === "Path",
      )?.caller,
    ).toBe("direct");
    expect(parsed.sessions[0]?.caller).toMatchObject({
      cpuName: null,
      cpuCoresCount: null,
      cpuProcessorSpeedInMhz: null,
    });
    expect(parsed.sessions[0]?.caller?.identity?.userPrincipalName).toBe("rui.alves@contoso.com");
    expect(parsed.call.joinWebUrl).toBeNull();
  });

  it("gives a segment without caller or callee the session's, and marks test sessions", () => {
    const segment = parsed.sessions[1]?.segments[0];
    expect(endpointLabel(segment?.caller ?? null)).toBe("Mei Chen");
    // Nothing but an empty user agent: shape alone cannot tell; in a group call it is the meeting's service.
    expect(segment?.callee?.kind).toBe("unknown");
    const judged = summarizeSession(parsed.sessions[1] as Session, undefined, parsed.call.type);
    expect(judged.session.segments[0]?.callee?.kind).toBe("service");
    expect(endpointLabel(judged.session.callee)).toBe("meeting service (not identified by Graph)");
    expect(parsed.sessions[2]?.isTest).toBe(true);
  });
});

describe("a legacy-only record", () => {
  it("takes the organizer and participants from the v1 properties and says so", () => {
    const parsed = parseCallRecordBody(legacyOnly);
    expect(parsed.call.organizerSource).toBe("legacy");
    expect(identityLabel(parsed.call.organizer)).toBe("Rui Alves");
    const list = participantList({
      v2: [],
      legacy: parsed.participants?.list ?? null,
      sessions: parsed.sessions,
    });
    expect(list.source).toBe("legacy");
    expect(list.note).toMatch(/legacy participants property/);
    expect(list.participants.map((p) => [p.identity?.kind, identityLabel(p.identity)])).toEqual([
      ["user", "Rui Alves"],
      ["phone", "phone +351210000123"],
    ]);
    expect(parsed.sessions[0]?.segments[0]?.media[0]?.callerNetwork?.linkSpeed).toBeNull();
  });

  it("falls back to the people seen in sessions when there is no list at all, leaving out services", () => {
    const parsed = parseCallRecordBody(realTenant);
    const list = participantList({
      v2: null,
      v2Unavailable: "participants_v2 is available only in Microsoft's global cloud",
      legacy: null,
      sessions: parsed.sessions,
    });
    expect(list.source).toBe("sessions");
    expect(list.note).toMatch(/global cloud.*joined without media is missing/);
    expect(list.participants.map((p) => identityLabel(p.identity))).toEqual([
      "Rui Alves",
      "Mei Chen",
      "Jonas Berg",
    ]);
  });
});
