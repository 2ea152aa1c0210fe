import "server-only";
import { createGzip, gunzip } from "node:zlib";
import { promisify } from "node:util";
import { ApiError } from "@/lib/api/errors";
import type { RawPart } from "@/lib/api/call-service";
import type { Redactor } from "./redact";

/** Lets other requests run between two slices of work: a microtask `await` would not. */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Items redacted and written a slice at a time: a slice is well under a millisecond of work. */
const SLICE = 20;

/** The items a slice at a time, redacted if asked, yielding between slices; `key` is the property holding them. */
export async function* slices(list: readonly unknown[], redactor: Redactor | null, key: string): AsyncGenerator<unknown[]> {
  for (let start = 0; start < list.length; start += SLICE) {
    const slice = list.slice(start, start + SLICE);
    yield redactor ? redactor.redact(slice, key) : slice;
    await yieldToEventLoop();
  }
}

/** The items' JSON, comma-separated, a slice per chunk. */
async function* items(list: readonly unknown[], redactor: Redactor | null, key: string): AsyncGenerator<string> {
  for await (const slice of slices(list, redactor, key)) yield JSON.stringify(slice).slice(1, -1);
}

/** A piece of a payload: a page of sessions as Graph's JSON or already parsed, or the record. */
export type PayloadPart = RawPart | { sessions: unknown[] };

/**
 * A call's Graph JSON, a slice at a time, as `{"sessions":[…], …}`: with the record under `"record"`
 * for a snapshot, or spread beside the sessions for an export (Graph's own shape). One redactor runs
 * over everything, so a person keeps one stand-in; the loop yields between slices, so building a
 * 3,000-session snapshot never holds the thread for more than a slice's work.
 */
export async function* payloadJson(parts: AsyncIterable<PayloadPart>, shape: "snapshot" | "export", redactor: Redactor | null): AsyncGenerator<string> {
  yield '{"sessions":[';
  let first = true;
  let record: Record<string, unknown> = {};
  for await (const part of parts) {
    if ("record" in part) {
      record = part.record;
      continue;
    }
    const sessions = "sessions" in part ? part.sessions : (JSON.parse(part.sessionsJson) as unknown[]);
    for await (const chunk of items(sessions, redactor, "sessions")) {
      yield first ? chunk : `,${chunk}`;
      first = false;
    }
  }
  // participants_v2 can list thousands of people: it is written in slices like the sessions.
  const { participants_v2: people, ...rest } = record;
  const head = JSON.stringify(redactor ? redactor.redact(rest) : rest).slice(1, -1);
  const fields = [head, Array.isArray(people) ? '"participants_v2":[' : ""].filter(Boolean).join(",");
  yield shape === "snapshot" ? `],"record":{${fields}` : `]${fields ? `,${fields}` : ""}`;
  if (Array.isArray(people)) {
    let firstPerson = true;
    for await (const chunk of items(people, redactor, "participants_v2")) {
      yield firstPerson ? chunk : `,${chunk}`;
      firstPerson = false;
    }
    yield "]";
  }
  yield shape === "snapshot" ? "}}" : "}";
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
