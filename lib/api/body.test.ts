import { describe, expect, it } from "vitest";
import { ApiError } from "./errors";
import { MAX_BUILDING_FILE_BYTES, MAX_JSON_BODY_BYTES, readJsonBody, readTextBody } from "./body";

async function refusal(request: Request): Promise<ApiError> {
  try {
    await readJsonBody(request, "{ callId }");
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error("the body was accepted");
}

const post = (body: BodyInit, headers: Record<string, string> = { "Content-Type": "application/json" }) =>
  new Request("http://localhost/api/reports", {
    method: "POST",
    body,
    headers,
    duplex: "half",
  } as RequestInit);

describe("readJsonBody", () => {
  it("parses a JSON body, charset or not", async () => {
    expect(
      await readJsonBody(post('{"callId":"x"}', { "Content-Type": "application/json; charset=utf-8" }), ""),
    ).toEqual({ callId: "x" });
  });

  it("refuses text/plain and form bodies instead of parsing them as JSON", async () => {
    expect((await refusal(post('{"callId":"x"}', { "Content-Type": "text/plain" }))).status).toBe(415);
    expect(
      (await refusal(post("callId=x", { "Content-Type": "application/x-www-form-urlencoded" }))).status,
    ).toBe(415);
  });

  it("refuses a declared 10 MB body before reading it", async () => {
    const request = post("{}", {
      "Content-Type": "application/json",
      "Content-Length": String(10 * 1024 * 1024),
    });
    const error = await refusal(request);
    expect(error.status).toBe(413);
    expect(error.message).toContain("16 KB");
  });

  it("stops reading a streamed body as soon as it passes the limit", async () => {
    let pulled = 0;
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        if (pulled > 160) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const error = await refusal(post(stream));
    expect(error.status).toBe(413);
    expect(pulled * chunk.length).toBeLessThan(MAX_JSON_BODY_BYTES + 4 * chunk.length);
  });

  it("answers 400 for a body that is not JSON", async () => {
    const error = await refusal(post("{callId:"));
    expect([error.status, error.code]).toEqual([400, "invalid_json"]);
  });
});

describe("body limits that cannot be bypassed", () => {
  it("keeps Next's proxy buffer above every route's limit, so a body it cuts is still a 413", async () => {
    // @ts-expect-error -- next.config.mjs is plain JavaScript without declarations
    const loaded = (await import("../../next.config.mjs")) as { default: unknown };
    const config = loaded.default as { experimental: { proxyClientMaxBodySize: string } };
    const match = /^(\d+)mb$/.exec(config.experimental.proxyClientMaxBodySize);
    const proxyBytes = Number(match?.[1] ?? 0) * 1024 * 1024;
    for (const limit of [MAX_JSON_BODY_BYTES, MAX_BUILDING_FILE_BYTES, 1024 * 1024])
      expect(proxyBytes).toBeGreaterThan(limit);
    expect(proxyBytes).toBeLessThan(10 * 1024 * 1024);
  });

  it("answers 413 for a chunked body (no Content-Length) that grows past the limit, reading no further", async () => {
    let sent = 0;
    const chunk = new Uint8Array(64 * 1024).fill(0x61);
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += chunk.byteLength;
        if (sent > 64 * 1024 * 1024) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const request = new Request("http://localhost/api/sites", {
      method: "PUT",
      body: stream,
      headers: { "Content-Type": "text/tab-separated-values" },
      duplex: "half",
    } as RequestInit);
    await expect(
      readTextBody(request, ["text/tab-separated-values"], "a building file", MAX_BUILDING_FILE_BYTES),
    ).rejects.toMatchObject({ status: 413, code: "body_too_large" });
    // It stopped at the limit instead of draining the sender.
    expect(sent).toBeLessThan(MAX_BUILDING_FILE_BYTES + 512 * 1024);
  });
});
