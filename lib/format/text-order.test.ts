import { describe, expect, it } from "vitest";
import { compareText } from "./text-order";

describe("a steady order for labels", () => {
  it("orders case aside, then by case, and finds equals equal", () => {
    expect(["bob", "Alice", "carol", "alice"].sort(compareText)).toEqual(["Alice", "alice", "bob", "carol"]);
    expect(compareText("Owen", "Owen")).toBe(0);
    expect(compareText("b", "A")).toBeGreaterThan(0);
  });
});
