import { describe, expect, it } from "vitest";
import { analyzeCall } from "./analyze";
import { conferencingServer, device, media, network, person, session, stream } from "./fixtures";
import type { Network, Session, Stream } from "./model";
import { streamRows } from "./streams";
import { sideBySide } from "./two-sides";

const plain = (text: string | undefined) => text?.replace(/[\u2068\u2069]/g, "");

const audio = (direction: Stream["direction"], jitter: number) =>
  stream({ direction, averageJitterMs: jitter, packetUtilization: 900, averagePacketLossRate: 0.01 });
const video = (direction: Stream["direction"], fps: number) =>
  stream({ direction, averageVideoFrameRate: fps });

const wired = (overrides: Partial<Network> = {}) =>
  network({ connectionType: "wired", linkSpeed: 1_000_000_000, delayEventRatio: 0.007, ...overrides });
const badWifi = network({
  connectionType: "wifi",
  wifiBand: "frequency24GHz",
  wifiSignalStrength: 42,
  relayIPAddress: "52.112.0.9",
  linkSpeed: 72_000_000,
  delayEventRatio: 0.007,
});

/**
 * The 1:1 from the report: Priya, on 2.4 GHz Wi-Fi through a relay, sent poor audio and video (measured by
 * Owen); Owen's own side differs only in device trivia (louder noise floor, mic glitches, equal delay events).
 * `priyaCalls` puts her in the caller's seat instead, streams and networks mirrored with her.
 */
function priyaAndOwen(priyaCalls: boolean): Session[] {
  const priya = person("Priya Raman");
  const owen = person("Owen Franklin");
  const fromPriya: Stream["direction"] = priyaCalls ? "callerToCallee" : "calleeToCaller";
  const fromOwen: Stream["direction"] = priyaCalls ? "calleeToCaller" : "callerToCallee";
  const owenDevice = device({ sentNoiseLevel: -52, micGlitchRate: 20, cpuInsufficentEventRatio: 0 });
  const priyaDevice = device({ sentNoiseLevel: -75, micGlitchRate: 7, cpuInsufficentEventRatio: 0 });
  const sides = priyaCalls
    ? { callerNetwork: badWifi, calleeNetwork: wired(), callerDevice: priyaDevice, calleeDevice: owenDevice }
    : { callerNetwork: wired(), calleeNetwork: badWifi, callerDevice: owenDevice, calleeDevice: priyaDevice };
  return [
    session("s", priyaCalls ? priya : owen, priyaCalls ? owen : priya, [
      media("audio", [audio(fromOwen, 6), audio(fromPriya, 58)], sides),
      media("video", [video(fromOwen, 28), video(fromPriya, 2.3)], sides),
    ]),
  ];
}

/** Swap everything the two people had, keeping who called: the mirror image that must name the other side. */
function swapped(sessions: Session[]): Session[] {
  return sessions.map((s) => ({
    ...s,
    segments: s.segments.map((segment) => ({
      ...segment,
      media: segment.media.map((m) => ({
        ...m,
        callerNetwork: m.calleeNetwork,
        calleeNetwork: m.callerNetwork,
        callerDevice: m.calleeDevice,
        calleeDevice: m.callerDevice,
        streams: m.streams.map((st) => ({
          ...st,
          direction:
            st.direction === "callerToCallee" ? ("calleeToCaller" as const) : ("callerToCallee" as const),
        })),
      })),
    })),
  }));
}

const judge = (sessions: Session[]) => {
  const rows = streamRows(sessions);
  return { sides: sideBySide(sessions, rows), ...analyzeCall(sessions, rows) };
};

