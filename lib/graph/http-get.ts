import "server-only";
import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { promisify } from "node:util";
import { brotliDecompress, gunzip, inflate } from "node:zlib";

export interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  /** The body as it came, decompressed. */
  bytes: Buffer;
  /** The body as text, decoded the first time it is read (half a megabyte of sessions takes ~2 ms). */
  readonly text: string;
}

/** The request took longer than its timeout (connecting, waiting or reading the body). */
export class HttpTimeout extends Error {}

// One keep-alive agent per scheme for the process: Graph's pages are strictly sequential, so each page reuses the
// warm TLS connection of the one before instead of paying a handshake.
const agents = {
  https: new HttpsAgent({ keepAlive: true, maxSockets: 64 }),
  http: new HttpAgent({ keepAlive: true, maxSockets: 64 }),
};

// Decompressed on libuv's thread pool, not on the request thread, in chunks of half a megabyte: with zlib's default
// 16 KB a page of sessions (~400 KB of JSON) goes back and forth between the pool and this thread some 26 times,
// 2.5–12 ms a page as measured against about 1 ms in one chunk, and the next page's request waits for it.
const CHUNK = { chunkSize: 512 * 1024 };
const gunzipAsync = promisify(gunzip);
const inflateAsync = promisify(inflate);
const brotliAsync = promisify(brotliDecompress);
const decoders: Record<string, (body: Buffer) => Promise<Buffer>> = {
  gzip: (body) => gunzipAsync(body, CHUNK),
  deflate: (body) => inflateAsync(body, CHUNK),
  br: (body) => brotliAsync(body, CHUNK),
};

/**
 * GET with node's own HTTP client: no WHATWG streams between the socket and the text, and none of the framework's
 * instrumentation of global `fetch` (Next.js wraps it), which together cost a few milliseconds a page. The body
 * may arrive compressed (Graph compresses when asked) and is read whole; it becomes text only when asked.
 */
export function httpGet(
  url: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<HttpAnswer> {
  const target = new URL(url);
  const secure = target.protocol === "https:";
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(error);
    };
    const request = (secure ? httpsRequest : httpRequest)(
      target,
      {
        method: "GET",
        headers: { ...headers, "Accept-Encoding": "gzip, deflate, br" },
        agent: secure ? agents.https : agents.http,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", fail);
        response.on("aborted", () =>
          fail(new Error("the connection closed before the whole answer arrived")),
        );
        response.on("end", () => {
          const encoding = String(response.headers["content-encoding"] ?? "")
            .trim()
            .toLowerCase();
          const decode = decoders[encoding];
          const body = Buffer.concat(chunks);
          void (decode ? decode(body) : Promise.resolve(body)).then(
            (bytes) => {
              if (settled) return;
              settled = true;
              clearTimeout(timer);
              let text: string | undefined;
              resolve({
                status: response.statusCode ?? 0,
                headers: response.headers,
                bytes,
                get text() {
                  return (text ??= bytes.toString("utf8"));
                },
              });
            },
            (error: unknown) => fail(error instanceof Error ? error : new Error(String(error))),
          );
        });
      },
    );
    const timer = setTimeout(() => {
      fail(new HttpTimeout(`no whole answer within ${timeoutMs} ms`));
      request.destroy();
    }, timeoutMs);
    request.on("error", fail);
    request.end();
  });
}
