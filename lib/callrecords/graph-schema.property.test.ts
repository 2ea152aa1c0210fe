// Records generated from Graph's v1.0 callRecords schema (the resource pages of callRecord, session, segment,
// media, mediaStream, networkInfo, deviceInfo, participantEndpoint): every optional field present, missing or
// null; Edm.Single as a number or a string ("NaN", "INF", "-INF", "0.25"); durations at 100 ns; new enum
// members. Whatever comes, the call parses, every stream with a direction is kept, and each verdict equals a
// reference classifier written from Microsoft's CQD table (shared/reference/callrecords.md), not from ours.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCallRecordBody } from "./parse";
import { streamRows } from "./streams";

type Json = Record<string, unknown>;
const TICKS_PER_MS = 10_000;

// A value as the reference reads it: a number, "not sent", or "sent but not a number".
type Ref = number | null | "unreadable";

/** Edm.Single on the wire, with the number the reference expects. */
const single = (min: number, max: number) =>
  fc.oneof(
    fc.constant<[unknown, Ref]>([undefined, null]),
    fc.constant<[unknown, Ref]>([null, null]),
    fc.double({ min, max, noNaN: true }).map((v): [unknown, Ref] => [v, v]),
    fc.double({ min, max, noNaN: true }).map((v): [unknown, Ref] => [String(v), v]),
    fc.constantFrom<[unknown, Ref]>(["NaN", "unreadable"], ["INF", "unreadable"], ["-INF", "unreadable"]),
  );

/** An ISO 8601 duration in whole ticks (100 ns), with the milliseconds the reference computes itself. */
const duration = fc.oneof(
  fc.constant<[unknown, Ref]>([undefined, null]),
  fc.constant<[unknown, Ref]>([null, null]),
  fc.integer({ min: 0, max: 20_000_000 }).map((ticks): [unknown, Ref] => {
    const seconds = Math.floor(ticks / 10_000_000);
    const fraction = String(ticks % 10_000_000).padStart(7, "0");
    return [`PT${seconds}.${fraction}S`, ticks / TICKS_PER_MS];
  }),
  fc.constantFrom<[unknown, Ref]>(["16ms", "unreadable"], ["PT", "unreadable"]),
);

const packets = fc.oneof(
  fc.constant<[unknown, Ref]>([null, null]),
  fc.integer({ min: 0, max: 100_000 }).map((v): [unknown, Ref] => [v, v]),
  fc.integer({ min: 0, max: 100_000 }).map((v): [unknown, Ref] => [String(v), v]),
  fc.constant<[unknown, Ref]>(["NaN", "unreadable"]),
);

interface Expected {
  kind: "audio" | "video" | "screenSharing" | "data";
  quality: "good" | "poor" | "unclassified";
}

/** CQD, as Microsoft states it: audio needs > 500 packets and is poor past any of RTT 500 ms, loss 0.1, jitter 30 ms. */
function referenceAudio(values: Record<string, Ref>): Expected["quality"] {
  const packetCount = values.packetUtilization;
  if (packetCount === "unreadable" || packetCount === null || packetCount === undefined || packetCount <= 500)
    return "unclassified";
  const limits: [string, number][] = [
    ["averageRoundTripTime", 500],
    ["averagePacketLossRate", 0.1],
    ["averageJitter", 30],
  ];
  if (limits.some(([field, limit]) => typeof values[field] === "number" && (values[field] as number) > limit))
    return "poor";
  if (limits.some(([field]) => values[field] === "unreadable")) return "unclassified";
  return limits.some(([field]) => typeof values[field] === "number") ? "good" : "unclassified";
}

/** CQD video: the first metric sent decides (frame loss > 50 %, frame rate < 7 fps or < 2 for sharing, post-FEC > 0.15). */
function referenceVideo(values: Record<string, Ref>, screen: boolean): Expected["quality"] {
  const rules: [string, (v: number) => boolean][] = [
    ["averageVideoFrameLossPercentage", (v) => v > 50],
    ["averageVideoFrameRate", (v) => v < (screen ? 2 : 7)],
    ["postForwardErrorCorrectionPacketLossRate", (v) => v > 0.15],
  ];
  for (const [field, poor] of rules) {
    const value = values[field];
    if (value === null || value === undefined) continue;
    if (value === "unreadable") return "unclassified";
    return poor(value) ? "poor" : "good";
  }
  return "unclassified";
}

const LABELS: [string, Expected["kind"]][] = [
  ["main-audio", "audio"],
  ["main-video", "video"],
  ["applicationsharing-video", "screenSharing"],
  ["data", "data"],
];

const stream = fc
  .record({
    direction: fc.constantFrom("callerToCallee", "calleeToCaller", "someNewDirection"),
    audioCodec: fc.constantFrom(undefined, null, "satin", "opus", "unknownFutureValue", "aNewCodec"),
    averageJitter: duration,
    averageRoundTripTime: duration,
    averagePacketLossRate: single(0, 1),
    packetUtilization: packets,
    averageVideoFrameLossPercentage: single(0, 100),
    averageVideoFrameRate: single(0, 60),
    postForwardErrorCorrectionPacketLossRate: single(0, 1),
    averageRatioOfConcealedSamples: single(0, 1),
  })
  .map(({ direction, audioCodec, ...metrics }) => {
    const wire: Json = { streamId: "1", streamDirection: direction, audioCodec };
    const reference: Record<string, Ref> = {};
    for (const [field, [value, ref]] of Object.entries(metrics)) {
      if (value !== undefined) wire[field] = value;
      reference[field] = ref;
    }
    return { wire, reference, kept: direction !== "someNewDirection" };
  });

