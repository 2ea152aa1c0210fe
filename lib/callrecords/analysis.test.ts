import { describe, expect, it } from "vitest";
import { callVerdict, summarizeSession } from "./analysis";
import { analyzeCall } from "./analyze";
import { conferencingServer, media, network, person, session, stream } from "./fixtures";
import { isolatedRuns } from "./describe";
import { rowDirection, rowRoleDirection, streamRows } from "./streams";

/** A finding's text as a screen reads it: the isolates render as <bdi>, not as characters. */
const plain = (text: string | undefined) => text?.replace(/[\u2068\u2069]/g, "");

const good = (direction: "callerToCallee" | "calleeToCaller") =>
  stream({
    direction,
    packetUtilization: 9000,
    averageJitterMs: 8,
    averagePacketLossRate: 0.002,
    averageRoundTripTimeMs: 40,
  });
const jittery = (direction: "callerToCallee" | "calleeToCaller", jitter = 61) =>
  stream({
    direction,
    packetUtilization: 9000,
    averageJitterMs: jitter,
    averagePacketLossRate: 0.01,
    averageRoundTripTimeMs: 90,
  });

describe("a 1:1 call with the callee on weak Wi-Fi", () => {
  const wifi = network({ connectionType: "wifi", wifiBand: "frequency24GHz", wifiSignalStrength: 38 });
  const call = [
    session("s1", person("Ada"), person("Bo"), [
      media("audio", [good("callerToCallee"), jittery("calleeToCaller")], { calleeNetwork: wifi }),
    ]),
  ];
  const rows = streamRows(call);

  it("judges the call poor, names the worst metric and the side", () => {
    const verdict = callVerdict(rows);
    expect(verdict.quality).toBe("poor");
    expect(verdict.poorShare).toBe(0.5);
    expect(verdict.worst?.breach.text).toBe("jitter 61 ms > 30 ms");
    expect(verdict.worst?.row.senderLabel).toBe("Bo");
    const worst = verdict.worst?.row;
    expect(worst && rowDirection(worst)).toBe("from Bo to Ada");
    expect(worst && rowRoleDirection(worst)).toBe("from the callee to the caller");
  });

  it("writes the finding in plain language with its evidence", () => {
    const top = analyzeCall(call, rows).findings.find((f) => f.kind === "poor-sender");
    expect(plain(top?.text)).toBe(
      "Callee (Bo) on Wi-Fi 2.4 GHz with 38% signal: jitter 61 ms on audio from Bo to Ada, 2× the 30 ms threshold.",
    );
    expect(top?.evidence).toEqual([
      { sessionId: "s1", segmentId: "s1-seg", detail: "audio from Bo to Ada: jitter 61 ms > 30 ms" },
    ]);
  });

  it("puts the one attribution first: Bo's side, because what Bo sent arrived poor and Bo's Wi-Fi shows why", () => {
    const { findings, story } = analyzeCall(call, rows);
    expect(findings[0]).toMatchObject({ kind: "cause", text: story.headline });
    expect(plain(story.headline)).toMatch(
      /^Bo's side \(the callee\) is the likely cause: what Bo sent arrived poor/,
    );
  });

  it("marks the sender impacting and the receiver impacted", () => {
    const [bo, ada] = analyzeCall(call, rows).impacts;
    expect(bo).toMatchObject({ label: "Bo", impacting: true, impacted: false, sentPoor: 1 });
    expect(ada).toMatchObject({ label: "Ada", impacting: false, impacted: true, receivedPoor: 1 });
  });
});

describe("a meeting", () => {
  const server = conferencingServer();
  const vpn = network({
    connectionType: "tunnel",
    networkTransportProtocol: "tcp",
    relayIPAddress: "52.1.1.1",
  });
  const sessions = [
    session("p", person("Presenter"), server, [
      media("audio", [jittery("callerToCallee", 90), good("calleeToCaller")], { callerNetwork: vpn }),
    ]),
    session("a", person("Ann"), server, [
      media("audio", [good("callerToCallee"), jittery("calleeToCaller", 45)]),
    ]),
    session("b", person("Ben"), server, [media("audio", [good("callerToCallee"), good("calleeToCaller")])]),
  ];
  const rows = streamRows(sessions);

  it("blames the presenter's uplink and attributes poor downlinks to their receivers", () => {
    const list = analyzeCall(sessions, rows).findings;
    // Two people with their own problems: no shared factor, no sender who hurt many — and the panel says so.
    expect(list[0]?.kind).toBe("cause");
    expect(plain(list[0]?.text)).toMatch(
      /^No shared factor explains the poor streams, and no sender hurt many/,
    );
    expect(plain(list[1]?.text)).toBe(
      "Presenter on a VPN tunnel over TCP through a media relay: jitter 90 ms on audio from Presenter to the meeting, 3× the 30 ms threshold.",
    );
    expect(plain(list[2]?.text)).toContain(
      "Ann on a wired network received poor audio from the Teams conferencing server: jitter 45 ms",
    );
  });

  it("links the presenter's poor video uplink to the participants it hurt", () => {
    const poorVideo = (direction: "callerToCallee" | "calleeToCaller") =>
      stream({ direction, averageVideoFrameRate: 3 });
    const okVideo = (direction: "callerToCallee" | "calleeToCaller") =>
      stream({ direction, averageVideoFrameRate: 25 });
    const meeting = [
      session("p", person("Presenter"), server, [
        media("video", [poorVideo("callerToCallee"), okVideo("calleeToCaller")], { callerNetwork: vpn }),
      ]),
      session("a", person("Ann"), server, [
        media("video", [okVideo("callerToCallee"), poorVideo("calleeToCaller")]),
      ]),
      session("b", person("Ben"), server, [
        media("video", [okVideo("callerToCallee"), poorVideo("calleeToCaller")]),
      ]),
    ];
    const list = analyzeCall(meeting, streamRows(meeting)).findings;
    expect(list[0]?.kind).toBe("cause");
    expect(plain(list[0]?.text)).toBe(
      "Presenter's poor video uplink (frame rate 3.0 fps < 7.0 fps, on a VPN tunnel over TCP through a media relay) is the likely cause for 2 of 2 participants who received poor video at the same time.",
    );
    expect(list[0]?.evidence.map((e) => e.sessionId)).toEqual(["p", "a", "b"]);
    // One hurt participant is not a pattern, nor are a few among many who received it fine.
    const single = meeting.slice(0, 2);
    expect(
      analyzeCall(single, streamRows(single)).findings.some(
        (f) => f.kind === "cause" && /uplink/.test(f.text),
      ),
    ).toBe(false);
    const fine = ["c", "d", "e"].map((id) =>
      session(id, person(id.toUpperCase()), server, [
        media("video", [okVideo("callerToCallee"), okVideo("calleeToCaller")]),
      ]),
    );
    const crowd = [...meeting, ...fine];
    expect(
      analyzeCall(crowd, streamRows(crowd)).findings.some((f) => f.kind === "cause" && /uplink/.test(f.text)),
    ).toBe(false);
  });

  it("keeps services out of the participant list", () => {
    const people = analyzeCall(sessions, rows).impacts;
    expect(people.map((p) => p.label)).toEqual(["Presenter", "Ann", "Ben"]);
    expect(people.find((p) => p.label === "Ben")).toMatchObject({ impacting: false, impacted: false });
  });
});

