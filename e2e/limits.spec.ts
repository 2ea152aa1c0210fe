import { request as httpRequest } from "node:http";
import { expect, test } from "@playwright/test";

// Bodies sent chunked (no Content-Length) must meet the same limits as declared ones: Next's proxy buffers a
// body up to its own limit and passes the rest on cut, so that limit sits above every route's, and the route
// counts the bytes it actually receives (lib/api/body.ts).

/** Sends `size` bytes in 64 KB chunks with Transfer-Encoding: chunked; resolves with the status and body. */
function sendChunked(
  base: string,
  method: string,
  path: string,
  contentType: string,
  size: number,
  line: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, base);
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method,
        headers: { "Content-Type": contentType },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      },
    );
    // The server may answer and close before everything is sent: that is the point.
    req.on("error", (error) =>
      error.message.includes("EPIPE") || error.message.includes("ECONNRESET") ? undefined : reject(error),
    );
    const chunk = Buffer.from(line.repeat(Math.ceil((64 * 1024) / line.length)).slice(0, 64 * 1024));
    let sent = 0;
    const pump = () => {
      while (sent < size) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      req.end();
    };
    pump();
  });
}

const SITE_LINE = "10.0.0.0\tLAN\t24\tHQ\t\t\t\tLisbon\t\tPortugal\t\t\t1\t0\t0\n";

test("a building file over the limit sent chunked is refused whole with 413, and the sites stay as they were", async ({
  request,
  baseURL,
}) => {
  const before = ((await (await request.get("/api/sites")).json()) as { sites: unknown[] }).sites.length;
  for (const size of [4.5 * 1024 * 1024, 6 * 1024 * 1024, 12 * 1024 * 1024]) {
    const answer = await sendChunked(
      baseURL ?? "",
      "PUT",
      "/api/sites",
      "text/tab-separated-values",
      size,
      SITE_LINE,
    );
    expect(answer.status, `${size} bytes`).toBe(413);
    expect(answer.body).toContain("body_too_large");
  }
  const after = ((await (await request.get("/api/sites")).json()) as { sites: unknown[] }).sites.length;
  expect(after).toBe(before);
});

test("a report request over its limit sent chunked is a 413, not a truncated parse", async ({ baseURL }) => {
  const answer = await sendChunked(baseURL ?? "", "POST", "/api/reports", "application/json", 64 * 1024, " ");
  expect(answer.status).toBe(413);
});

test("120 unfinished bodies on the webhook are each refused before they end: nothing is held to be read", async ({
  baseURL,
}) => {
  const base = new URL(baseURL ?? "");
  const started = Date.now();
  const answers = await Promise.all(
    Array.from(
      { length: 120 },
      (_, i) =>
        new Promise<number>((resolve, reject) => {
          const req = httpRequest(
            {
              host: base.hostname,
              port: base.port,
              path: i % 2 ? "/api/notifications" : `/api/notifications/${"g".repeat(43)}`,
              method: "POST",
              headers: { "Content-Type": "application/json" },
            },
            (res) => {
              res.resume();
              // Answered while the body is still open: the route decided without waiting for it.
              resolve(res.statusCode ?? 0);
              req.destroy();
            },
          );
          req.on("error", (error) => (error.message.includes("socket hang up") ? undefined : reject(error)));
          req.write(`{"value":[${'{"subscriptionId":"x"},'.repeat(2_000)}`);
          // …and never finished.
        }),
    ),
  );
  expect(new Set(answers)).toEqual(new Set([404]));
  expect(Date.now() - started).toBeLessThan(10_000);
});
