import { describe, expect, it } from "vitest";
import directExample from "@/lib/graph/fixtures/get-direct-routing-calls.json";
import { parsePhoneLogPage } from "./parse-phone-log";
import { answererOf, datacenterWords, explainSipCodes } from "./sip-codes";

describe("Direct Routing codes in words", () => {
  it("reads the getDirectRoutingCalls docs example: a normal BYE, datacenters as their codes read", () => {
    const [row] = parsePhoneLogPage("directRouting", directExample).rows;
    expect(row).toBeDefined();
    if (!row) return;
    // finalSipCode 0 with "BYE": the call ended normally, there is nothing to explain.
    expect(explainSipCodes(row)).toBeNull();
    expect(answererOf(row.callEndSubReason)).toBe("microsoft");
    expect(datacenterWords(row.signalingLocation)).toBe(
      "EUNO (a Microsoft datacenter; the code reads as Europe, north)",
    );
    expect(datacenterWords(row.mediaPathLocation)).toContain("United States, west");
  });

  it("says who sent the final answer from the sub-code, and the mirror says the other", () => {
    const sbc = explainSipCodes({ finalSipCode: 503, callEndSubReason: 560503 });
    const microsoft = explainSipCodes({ finalSipCode: 503, callEndSubReason: 540503 });
    expect(sbc).toMatchObject({ answerer: "sbc", normal: false });
    expect(sbc?.meaning).toContain("503 Service Unavailable");
    expect(sbc?.next).toContain("SBC's health");
    expect(microsoft?.answerer).toBe("microsoft");
    expect(explainSipCodes({ finalSipCode: 503, callEndSubReason: null })?.answerer).toBe("unknown");
  });

  it("prefers the sub-code's own row over the SIP code's", () => {
    expect(explainSipCodes({ finalSipCode: 408, callEndSubReason: 500001 })?.next).toContain("20 s");
    expect(explainSipCodes({ finalSipCode: 408, callEndSubReason: 1106 })?.meaning).toContain("200 OK");
    expect(explainSipCodes({ finalSipCode: 408, callEndSubReason: 0 })?.next).toContain("client's network");
    expect(explainSipCodes({ finalSipCode: 408, callEndSubReason: 560999 })?.meaning).toContain(
      "408 Request Timeout",
    );
  });

  it("calls a busy callee or a hang-up normal, and falls back to the code's class", () => {
    expect(explainSipCodes({ finalSipCode: 486, callEndSubReason: 560486 })).toMatchObject({
      normal: true,
      next: null,
    });
    expect(explainSipCodes({ finalSipCode: 487, callEndSubReason: 540487 })?.normal).toBe(true);
    expect(explainSipCodes({ finalSipCode: 599, callEndSubReason: 560599 })?.meaning).toContain("SIP 599");
    expect(explainSipCodes({ finalSipCode: 0, callEndSubReason: 540000 })).toBeNull();
  });

  it("shows a datacenter code that does not read as one as sent", () => {
    expect(datacenterWords("XYZ1")).toBe("XYZ1 (a Microsoft datacenter code)");
    expect(datacenterWords(null)).toBeNull();
  });
});
