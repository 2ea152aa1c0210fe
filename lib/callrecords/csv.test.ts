import { describe, expect, it } from "vitest";
import { streamsCsv } from "./csv";
import { media, person, session, stream } from "./fixtures";
import { streamRows } from "./streams";

describe("streams CSV", () => {
  it("has one row per stream with metrics, verdict and empty cells for missing values", () => {
    const rows = streamRows([
      session("s1", person('Ada, the "Admin"'), person("=cmd|x"), [
        media("audio", [
          stream({
            direction: "callerToCallee",
            packetUtilization: 900,
            averageJitterMs: 42,
            averagePacketLossRate: 0.01,
          }),
          stream({ direction: "calleeToCaller", packetUtilization: 900, averageJitterMs: 5 }),
        ]),
      ]),
    ]);
    const [header, first, second] = streamsCsv(rows).trimEnd().split("\r\n");
    expect(header?.split(",").slice(0, 10)).toEqual([
      "sessionId",
      "segmentId",
      "media",
      "label",
      "direction",
      "sender",
      "receiver",
      "verdict",
      "poorBecause",
      "averageJitterMs",
    ]);
    expect(first).toContain(
      's1,s1-seg,audio,main-audio,callerToCallee,"Ada, the ""Admin""",\'=cmd|x,poor,jitter 42 ms > 30 ms,42,,0.01',
    );
    expect(second).toContain('calleeToCaller,\'=cmd|x,"Ada, the ""Admin""",good,,5,,');
  });
});
