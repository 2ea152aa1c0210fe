import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { ApiProblem, isTransient, jsonBytesOf } from "./api";

const json = JSON.stringify({
  sessions: Array.from({ length: 300 }, (_, i) => ({ id: `s${i}`, name: "Zoë" })),
});
const gz = gzipSync(json);
const text = (bytes: ArrayBuffer) => new TextDecoder().decode(bytes);
const response = (bytes: BodyInit, type: string) =>
  new Response(bytes, { headers: { "content-type": type, "x-request-id": "r-1" } });

describe("a large JSON response's bytes", () => {
  it("are the body itself when it came as JSON, and the inflated body when it came gzip-compressed", async () => {
    expect(text(await jsonBytesOf(response(json, "application/json; charset=utf-8")))).toBe(json);
    expect(text(await jsonBytesOf(response(new Uint8Array(gz), "application/gzip")))).toBe(json);
  });

  it("that do not inflate (cut short, or not gzip at all) are a damaged response worth a retry", async () => {
    for (const damaged of [
      new Uint8Array(gz.subarray(0, gz.length >> 1)),
      new Uint8Array(new TextEncoder().encode(json)),
    ]) {
      const failure = await jsonBytesOf(response(damaged, "application/gzip")).catch(
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(ApiProblem);
      expect(failure).toMatchObject({ status: 0, code: "damaged_response", requestId: "r-1" });
      expect(isTransient(failure)).toBe(true);
    }
  });
});