const network = fc.record(
  {
    connectionType: fc.constantFrom(null, "wired", "wifi", "unknownFutureValue", "satellite"),
    wifiBand: fc.constantFrom(null, "frequency24GHz", "frequency60GHz", "unknown", "frequency999GHz"),
    wifiSignalStrength: single(0, 100).map(([v]) => v),
    sentQualityEventRatio: single(0, 1).map(([v]) => v),
    linkSpeed: fc.constantFrom(null, 0, 4294967295, "1000000000"),
  },
  { requiredKeys: [] },
);

const endpoint = fc.oneof(
  fc.constant(null),
  fc.record(
    {
      userAgent: fc.record(
        {
          headerValue: fc.constantFrom(null, "", "Teams/1.0"),
          platform: fc.constantFrom(null, "unknown", "windows", "holoLens", "aNewPlatform"),
          productFamily: fc.constantFrom(
            null,
            "unknown",
            "teams",
            "azureCommunicationServices",
            "aNewFamily",
          ),
          role: fc.constantFrom(undefined, null, "skypeForBusinessAudioVideoMcu", "aNewRole"),
        },
        { requiredKeys: [] },
      ),
      identity: fc.constantFrom(
        null,
        { user: { id: "u1", displayName: "Ada" } },
        { assertedIdentity: { id: "+14255550100" } },
      ),
      feedback: fc.constantFrom(
        undefined,
        { rating: "notRated", tokens: {} },
        { rating: "aNewRating", tokens: { x: 1 } },
      ),
      cpuCoresCount: single(0, 64).map(([v]) => v),
    },
    { requiredKeys: [] },
  ),
);

const media = fc.record({
  label: fc.constantFrom(...LABELS),
  streams: fc.array(stream, { maxLength: 3 }),
  callerNetwork: fc.option(network, { nil: null }),
  calleeDevice: fc.constantFrom(null, {}, { receivedSignalLevel: "NaN", micGlitchRate: 2147483647 }),
});

const session = fc.record({
  caller: endpoint,
  callee: endpoint,
  failureInfo: fc.constantFrom(undefined, null, {}, { stage: "unknown", reason: "" }, { stage: "aNewStage" }),
  media: fc.array(media, { maxLength: 3 }),
});

const record = fc.record({
  type: fc.constantFrom("groupCall", "peerToPeer", "unknown", "aNewType"),
  sessions: fc.array(session, { minLength: 1, maxLength: 3 }),
});

type Generated = typeof record extends fc.Arbitrary<infer T> ? T : never;

function toWire(generated: Generated): Json {
  const start = "2026-11-20T10:00:00Z";
  const end = "2026-11-20T10:30:00.1234567Z";
  return {
    id: "2f4c9a51-7c1e-4b7a-9d1e-3a1c5b7e9f01",
    version: 1,
    type: generated.type,
    startDateTime: start,
    endDateTime: end,
    sessions: generated.sessions.map((s, i) => ({
      id: `s${i}`,
      startDateTime: start,
      endDateTime: end,
      caller: s.caller,
      callee: s.callee,
      ...(s.failureInfo === undefined ? {} : { failureInfo: s.failureInfo }),
      segments: [
        {
          id: `g${i}`,
          startDateTime: start,
          endDateTime: end,
          media: s.media.map((m) => ({
            label: m.label[0],
            callerNetwork: m.callerNetwork,
            calleeDevice: m.calleeDevice,
            streams: m.streams.map((st) => st.wire),
          })),
        },
      ],
    })),
  };
}

describe("any record Graph's schema allows", () => {
  it("parses, keeps every stream with a direction, and judges each as Microsoft's table does", () => {
    fc.assert(
      fc.property(record, (generated) => {
        const parsed = parseCallRecordBody(toWire(generated));
        expect(parsed.sessions).toHaveLength(generated.sessions.length);
        const expected = generated.sessions.flatMap((s) =>
          s.media.flatMap((m) =>
            m.streams
              .filter((st) => st.kept)
              .map((st): Expected => {
                const kind = m.label[1];
                const quality =
                  kind === "audio"
                    ? referenceAudio(st.reference)
                    : kind === "video" || kind === "screenSharing"
                      ? referenceVideo(st.reference, kind === "screenSharing")
                      : "unclassified";
                return { kind, quality };
              }),
          ),
        );
        const rows = streamRows(parsed.sessions);
        expect(rows.map((row) => ({ kind: row.kind, quality: row.verdict.quality }))).toEqual(expected);
        // Every session with a failureInfo failed, whatever it says.
        parsed.sessions.forEach((s, i) =>
          expect(s.failureInfo !== null).toBe(Boolean(generated.sessions[i]?.failureInfo)),
        );
      }),
      { numRuns: 400 },
    );
  });
});
