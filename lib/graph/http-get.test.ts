import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { brotliCompressSync, deflateSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { httpGet, HttpTimeout } from "./http-get";

// A real local server: the client is checked against sockets, not a mock of node's HTTP module.
let server: Server;
let base = "";
let connections = 0;
const page = JSON.stringify({
  value: [{ id: "s1", note: "Ærøskøbing" }],
  "@odata.nextLink": "https://x/next",
});
// Bigger than the decoder's chunk, so a body decompresses in more than one piece.
const bigPage = JSON.stringify({
  value: Array.from({ length: 30_000 }, (_, i) => ({ id: `s${i}`, note: `Ærøskøbing ${i * 7919}` })),
});
const encoders: Record<string, (body: string) => Buffer> = {
  gzip: (body) => gzipSync(body),
  deflate: (body) => deflateSync(body),
  br: (body) => brotliCompressSync(body),
};

beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === "/gzip") {
      const accepts = String(request.headers["accept-encoding"] ?? "");
      const body = accepts.includes("gzip") ? gzipSync(page) : Buffer.from(page);
      response.writeHead(200, {
        "Content-Type": "application/json",
        ...(accepts.includes("gzip") ? { "Content-Encoding": "gzip" } : {}),
        "request-id": "r-1",
      });
      response.end(body);
    } else if (request.url?.startsWith("/big/")) {
      const encoding = request.url.slice("/big/".length);
      response.writeHead(200, { "Content-Type": "application/json", "Content-Encoding": encoding });
      response.end(encoders[encoding]?.(bigPage));
    } else if (request.url === "/stall") {
      response.writeHead(200, { "Content-Type": "application/json" });
      response.write('{"value":[');
      // …and never the rest.
    } else if (request.url === "/cut") {
      response.writeHead(200, { "Content-Type": "application/json", "Content-Length": "1000" });
      response.write('{"value":[');
      setTimeout(() => response.socket?.destroy(), 20);
    } else {
      response.writeHead(429, { "Retry-After": "7" });
      response.end('{"error":{"code":"TooManyRequests"}}');
    }
  });
  server.on("connection", () => void connections++);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe("httpGet", () => {
  it("asks for a compressed answer and reads it decompressed, headers and all", async () => {
    const answer = await httpGet(`${base}/gzip`, { Accept: "application/json" }, 5_000);
    expect(answer.status).toBe(200);
    expect(answer.headers["request-id"]).toBe("r-1");
    expect(JSON.parse(answer.text)).toEqual(JSON.parse(page));
  });

  it.each(Object.keys(encoders))("reads a %s body larger than one decoding chunk whole", async (encoding) => {
    expect(bigPage.length).toBeGreaterThan(1024 * 1024);
    const answer = await httpGet(`${base}/big/${encoding}`, {}, 5_000);
    expect(answer.text).toBe(bigPage);
  });

  it("sends one page after another over one kept-alive connection", async () => {
    await httpGet(`${base}/gzip`, {}, 5_000);
    const before = connections;
    for (let i = 0; i < 5; i++) await httpGet(`${base}/gzip`, {}, 5_000);
    expect(connections).toBe(before);
  });

  it("gives an error status back as an answer, with its headers", async () => {
    const answer = await httpGet(`${base}/throttled`, {}, 5_000);
    expect(answer.status).toBe(429);
    expect(answer.headers["retry-after"]).toBe("7");
  });

  it("stops waiting for a body that does not finish within the timeout", async () => {
    const started = Date.now();
    await expect(httpGet(`${base}/stall`, {}, 150)).rejects.toBeInstanceOf(HttpTimeout);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("says so when the connection closes before the whole answer arrived", async () => {
    await expect(httpGet(`${base}/cut`, {}, 5_000)).rejects.toThrow(/closed|aborted|socket hang up/);
  });
});
