import { describe, expect, it } from "vitest";
import { summarizeSession } from "./analysis";
import { mediaCharts } from "./chart-data";
import { compareSides } from "./compare";
import { feedbackTokens } from "./feedback";
import { media, network, person, session, stream } from "./fixtures";
import { filterSessions, NO_FILTERS, sortSessions } from "./session-filter";
import { callWindow, primaryModality, timelineRow, zoomWindow } from "./timeline";

describe("caller vs callee", () => {
  it("highlights differences and says which side is worse", () => {
    const m = media("audio", [], {
      callerNetwork: network({ connectionType: "wired" }),
      calleeNetwork: network({
        connectionType: "wifi",
        wifiSignalStrength: 38,
        linkSpeed: null,
        networkTransportProtocol: "tcp",
        receivedQualityEventRatio: 0.3,
      }),
    });
    const rows = Object.fromEntries(compareSides(m).network.map((r) => [r.label, r]));
    expect(rows.Connection).toMatchObject({
      caller: "wired",
      callee: "wifi",
      differs: true,
      worse: "callee",
    });
    expect(rows.Transport?.worse).toBe("callee");
    expect(rows["Wi-Fi signal"]).toMatchObject({ caller: "not reported", callee: "38%", worse: null });
    expect(rows["Link speed"]).toMatchObject({ caller: "1 Gbit/s", callee: "not reported" });
    expect(rows["Received quality events"]).toMatchObject({ callee: "30.0%", worse: "callee" });
    expect(rows["IP address"]?.differs).toBe(false);
  });

  it("leaves out lines neither side reported", () => {
    const rows = compareSides(media("audio", [], { callerNetwork: null, calleeNetwork: null })).network;
    expect(rows).toEqual([]);
  });
});

describe("per-stream charts", () => {
  it("shows average and max per direction against the threshold, nulls as missing", () => {
    const charts = mediaCharts(
      media("audio", [
        stream({
          direction: "callerToCallee",
          averageJitterMs: 12,
          maxJitterMs: 40,
          averagePacketLossRate: 0.02,
          maxPacketLossRate: null,
        }),
        stream({ direction: "calleeToCaller", averageJitterMs: null, maxJitterMs: null }),
      ]),
    );
    const jitter = charts.find((c) => c.key === "jitter");
    expect(jitter?.threshold).toEqual({ value: 30, label: "poor above 30 ms" });
    expect(jitter?.points).toEqual([
      { direction: "caller→callee", average: 12, max: 40 },
      { direction: "callee→caller", average: null, max: null },
    ]);
    const loss = charts.find((c) => c.key === "loss");
    expect(loss?.points[0]).toEqual({ direction: "caller→callee", average: 2, max: null });
    expect(loss?.threshold?.value).toBe(10);
    expect(charts.find((c) => c.key === "degradation")?.empty).toBe(true);
    expect(charts.find((c) => c.key === "concealed")?.threshold).toEqual({
      value: 7,
      label: "poor above 7 %",
    });
  });

  it("gives video its own metrics and limits", () => {
    const charts = mediaCharts(media("screenSharing", [stream({ averageVideoFrameRate: 1.5 })]));
    expect(charts.find((c) => c.key === "frameRate")?.threshold?.label).toBe("poor below 2 fps");
  });
});

describe("feedback tokens", () => {
  it("keeps every token, labels known ones and puts flagged first", () => {
    const tokens = feedbackTokens({
      rating: "poor",
      text: null,
      tokens: { Echo: false, NoSound: true, BrandNewToken: true },
    });
    expect(tokens.map((t) => [t.label, t.flagged, t.known])).toEqual([
      ["Brand New Token", true, false],
      ["No sound", true, true],
      ["Echo", false, true],
    ]);
  });
});

