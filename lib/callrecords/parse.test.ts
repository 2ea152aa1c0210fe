import { describe, expect, it } from "vitest";
import { buildCallRecord } from "../../emulator/data/scenarios";
import { GraphFailure } from "@/lib/graph/errors";
import { personalValues } from "@/lib/testing/personal-values";
import { maskCall, maskSessions, MASKED } from "./mask";
import { parseCallRecordBody, parseSessionsInSlices, parseSessionsPageBody } from "./parse";

const wireSession = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  modalities: ["audio"],
  startDateTime: "2026-11-20T10:00:00.1234567Z",
  endDateTime: "2026-11-20T10:30:00Z",
  ...extra,
});

describe("parsing Graph's wire format", () => {
  it("reads a generated record: durations to ms once, sentinel link speed to unknown", () => {
    const wire = buildCallRecord({
      id: "8b6d2e13-4a9f-4c3b-8e2d-5f7a9c1b3d02",
      scenario: "poor-wifi",
      seed: "t",
      end: Date.parse("2026-11-20T12:00:00Z"),
      tenantId: "t",
    });
    const parsed = parseCallRecordBody(wire);
    const audio = parsed.sessions[0]?.segments[0]?.media.find((m) => m.kind === "audio");
    const back = audio?.streams.find((s) => s.direction === "calleeToCaller");
    expect(back?.averageJitterMs).toBe(61);
    expect(back?.averagePacketLossRate).toBe(0.124);
    expect(parsed.sessions[0]?.caller?.feedback?.tokens).toMatchObject({
      Interruptions: true,
      FrozenVideo: true,
      Echo: false,
    });
    const body = {
      ...wire,
      sessions: [
        wireSession("x", {
          segments: [
            {
              id: "seg",
              startDateTime: "2026-11-20T10:00:00Z",
              endDateTime: "2026-11-20T10:01:00Z",
              media: [
                {
                  label: "main-audio",
                  callerNetwork: { linkSpeed: 4294967295, connectionType: "wired" },
                  streams: [],
                },
              ],
            },
          ],
        }),
      ],
    };
    expect(parseCallRecordBody(body).sessions[0]?.segments[0]?.media[0]?.callerNetwork?.linkSpeed).toBeNull();
  });

  it("tolerates unknown fields, unknown enum values and nulls", () => {
    const page = parseSessionsPageBody({
      value: [
        wireSession("a", {
          brandNewField: { nested: true },
          caller: {
            "@odata.type": "#microsoft.graph.callRecords.participantEndpoint",
            userAgent: { productFamily: "someFutureProduct", platform: null },
            identity: null,
            feedback: null,
          },
          segments: [
            {
              id: "s",
              startDateTime: "2026-11-20T10:00:00Z",
              endDateTime: "2026-11-20T10:01:00Z",
              media: [
                {
                  label: "main-audio",
                  streams: [
                    { streamDirection: "callerToCallee", averageJitter: null, averagePacketLossRate: null },
                  ],
                },
              ],
            },
          ],
        }),
      ],
    });
    const session = page.sessions[0];
    expect(session?.caller?.userAgent?.productFamily).toBe("someFutureProduct");
    expect(session?.segments[0]?.media[0]?.streams[0]?.averageJitterMs).toBeNull();
    expect(JSON.stringify(session)).not.toContain("brandNewField");
    expect(page.nextLink).toBeNull();
  });

  it("drops sessions Graph repeats on a page", () => {
    const page = parseSessionsPageBody({
      value: [wireSession("a"), wireSession("b"), wireSession("a")],
      "@odata.nextLink": "https://graph.microsoft.com/next",
    });
    expect(page.sessions.map((s) => s.id)).toEqual(["a", "b"]);
    expect(page.nextLink).toBe("https://graph.microsoft.com/next");
  });

  it("turns a page without its value array into a clear error", () => {
    try {
      parseSessionsPageBody({ notValue: [] });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(GraphFailure);
      expect((error as GraphFailure).kind).toBe("malformed");
      expect((error as Error).message).toContain("value");
    }
  });

  it("leaves out a session without an ID, says so with its place, and keeps the rest of the page", () => {
    const page = parseSessionsPageBody({
      value: [
        wireSession("a"),
        { startDateTime: "2026-11-20T10:00:00Z", endDateTime: "2026-11-20T10:00:00Z" },
        wireSession("b"),
        { startDateTime: "2026-11-20T10:00:00Z", endDateTime: "2026-11-20T10:00:00Z" },
      ],
      "@odata.nextLink": "https://graph.microsoft.com/next",
    });
    expect(page.sessions.map((s) => s.id)).toEqual(["a", "b"]);
    expect(page.nextLink).toBe("https://graph.microsoft.com/next");
    expect(page.lost).toHaveLength(1);
    expect(page.lost[0]?.count).toBe(2);
    expect(page.lost[0]?.what).toContain("value[1].id");
  });

  it("parses a page a slice at a time to the same sessions, pausing between slices", async () => {
    const wire = buildCallRecord({
      id: "8b6d2e13-4a9f-4c3b-8e2d-5f7a9c1b3d02",
      scenario: "generic",
      seed: "slices",
      end: Date.parse("2026-11-20T12:00:00Z"),
      tenantId: "t",
      sessions: 23,
    });
    const items = [...wire.sessions, wire.sessions[4]];
    let pauses = 0;
    const sliced = await parseSessionsInSlices(items, async () => void pauses++, 5);
    expect(pauses).toBe(4);
    expect(sliced.sessions).toEqual(parseSessionsPageBody({ value: items }).sessions);
    expect(sliced.sessions).toHaveLength(23);
    expect(sliced.lost).toEqual([]);
  });

  it("names the broken session by its place in the whole page, not in its slice", async () => {
    const items = [wireSession("a"), wireSession("b"), wireSession("c"), { startDateTime: "x" }];
    const read = await parseSessionsInSlices(items, async () => undefined, 2);
    expect(read.sessions.map((s) => s.id)).toEqual(["a", "b", "c"]);
    expect(read.lost[0]?.what).toMatch(/value\[3\]\.id/);
  });

  it("keeps what it can read of a partly malformed session and names what it could not", () => {
    const segment = (streams: unknown[]) => ({
      id: "s",
      startDateTime: "2026-11-20T10:00:00Z",
      endDateTime: "2026-11-20T10:00:00Z",
      media: [{ label: "main-audio", streams }],
    });
    const page = parseSessionsPageBody({
      value: [
        wireSession("a", {
          segments: [
            segment([
              {
                streamDirection: "callerToCallee",
                averageJitter: "16ms",
                averagePacketLossRate: 0.2,
                packetUtilization: 900,
              },
              {
                streamDirection: "calleeToCaller",
                averageJitter: "PT0.016S",
                maxJitter: "soon",
                startDateTime: "yesterday",
              },
              { streamDirection: "calleeToCaller", averageRoundTripTime: "0.3" },
              { streamDirection: "sideways", averageJitter: "PT0.1S" },
            ]),
          ],
        }),
      ],
    });
    const session = page.sessions[0];
    const streams = session?.segments[0]?.media[0]?.streams ?? [];
    expect(streams).toHaveLength(3);
    expect(streams[0]?.averageJitterMs).toBeNull();
    expect(streams[0]?.averagePacketLossRate).toBe(0.2);
    expect(streams[1]?.averageJitterMs).toBe(16);
    expect(streams[1]?.startDateTime).toBeNull();
    expect(session?.unreadable).toEqual([
      { what: "streams had unreadable durations or times", count: 3 },
      { what: "streams had no known direction and were left out", count: 1 },
    ]);
  });
});

