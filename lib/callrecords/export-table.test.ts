import { describe, expect, it } from "vitest";
import { callStreamsCsv, EXPORT_COLUMNS } from "./export-table";
import { callSummary, media, person, session, stream } from "./fixtures";
import { FACT_COLUMNS } from "./stream-facts";

describe("the exported stream table", () => {
  const call = callSummary({ id: "call-1", version: 3, type: "peerToPeer" });
  const sessions = [
    session("s1", person('Ada, the "Admin"'), person("=cmd|x"), [
      media("audio", [
        stream({
          direction: "callerToCallee",
          packetUtilization: 900,
          averageJitterMs: 42,
          averagePacketLossRate: 0.0123,
          startDateTime: "2026-12-01T10:00:00Z",
          endDateTime: "2026-12-01T10:20:00Z",
        }),
        stream({ direction: "calleeToCaller", packetUtilization: 900, averageJitterMs: 5 }),
      ]),
    ]),
  ];
  const csv = callStreamsCsv(call, sessions, { pseudonym: (id) => id });
  const [header = "", first = "", second = ""] = csv.slice(1).trimEnd().split("\r\n");
  const cell = (line: string, name: string) => {
    // A naive split is enough here: the cells checked hold no commas.
    const index = header.split(",").indexOf(name);
    return line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)?.[index]?.replace(/,$/, "");
  };

  it("starts with a UTF-8 BOM and names every column with its unit", () => {
    expect(csv.startsWith("\uFEFFstart_time,end_time,call_id,call_version,direction_words,session_id")).toBe(
      true,
    );
    expect(header).toContain("jitter_ms");
    expect(header).toContain("packet_loss_percent");
    expect(header).toContain("frame_loss_percent");
    expect(header).not.toMatch(/(^|,)packet_loss(,|$)/);
    for (const side of ["sender", "receiver"])
      for (const name of ["connection", "wifi_band", "subnet", "site", "isp", "vpn"])
        expect(header).toContain(`${side}_${name}`);
    expect(header.split(",")).toHaveLength(EXPORT_COLUMNS.length);
    expect(EXPORT_COLUMNS.length).toBe(FACT_COLUMNS.length + 4);
  });

  it("has one row per stream: times in UTC, the direction in words, percentages, defused formulas", () => {
    expect(cell(first, "start_time")).toBe("2026-12-01T10:00:00.000Z");
    expect(cell(first, "end_time")).toBe("2026-12-01T10:20:00Z");
    expect(cell(first, "call_id")).toBe("call-1");
    expect(cell(first, "call_version")).toBe("3");
    expect(cell(first, "direction_words")).toBe('"Ada, the ""Admin"" → =cmd|x"');
    // A cell that starts like a formula is defused with a leading quote.
    expect(cell(second, "direction_words")).toBe('"\'=cmd|x → Ada, the ""Admin"""');
    expect(cell(first, "packet_loss_percent")).toBe("1.23");
    expect(cell(first, "jitter_ms")).toBe("42");
    expect(cell(first, "poor_because")).toBe("jitter 42 ms > 30 ms");
  });
});

describe("the export's documentation", () => {
  it("lists every column, in order (docs/history.md)", async () => {
    const { readFileSync } = await import("node:fs");
    const doc = readFileSync(new URL("../../docs/history.md", import.meta.url), "utf8");
    const listed = [...doc.matchAll(/^\| `([a-z_]+)` \|/gm)].map((m) => m[1]);
    expect(listed).toEqual(EXPORT_COLUMNS.map((column) => column.name));
  });
});
