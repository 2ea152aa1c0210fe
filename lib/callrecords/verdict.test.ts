import { describe, expect, it } from "vitest";
import { stream } from "./fixtures";
import { audioVerdict, streamVerdict, videoVerdict, worstQuality } from "./verdict";

const audio = (o: Parameters<typeof stream>[0]) =>
  audioVerdict(
    stream({
      packetUtilization: 5000,
      averageJitterMs: 10,
      averagePacketLossRate: 0.01,
      averageRoundTripTimeMs: 100,
      ...o,
    }),
  );

describe("audio verdict (CQD)", () => {
  it("is good when every metric is within its limit", () => {
    expect(audio({}).quality).toBe("good");
  });

  it.each([
    // The value shows the digits that make the sentence true, never "30 ms > 30 ms" (issue #41).
    ["averageJitterMs", 30, 30.01, "jitter 30.01 ms > 30 ms"],
    ["averagePacketLossRate", 0.1, 0.1001, "packet loss 10.01% > 10%"],
    ["averageRoundTripTimeMs", 500, 500.5, "round trip 501 ms > 500 ms"],
  ] as const)("%s is poor just above %d, good at it", (metric, at, above, text) => {
    expect(audio({ [metric]: at }).quality).toBe("good");
    const poor = audio({ [metric]: above });
    expect(poor.quality).toBe("poor");
    expect(poor.causes[0]?.text).toBe(text);
  });

  it("says which metric made it poor, worst first", () => {
    const verdict = audio({ averageJitterMs: 42, averageRoundTripTimeMs: 1600 });
    expect(verdict.causes.map((c) => c.threshold.label)).toEqual(["round trip", "jitter"]);
    expect(verdict.causes[1]?.text).toBe("jitter 42 ms > 30 ms");
  });

  it("needs more than 500 packets to classify", () => {
    expect(audio({ packetUtilization: 500, averageJitterMs: 90 }).quality).toBe("unclassified");
    expect(audio({ packetUtilization: 501, averageJitterMs: 90 }).quality).toBe("poor");
    expect(audio({ packetUtilization: null }).reason).toBe("no packet count reported");
  });

  it("treats nulls as not measured: never as zero, never as poor", () => {
    const none = audioVerdict(stream({ packetUtilization: 4000 }));
    expect(none.quality).toBe("unclassified");
    expect(none.reason).toBe("no network metrics reported");
    expect(
      audio({ averageJitterMs: null, averagePacketLossRate: null, averageRoundTripTimeMs: 20 }).quality,
    ).toBe("good");
  });

  it("reports degradation and concealment as secondary indicators only", () => {
    const verdict = audio({ averageAudioDegradation: 1.2, averageRatioOfConcealedSamples: 0.08 });
    expect(verdict.quality).toBe("good");
    expect(verdict.secondary.map((s) => s.threshold.label)).toEqual([
      "network MOS degradation",
      "concealed samples",
    ]);
    expect(audio({ averageAudioDegradation: 1.0, averageRatioOfConcealedSamples: 0.07 }).secondary).toEqual(
      [],
    );
  });
});

describe("video verdict (first available metric decides)", () => {
  it("frame loss decides when present", () => {
    expect(
      videoVerdict(stream({ averageVideoFrameLossPercentage: 50.5, averageVideoFrameRate: 30 }), "video")
        .quality,
    ).toBe("poor");
    expect(
      videoVerdict(stream({ averageVideoFrameLossPercentage: 50, averageVideoFrameRate: 2 }), "video")
        .quality,
    ).toBe("good");
  });

  it("falls through to frame rate, then post-FEC loss", () => {
    expect(videoVerdict(stream({ averageVideoFrameRate: 6.9 }), "video").causes[0]?.text).toBe(
      "frame rate 6.9 fps < 7.0 fps",
    );
    expect(videoVerdict(stream({ averageVideoFrameRate: 7 }), "video").quality).toBe("good");
    expect(videoVerdict(stream({ postForwardErrorCorrectionPacketLossRate: 0.16 }), "video").quality).toBe(
      "poor",
    );
    expect(videoVerdict(stream({ postForwardErrorCorrectionPacketLossRate: 0.15 }), "video").quality).toBe(
      "good",
    );
    expect(videoVerdict(stream({}), "video").quality).toBe("unclassified");
  });

  it("screen sharing uses its own frame-rate limit", () => {
    expect(videoVerdict(stream({ averageVideoFrameRate: 3 }), "screenSharing").quality).toBe("good");
    expect(videoVerdict(stream({ averageVideoFrameRate: 1.9 }), "screenSharing").quality).toBe("poor");
  });

  it("does not classify data streams", () => {
    expect(streamVerdict(stream({ averageJitterMs: 90, packetUtilization: 9000 }), "data").quality).toBe(
      "unclassified",
    );
  });
});

describe("worstQuality", () => {
  it("orders poor over good over unclassified", () => {
    expect(worstQuality(["good", "poor", "unclassified"])).toBe("poor");
    expect(worstQuality(["unclassified", "good"])).toBe("good");
    expect(worstQuality([])).toBe("unclassified");
  });
});
