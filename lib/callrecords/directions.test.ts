import { describe, expect, it } from "vitest";
import { conferencingServer, goodAudio, media, person, poorAudio, session } from "./fixtures";
import { rowDirection, rowRoleDirection, streamRows } from "./streams";

describe("a stream named by who sent it to whom", () => {
  it("names the two people of a 1:1, and the mirror swaps them", () => {
    const call = [
      session("s", person("Priya"), person("Owen"), [media("audio", [poorAudio("callerToCallee")])]),
    ];
    const mirror = [
      session("s", person("Owen"), person("Priya"), [media("audio", [poorAudio("calleeToCaller")])]),
    ];
    const [row] = streamRows(call);
    const [mirrored] = streamRows(mirror);
    expect(row && rowDirection(row)).toBe("from Priya to Owen");
    expect(mirrored && rowDirection(mirrored)).toBe("from Priya to Owen");
    expect(row && rowRoleDirection(row)).toBe("from the caller to the callee");
    expect(mirrored && rowRoleDirection(mirrored)).toBe("from the callee to the caller");
  });

  it("calls the conferencing server the meeting, and drops names where a summary is shown to every role", () => {
    const meeting = [
      session("m", person("Owen"), conferencingServer(), [
        media("audio", [goodAudio("callerToCallee"), poorAudio("calleeToCaller")]),
      ]),
    ];
    const rows = streamRows(meeting);
    expect(rows.map(rowDirection)).toEqual(["from Owen to the meeting", "from the meeting to Owen"]);
    expect(rows.map(rowRoleDirection)).toEqual([
      "from a participant to the meeting",
      "from the meeting to a participant",
    ]);
  });
});
