import "server-only";
import Negotiator from "negotiator";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import { BASE_HEADERS, jsonResponse } from "./handler";

/**
 * A large JSON body (a call's page of sessions, its people, a saved report) is sent gzip-compressed as
 * `application/gzip` to a browser that asks for it, and inflated by the page (lib/client/api.ts), not with
 * `Content-Encoding`: a browser inflates an encoded body in its network process and hands the renderer every
 * inflated byte. For a 5,000-session call that was 38 MB read on the page's thread, about a third of its work while
 * the call loaded; sent compressed, the thread spent ~2.7 s of CPU over that load instead of ~3.7 s
 * (docs/benchmarks.md). Other clients (curl, scripts, the tests) get the same JSON as before.
 */
export const GZIP_JSON = "application/gzip";

/** Whether an Accept header ranks the gzip form above plain JSON (a tie, `*∕*` or none goes to JSON). */
export function prefersGzip(accept: string | null): boolean {
  const negotiator = new Negotiator({ headers: { accept: accept ?? "*/*" } });
  return negotiator.mediaType(["application/json", GZIP_JSON]) === GZIP_JSON;
}

const gzipped = promisify(gzip);

/**
 * The JSON body (text, or UTF-8 bytes as a cached page keeps them) as the request asks for it; compression runs on
 * libuv's pool, off the event loop.
 */
export async function largeJsonResponse(
  request: Request,
  body: string | Uint8Array<ArrayBuffer>,
): Promise<Response> {
  // Caches between the browser and callscope must keep the two forms apart.
  const vary = { Vary: "Accept" };
  if (!prefersGzip(request.headers.get("accept"))) return jsonResponse(body, 200, vary);
  return new Response(new Uint8Array(await gzipped(body)), {
    status: 200,
    headers: { ...BASE_HEADERS, "Content-Type": GZIP_JSON, ...vary },
  });
}
