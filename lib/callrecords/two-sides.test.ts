import { describe, expect, it } from "vitest";
import { conferencingServer, media, network, person, session, stream } from "./fixtures";
import type { Network } from "./model";
import { streamRows } from "./streams";
import { comparePair, compareWithMedian, sideBySide } from "./two-sides";

const wifi24 = network({
  connectionType: "wifi",
  wifiBand: "frequency24GHz",
  wifiSignalStrength: 38,
  subnet: "192.168.1.0",
});
const audio = (
  callerToCallee: number,
  calleeToCaller: number,
  callerNetwork = network(),
  calleeNetwork = network(),
) =>
  media(
    "audio",
    [
      stream({ direction: "callerToCallee", averageJitterMs: callerToCallee, packetUtilization: 900 }),
      stream({ direction: "calleeToCaller", averageJitterMs: calleeToCaller, packetUtilization: 900 }),
    ],
    { callerNetwork, calleeNetwork },
  );

describe("caller vs callee", () => {
  it("puts a 1:1 call's two sides next to each other and names the weak Wi-Fi as the likely cause", () => {
    const sessions = [session("s", person("Ada"), person("Bo"), [audio(8, 61, network(), wifi24)])];
    const sides = sideBySide(sessions, streamRows(sessions));
    expect(sides?.caller.label).toBe("Ada");
    expect(sides?.callee.label).toBe("Bo");
    expect(sides?.through).toBeNull();
    expect(sides?.responsible.side).toBe("callee");
    expect(sides?.responsible.text.replace(/[\u2068\u2069]/g, "")).toBe(
      "Bo's side (the callee) is the likely cause: what Bo sent arrived poor (audio jitter 61 ms > 30 ms, measured by Ada) while what Ada sent arrived fine, and Bo's network shows why: Wi-Fi 2.4 GHz, a weak Wi-Fi signal (38%).",
    );
    expect(sides?.responsible.evidence).toEqual(["Wi-Fi 2.4 GHz", "a weak Wi-Fi signal (38%)"]);
    expect(sides?.network.find((row) => row.label === "Connection")).toMatchObject({
      caller: "wired",
      callee: "wifi",
      worse: "callee",
    });
  });

  it("reads stream direction as Graph defines it: callerToCallee is what the caller sent, measured by the callee", () => {
    const sessions = [session("s", person("Ada"), person("Bo"), [audio(61, 8)])];
    const sides = sideBySide(sessions, streamRows(sessions));
    expect(sides?.caller.sent[0]).toMatchObject({
      kind: "audio",
      quality: "poor",
      detail: "jitter 61 ms > 30 ms",
      measuredBy: "Bo",
    });
    expect(sides?.caller.received[0]).toMatchObject({ quality: "good", measuredBy: "Ada" });
    expect(sides?.callee.received[0]?.quality).toBe("poor");
    // Only the caller's audio arrived poor, but two clean wired networks explain nothing: unclear, and why.
    expect(sides?.responsible).toMatchObject({ side: null, status: "unclear" });
    expect(sides?.responsible.text.replace(/[\u2068\u2069]/g, "")).toBe(
      "Unclear: only what Ada sent arrived poor (audio jitter 61 ms > 30 ms, measured by Bo), which points at Ada's side, but neither network reports anything that explains it: check Ada's uplink and device, or the path between them.",
    );
  });

  it("says there is nothing to explain when no stream was poor", () => {
    const sessions = [session("s", person("Ada"), person("Bo"), [audio(8, 9, network(), wifi24)])];
    expect(sideBySide(sessions, streamRows(sessions))?.responsible).toMatchObject({
      side: null,
      evidence: [],
    });
  });

  it("compares two people who met through a conferencing server, each by their own leg", () => {
    const sessions = [
      session("a", person("Ada"), conferencingServer(), [audio(6, 7)]),
      session("b", person("Bo"), conferencingServer(), [audio(55, 70, wifi24)]),
    ];
    const sides = sideBySide(sessions, streamRows(sessions));
    expect(sides?.through).toBe("Teams conferencing server");
    expect([sides?.caller.label, sides?.callee.label]).toEqual(["Ada", "Bo"]);
    expect(sides?.callee.network?.connectionType).toBe("wifi");
    expect(sides?.callee.sent[0]?.quality).toBe("poor");
    expect(sides?.responsible.side).toBe("callee");
  });

  it("compares any two people of a meeting, in the order asked, leaving the others out", () => {
    const sessions = [
      session("a", person("Ada"), conferencingServer(), [audio(6, 7)]),
      session("b", person("Bo"), conferencingServer(), [audio(55, 70, wifi24)]),
      session("c", person("Cy"), conferencingServer(), [audio(5, 5)]),
    ];
    const rows = streamRows(sessions);
    const sides = comparePair(sessions, rows, ["participant:bo", "participant:ada"]);
    expect([sides?.caller.label, sides?.callee.label]).toEqual(["Bo", "Ada"]);
    expect(sides?.responsible.side).toBe("caller");
    expect(comparePair(sessions, rows, ["participant:ada", "participant:nobody"])).toBeNull();
  });

  it("names each side's site when building data is known", () => {
    const sessions = [
      session("s", person("Ada"), person("Bo"), [audio(8, 61, network({ subnet: "10.1.0.0" }), wifi24)]),
    ];
    const siteOf = (n: Network | null) => (n?.subnet === "10.1.0.0" ? "Lisbon HQ" : null);
    const sides = sideBySide(sessions, streamRows(sessions), undefined, siteOf);
    expect(sides?.network[0]).toMatchObject({ label: "Site", caller: "Lisbon HQ", callee: "not reported" });
  });

  it("compares one person against the meeting's typical participant", () => {
    const sessions = [
      session("a", person("Ada"), conferencingServer(), [audio(6, 7)]),
      session("b", person("Bo"), conferencingServer(), [audio(55, 70, wifi24)]),
      session("c", person("Cy"), conferencingServer(), [audio(5, 5)]),
      session("d", person("Di"), conferencingServer(), [audio(4, 6)]),
    ];
    const sides = compareWithMedian(sessions, streamRows(sessions), "participant:bo");
    expect([sides?.caller.label, sides?.callee.label]).toEqual(["Bo", "the meeting's typical participant"]);
    expect(sides?.network.find((row) => row.label === "Connection")).toMatchObject({
      caller: "wifi",
      callee: "wired",
      worse: "caller",
    });
    expect(sides?.responsible.side).toBe("caller");
    expect(sides?.responsible.text.replace(/[\u2068\u2069]/g, "")).toContain("Bo's side is the likely cause");
    expect(
      compareWithMedian(sessions.slice(0, 2), streamRows(sessions.slice(0, 2)), "participant:bo"),
    ).toBeNull();
  });

  it("stays out of meetings with more than two people", () => {
    const sessions = ["Ada", "Bo", "Cy"].map((name) =>
      session(name, person(name), conferencingServer(), [audio(6, 7)]),
    );
    expect(sideBySide(sessions, streamRows(sessions))).toBeNull();
  });
});
