import { describe, expect, it } from "vitest";
import { createQuietGate } from "./quiet-gate";

const after = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("quiet gate", () => {
  it("lets a write through at once when nothing is being read", async () => {
    const gate = createQuietGate({ quietMs: 40 });
    const started = Date.now();
    await gate.wait();
    expect(Date.now() - started).toBeLessThan(30);
  });

  it("holds a write while reads follow one another, and lets it through once they have stopped for a while", async () => {
    const gate = createQuietGate({ quietMs: 40, maxWaitMs: 5_000 });
    const read = gate.track(() => after(15));
    let writtenAt = 0;
    let lastReadEnded = 0;
    const chain = (async () => {
      for (let page = 0; page < 8; page++) {
        await read();
        lastReadEnded = Date.now();
        await after(5);
      }
    })();
    await after(5);
    const write = gate.wait().then(() => (writtenAt = Date.now()));
    await chain;
    expect(writtenAt).toBe(0);
    await write;
    expect(writtenAt - lastReadEnded).toBeGreaterThanOrEqual(35);
  });

  it("gives up waiting after maxWaitMs when reads never stop, and a failed read still counts as ended", async () => {
    const gate = createQuietGate({ quietMs: 40, maxWaitMs: 120 });
    const failing = gate.track(async () => {
      await after(10);
      throw new Error("Graph said no");
    });
    await expect(failing()).rejects.toThrow("Graph said no");
    let stop = false;
    const read = gate.track(() => after(20));
    const busy = (async () => {
      while (!stop) await read();
    })();
    const started = Date.now();
    await gate.wait();
    const waited = Date.now() - started;
    stop = true;
    await busy;
    expect(waited).toBeGreaterThanOrEqual(110);
    expect(waited).toBeLessThan(400);
  });
});
