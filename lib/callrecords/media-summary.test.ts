import { describe, expect, it } from "vitest";
import { conferencingServer, media, person, stream } from "./fixtures";
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

describe("streams named by people", () => {
  it("names each stream by who sent it to whom, the conferencing server as the meeting — mirrored too", () => {
    const owen = person("Owen Franklin");
    const audio = media("audio", [
      stream({ direction: "callerToCallee" }),
      stream({ direction: "calleeToCaller" }),
    ]);
    const meeting = summarizeMedia(audio, undefined, undefined, {
      caller: conferencingServer(),
      callee: owen,
    });
    expect(meeting.details.columns).toEqual([
      "from the meeting to Owen Franklin",
      "from Owen Franklin to the meeting",
    ]);
    const swapped = summarizeMedia(audio, undefined, undefined, {
      caller: owen,
      callee: conferencingServer(),
    });
    expect(swapped.details.columns).toEqual([
      "from Owen Franklin to the meeting",
      "from the meeting to Owen Franklin",
    ]);
    // The charts name their bars the same way, and swap with the ends.
    expect(swapped.charts[0]?.points.map((point) => point.direction)).toEqual(swapped.details.columns);
    // Without the ends (a media on its own), the columns keep Graph's caller/callee words.
    expect(summarizeMedia(audio).details.columns).toEqual(["caller→callee", "callee→caller"]);
  });
});