describe("which side of a 1:1 the evidence points at", () => {
  it("names the sender of the poor streams when their network shows why, whatever the trivia on the other side", () => {
    const { sides, story, impacts } = judge(priyaAndOwen(false));
    expect(sides?.responsible).toMatchObject({ status: "named", side: "callee" });
    expect(plain(story.headline)).toBe(
      "Priya Raman's side (the callee) is the likely cause: what Priya Raman sent arrived poor (video frame rate 2.3 fps < 7.0 fps, measured by Owen Franklin) while what Owen Franklin sent arrived fine, and Priya Raman's network shows why: Wi-Fi 2.4 GHz, a weak Wi-Fi signal (42%), a media relay.",
    );
    // Mic glitches and a noise floor do not explain audio that Priya sent; equal delay events are never evidence.
    expect(sides?.responsible.points.caller).toEqual([]);
    expect(impacts.map((p) => [p.label, p.part])).toEqual([
      ["Priya Raman", "impacting"],
      ["Owen Franklin", "impacted"],
    ]);
  });

  it("names the other person when the record is mirrored (their streams and networks swapped)", () => {
    const { sides, impacts } = judge(swapped(priyaAndOwen(false)));
    expect(sides?.responsible).toMatchObject({ status: "named", side: "caller" });
    expect(plain(sides?.responsible.text)).toMatch(
      /^Owen Franklin's side \(the caller\) is the likely cause/,
    );
    expect(impacts.find((p) => p.label === "Owen Franklin")?.part).toBe("impacting");
    expect(impacts.find((p) => p.label === "Priya Raman")?.part).toBe("impacted");
  });

  it("names the same person when only the seats are swapped (Priya calls Owen)", () => {
    const { sides } = judge(priyaAndOwen(true));
    expect(sides?.responsible).toMatchObject({ status: "named", side: "caller" });
    expect(plain(sides?.responsible.text)).toMatch(/^Priya Raman's side \(the caller\) is the likely cause/);
  });

  it("marks nothing worse, and names nobody, when only device trivia differ", () => {
    const trivia = (cpu: number, delay: number, link: number) => ({
      network: wired({ delayEventRatio: delay, linkSpeed: link }),
      cpu,
    });
    const a = trivia(2995, 0.001, 100_000_000);
    const b = trivia(3360, 0.002, 1_000_000_000);
    const ada = { ...person("Ada"), cpuProcessorSpeedInMhz: a.cpu };
    const bo = { ...person("Bo"), cpuProcessorSpeedInMhz: b.cpu };
    const sessions = [
      session("t", ada, bo, [
        media("audio", [audio("callerToCallee", 44), audio("calleeToCaller", 5)], {
          callerNetwork: a.network,
          calleeNetwork: b.network,
        }),
      ]),
    ];
    const { sides, impacts } = judge(sessions);
    const marked = [...(sides?.network ?? []), ...(sides?.device ?? []), ...(sides?.client ?? [])].filter(
      (row) => row.worse,
    );
    expect(marked).toEqual([]);
    expect(sides?.responsible).toMatchObject({ status: "unclear", side: null });
    expect(plain(sides?.responsible.text)).toContain("neither network reports anything that explains it");
    expect(impacts.every((p) => p.part === "unclear")).toBe(true);
  });

  it("when both directions were poor, names the side whose network alone shows why", () => {
    const sessions = [
      session("b", person("Ada"), person("Bo"), [
        media("audio", [audio("callerToCallee", 70), audio("calleeToCaller", 65)], {
          callerNetwork: wired(),
          calleeNetwork: badWifi,
        }),
      ]),
    ];
    const { sides } = judge(sessions);
    expect(sides?.responsible).toMatchObject({ status: "named", side: "callee" });
    expect(plain(sides?.responsible.text)).toContain("both directions were poor");
    expect(plain(sides?.responsible.text)).toContain("only Bo's network shows why");
    const mirrored = judge(swapped(sessions));
    expect(mirrored.sides?.responsible).toMatchObject({ status: "named", side: "caller" });
  });

  it("says which evidence points where when both directions were poor and both networks show problems", () => {
    const vpn = network({ connectionType: "tunnel", networkTransportProtocol: "tcp" });
    const sessions = [
      session("u", person("Ada"), person("Bo"), [
        media("audio", [audio("callerToCallee", 70), audio("calleeToCaller", 65)], {
          callerNetwork: vpn,
          calleeNetwork: badWifi,
        }),
      ]),
    ];
    const { sides, findings, story } = judge(sessions);
    expect(sides?.responsible).toMatchObject({ status: "unclear", side: null });
    expect(plain(sides?.responsible.text)).toBe(
      "Unclear: both directions were poor (audio jitter 70 ms > 30 ms, measured by Bo; audio jitter 65 ms > 30 ms, measured by Ada), and both networks show problems — Ada: a VPN tunnel, media over TCP; Bo: Wi-Fi 2.4 GHz, a weak Wi-Fi signal (42%), a media relay.",
    );
    expect(findings[0]).toMatchObject({ kind: "cause", text: story.headline });
  });

  it("never counts a value one side did not report against the side that did", () => {
    const sessions = [
      session("n", person("Ada"), person("Bo"), [
        media("audio", [audio("callerToCallee", 50), audio("calleeToCaller", 5)], {
          callerNetwork: network({ connectionType: "wifi", wifiSignalStrength: 90, linkSpeed: 2_000_000 }),
          calleeNetwork: network({ connectionType: null, wifiSignalStrength: null, linkSpeed: null }),
        }),
      ]),
    ];
    const { sides } = judge(sessions);
    for (const label of ["Wi-Fi signal", "Link speed", "Connection"]) {
      const row = sides?.network.find((r) => r.label === label);
      expect(row?.worse ?? null).toBeNull();
    }
  });

  it("counts a device line only where it explains the poor metric", () => {
    const glitchy = device({ micGlitchRate: 30 });
    const calm = device({ micGlitchRate: 2 });
    const withMedia = (kind: "audio" | "video") => [
      session("d", person("Ada"), person("Bo"), [
        media(
          kind,
          kind === "audio"
            ? [audio("callerToCallee", 45), audio("calleeToCaller", 5)]
            : [video("callerToCallee", 3), video("calleeToCaller", 25)],
          { callerDevice: glitchy, calleeDevice: calm },
        ),
      ]),
    ];
    expect(judge(withMedia("audio")).sides?.responsible.points.caller).toEqual([
      "mic glitches / 5 min 30 against 2",
    ]);
    expect(judge(withMedia("video")).sides?.responsible.points.caller).toEqual([]);
  });

  it("through a conferencing server, names the person whose own leg was poor", () => {
    const sessions = [
      session("a", person("Ada"), conferencingServer(), [
        media("audio", [audio("callerToCallee", 6), audio("calleeToCaller", 7)]),
      ]),
      session("b", person("Bo"), conferencingServer(), [
        media("audio", [audio("callerToCallee", 55), audio("calleeToCaller", 60)], {
          callerNetwork: badWifi,
        }),
      ]),
    ];
    const { sides } = judge(sessions);
    expect(sides?.responsible).toMatchObject({ status: "named", side: "callee" });
    expect(plain(sides?.responsible.text)).toContain(
      "Bo's own connection to the Teams conferencing server was poor",
    );
  });
});
