import "server-only";
import { createGzip, gunzip } from "node:zlib";
import { promisify } from "node:util";
import { ApiError } from "@/lib/api/errors";
import type { RawPart } from "@/lib/api/call-service";
import type { Redactor } from "./redact";

/** Lets other requests run between two slices of work: a microtask `await` would not. */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A call's Graph JSON, one page at a time, as `{"sessions":[…], …}`: with `record` under `"record"` for a
 * snapshot, or spread beside the sessions for an export (Graph's own shape). Redaction runs page by
 * page, with one redactor so a person keeps one stand-in; the loop yields between pages so a
 * 3,000-session call never holds the thread for more than one page's work.
 */
export async function* payloadJson(parts: AsyncIterable<RawPart>, shape: "snapshot" | "export", redactor: Redactor | null): AsyncGenerator<string> {
  yield '{"sessions":[';
  let first = true;
  let record: Record<string, unknown> = {};
  for await (const part of parts) {
    if ("record" in part) {
      record = part.record;
      continue;
    }
    const page = redactor ? JSON.stringify(redactor.redact(JSON.parse(part.sessionsJson) as unknown[])) : part.sessionsJson;
    const items = page.slice(1, -1);
    if (items.length > 0) {
      yield first ? items : `,${items}`;
      first = false;
    }
    await yieldToEventLoop();
  }
  const shown = JSON.stringify(redactor ? redactor.redact(record) : record);
  if (shape === "snapshot") yield `],"record":${shown}}`;
  else yield shown === "{}" ? "]}" : `],${shown.slice(1)}`;
}

/** Gzips streamed text on libuv's thread pool; more than `maxBytes` of output stops it with 413. */
export async function gzipStream(chunks: AsyncIterable<string>, maxBytes: number, tooLarge: (maxBytes: number) => ApiError): Promise<Buffer> {
  const gzip = createGzip();
  const out: Buffer[] = [];
  let size = 0;
  let failure: Error | null = null;
  gzip.on("data", (chunk: Buffer) => {
    size += chunk.length;
    if (size > maxBytes && !failure) failure = tooLarge(maxBytes);
    if (!failure) out.push(chunk);
  });
  const finished = new Promise<void>((resolve, reject) => {
    gzip.on("end", resolve);
    gzip.on("error", reject);
  });
  for await (const chunk of chunks) {
    if (failure) break;
    if (!gzip.write(chunk)) await new Promise<void>((resolve) => gzip.once("drain", resolve));
  }
  gzip.end();
  await finished;
  if (failure) throw failure;
  return Buffer.concat(out);
}

export const gunzipAsync = promisify(gunzip);