describe("timeline layout", () => {
  const a = summarizeSession(
    session("a", person("A"), person("B"), [], {
      startDateTime: "2026-11-20T10:00:00Z",
      endDateTime: "2026-11-20T10:30:00Z",
      modalities: ["audio", "video"],
    }),
  );
  const b = summarizeSession(
    session("b", person("A"), person("B"), [], {
      startDateTime: "2026-11-20T10:45:00Z",
      endDateTime: "2026-11-20T11:00:00Z",
    }),
  );

  it("places sessions on a shared axis", () => {
    const window = callWindow([a, b]);
    const [ra, rb] = [a, b].map((summary) => timelineRow(summary, window));
    expect(ra?.bar).toMatchObject({ left: 0, width: 50 });
    expect(rb?.bar).toMatchObject({ left: 75, width: 25 });
    expect(ra?.modality).toBe("video");
  });

  it("zooms into part of the call and hides what falls outside", () => {
    const window = zoomWindow(callWindow([a, b]), 0.25, 0.8);
    expect(window.start).toBe(Date.parse("2026-11-20T10:45:00Z"));
    const [ra, rb] = [a, b].map((summary) => timelineRow(summary, window));
    expect(ra?.visible).toBe(false);
    expect(rb?.bar.left).toBe(0);
  });

  it("ranks modalities", () => {
    expect(primaryModality(["audio", "screenSharing"])).toBe("screenSharing");
    expect(primaryModality([])).toBe("unknown");
  });
});

describe("session filters", () => {
  const poor = summarizeSession(
    session("p", person("Ann"), person("Bob"), [
      media("audio", [stream({ packetUtilization: 900, averageJitterMs: 80 })], {
        callerNetwork: network({ connectionType: "wifi" }),
      }),
    ]),
  );
  const fine = summarizeSession(
    session(
      "g",
      { ...person("Cat"), feedback: { rating: "good", text: null, tokens: {} } },
      person("Dan"),
      [media("audio", [stream({ packetUtilization: 900, averageJitterMs: 5 })])],
      { startDateTime: "2026-11-20T09:00:00Z" },
    ),
  );

  it("filters by quality, connection, feedback and text", () => {
    expect(filterSessions([poor, fine], { ...NO_FILTERS, poorOnly: true }).map((s) => s.session.id)).toEqual([
      "p",
    ]);
    expect(
      filterSessions([poor, fine], { ...NO_FILTERS, connectionType: "wifi" }).map((s) => s.session.id),
    ).toEqual(["p"]);
    expect(
      filterSessions([poor, fine], { ...NO_FILTERS, feedbackOnly: true }).map((s) => s.session.id),
    ).toEqual(["g"]);
    expect(filterSessions([poor, fine], { ...NO_FILTERS, text: "dan" }).map((s) => s.session.id)).toEqual([
      "g",
    ]);
    expect(filterSessions([poor, fine], { ...NO_FILTERS, platform: "android" })).toEqual([]);
  });

  it("sorts by quality and start", () => {
    expect(sortSessions([fine, poor], "quality", false).map((s) => s.session.id)).toEqual(["p", "g"]);
    expect(sortSessions([poor, fine], "start", false).map((s) => s.session.id)).toEqual(["g", "p"]);
    expect(sortSessions([poor, fine], "start", true).map((s) => s.session.id)).toEqual(["p", "g"]);
  });
});

describe("stream charts say what each bar is", () => {
  it("labels the freeze chart's second bar as RMS, not max, and charts network jitter", () => {
    const video = mediaCharts(
      media("video", [stream({ averageFreezeDurationMs: 200, rmsFreezeDurationMs: 350 })]),
    );
    expect(video.find((chart) => chart.key === "freeze")).toMatchObject({
      secondLabel: "RMS",
      points: [{ average: 200, max: 350 }],
    });
    const audio = mediaCharts(
      media("audio", [stream({ averageAudioNetworkJitterMs: 266, maxAudioNetworkJitterMs: 474 })]),
    );
    expect(audio.find((chart) => chart.key === "networkJitter")).toMatchObject({
      secondLabel: "max",
      threshold: null,
      points: [{ average: 266, max: 474 }],
    });
  });
});
