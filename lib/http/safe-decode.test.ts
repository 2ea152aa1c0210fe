import { describe, expect, it } from "vitest";
import { safeDecode } from "./safe-decode";

describe("safeDecode", () => {
  it("decodes well-formed values once", () => {
    expect(safeDecode("a%20b")).toBe("a b");
    expect(safeDecode("%252e%252e%252f")).toBe("%2e%2e%2f");
  });

  it("answers null for malformed percent-encoding instead of throwing", () => {
    for (const bad of ["%", "%E0%A4%A", "%zz", "%C0%80x%"]) expect(safeDecode(bad)).toBeNull();
  });
});