describe("masking for Readers", () => {
  const wire = buildCallRecord({
    id: "9a1b3c5d-7e8f-4a0b-8c1d-2e3f4a5b6c05",
    scenario: "team-meeting",
    seed: "t",
    end: Date.parse("2026-11-20T12:00:00Z"),
    tenantId: "t",
  });
  const parsed = parseCallRecordBody(wire);
  const pseudonym = (identity: { id: string | null }) => `Participant ${identity.id?.slice(0, 4)}`;
  const masked = JSON.stringify({
    call: maskCall(parsed.call, pseudonym),
    sessions: maskSessions(parsed.sessions, pseudonym),
  });

  it("removes every name, UPN, user ID, IP, MAC and device name that was in the source", () => {
    const secrets = personalValues(wire);
    expect(secrets.length).toBeGreaterThan(30);
    for (const secret of secrets) expect(masked, secret).not.toContain(secret);
    expect(masked).toContain(MASKED);
  });

  it("keeps the quality data and a stable stand-in per person", () => {
    const sessions = maskSessions(parsed.sessions, pseudonym);
    expect(sessions[0]?.segments[0]?.media[0]?.streams).toEqual(
      parsed.sessions[0]?.segments[0]?.media[0]?.streams,
    );
    expect(sessions[0]?.caller?.identity?.displayName).toBe(
      pseudonym({ id: parsed.sessions[0]?.caller?.identity?.id ?? null }),
    );
  });
});