describe("sessions", () => {
  it("are poor when a device stops working, even with good streams", () => {
    const s = session("d", person("Ada"), person("Bo"), [
      media("audio", [good("callerToCallee")], {
        calleeDevice: { renderNotFunctioningEventRatio: 0.005 } as never,
      }),
    ]);
    const summary = summarizeSession(s);
    expect(summary.quality).toBe("poor");
    expect(summary.deviceProblems).toEqual(["speaker not working 0.5% of the time"]);
    expect(
      summarizeSession(
        session("e", person("Ada"), person("Bo"), [
          media("audio", [good("callerToCallee")], {
            calleeDevice: { renderNotFunctioningEventRatio: 0.0049 } as never,
          }),
        ]),
      ).quality,
    ).toBe("good");
  });

  it("report failures, feedback and missing telemetry as findings", () => {
    const rater = {
      ...person("Cy"),
      feedback: { rating: "bad", text: "Could not hear", tokens: { NoSound: true, Echo: false } },
    };
    const sessions = [
      session("f", person("Ada"), conferencingServer(), [], {
        failureInfo: { stage: "callSetup", reason: "SIP 503" },
      }),
      session("g", rater, person("Di"), [media("audio", [stream({ packetUtilization: 900 })])]),
    ];
    const kinds = analyzeCall(sessions, streamRows(sessions)).findings.map((f) => [f.kind, plain(f.text)]);
    expect(kinds).toContainEqual([
      "failure",
      "1 session failed at call setup: SIP 503 (Ada ↔ Teams conferencing server at 10:00:00 UTC). Next: check the trunk and SBC: Phone logs → Direct Routing shows the final SIP code and Microsoft's sub-code for this call, and the SBC's own logs say why it answered so.",
    ]);
    expect(kinds).toContainEqual(["feedback", "Cy rated the call bad, reporting NoSound: “Could not hear”"]);
    expect(kinds).toContainEqual([
      "no-telemetry",
      "1 stream had no network metrics: those clients sent no telemetry, so their quality is unknown.",
    ]);
  });

  it("isolates every Graph string it writes into a sentence, so a bidi override reverses only itself", () => {
    const spoofer = {
      ...person("Clara \u202Eevil"),
      feedback: { rating: "bad", text: "\u202Eecho", tokens: { "\u202ENoSound": true } },
    };
    const sessions = [
      session("h", spoofer, person("Di"), [], { failureInfo: { stage: "midcall", reason: "\u202Edropped" } }),
    ];
    const texts = analyzeCall(sessions, streamRows(sessions)).findings.map((f) => f.text);
    expect(texts.length).toBeGreaterThanOrEqual(2);
    for (const text of texts) {
      // Outside the isolates, no override is left to leak into the rest of the sentence.
      const outside = isolatedRuns(text)
        .filter((run) => !run.isolated)
        .map((run) => run.text)
        .join("");
      expect(outside).not.toMatch(/[\u202A-\u202E]/);
      expect(text).toContain("\u2068Clara \u202Eevil\u2069");
    }
  });

  it("ranks an audio problem above a somewhat worse video one: audio is what breaks a call", () => {
    const s = session("v", person("Ada"), person("Bo"), [
      media("audio", [jittery("calleeToCaller", 61)]),
      media("video", [stream({ direction: "calleeToCaller", averageVideoFrameRate: 2.9 })]),
    ]);
    expect(summarizeSession(s).poorBecause).toBe("jitter 61 ms > 30 ms");
    expect(callVerdict(streamRows([s])).worst?.breach.text).toBe("jitter 61 ms > 30 ms");
    expect(
      summarizeSession(
        session("w", person("Ada"), person("Bo"), [media("video", [stream({ averageVideoFrameRate: 2.9 })])]),
      ).poorBecause,
    ).toBe("frame rate 2.9 fps < 7.0 fps");
  });

  it("an empty call has an unclassified verdict and no findings", () => {
    expect(callVerdict([]).quality).toBe("unclassified");
    expect(analyzeCall([], []).findings).toEqual([]);
  });
});
