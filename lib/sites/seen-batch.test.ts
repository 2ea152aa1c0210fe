import { describe, expect, it } from "vitest";
import { createSeenBatch } from "./seen-batch";

describe("seen subnets written together", () => {
  it("writes one statement per call with every subnet its pages named, after the delay", async () => {
    const writes: { callId: string; subnets: string[]; at: number }[] = [];
    const batch = createSeenBatch(async (callId, subnets, at) => void writes.push({ callId, subnets, at }), {
      delayMs: 30,
    });
    batch.add("call-1", ["10.0.0.0", "10.0.1.0"], 1_000);
    batch.add("call-1", ["10.0.1.0", "10.0.2.0"], 2_000);
    batch.add("call-2", ["192.168.1.0"], 1_500);
    batch.add("call-3", [], 1_500);
    expect(writes).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(writes).toEqual([
      { callId: "call-1", subnets: ["10.0.0.0", "10.0.1.0", "10.0.2.0"], at: 2_000 },
      { callId: "call-2", subnets: ["192.168.1.0"], at: 1_500 },
    ]);
  });

  it("keeps going after a failed write, and flushes on demand", async () => {
    const written: string[] = [];
    const batch = createSeenBatch(
      async (callId) => {
        if (callId === "bad") throw new Error("database is locked");
        written.push(callId);
      },
      { delayMs: 60_000 },
    );
    batch.add("bad", ["10.0.0.0"]);
    batch.add("good", ["10.0.0.0"]);
    await batch.flush();
    expect(written).toEqual(["good"]);
    batch.add("later", ["10.9.0.0"]);
    await batch.flush();
    expect(written).toEqual(["good", "later"]);
  });

  it("waits for a quiet moment before a timed write, but not when asked to flush", async () => {
    const written: string[] = [];
    let quiet = () => {};
    const batch = createSeenBatch(async (callId) => void written.push(callId), {
      delayMs: 10,
      beforeWrite: () => new Promise<void>((resolve) => (quiet = resolve)),
    });
    batch.add("town-hall", ["10.0.0.0"]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(written).toEqual([]);
    // Pages named while the write waits join it.
    batch.add("town-hall", ["10.0.1.0"]);
    quiet();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(written).toEqual(["town-hall"]);
    batch.add("sites-page", ["10.0.2.0"]);
    await batch.flush();
    expect(written).toEqual(["town-hall", "sites-page"]);
  });
});
