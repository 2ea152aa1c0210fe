import { describe, expect, it } from "vitest";
import { media, stream } from "./fixtures";
import { summarizeMedia } from "./media-summary";

describe("summarizeMedia", () => {
  it("opens the panel and badges it poor when a stream is poor", () => {
    const summary = summarizeMedia(
      media("audio", [
        stream({ direction: "callerToCallee", averageJitterMs: 61, packetUtilization: 900 }),
        stream({ direction: "calleeToCaller", averageJitterMs: 5, packetUtilization: 900 }),
      ]),
    );
    expect(summary.quality).toBe("poor");
    expect(summary.breached).toBe(true);
    expect(summary.verdicts.map(({ verdict }) => verdict.quality)).toEqual(["poor", "good"]);
    expect(summary.charts.map((chart) => chart.key)).toContain("jitter");
  });

  it("folds a good media, and one without metrics is unclassified", () => {
    expect(
      summarizeMedia(media("audio", [stream({ averageJitterMs: 5, packetUtilization: 900 })])),
    ).toMatchObject({ quality: "good", breached: false });
    expect(summarizeMedia(media("data", [stream({})])).quality).toBe("unclassified");
  });
});
