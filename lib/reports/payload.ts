import "server-only";
import { setImmediate as nextTurn } from "node:timers/promises";
import { createGzip, gunzip } from "node:zlib";
import { promisify } from "node:util";

import type { RawPart } from "@/lib/graph/callrecords";
import type { Redactor } from "./redact";

/** Items per slice: redacting five rich sessions is well under a millisecond. */
const SLICE = 5;

/** The items a slice at a time, redacted if asked, yielding between slices; `key` is the property holding them. */
export async function* slices(
  list: readonly unknown[],
  redactor: Redactor | null,
  key: string,
): AsyncGenerator<unknown[]> {
  for (let start = 0; start < list.length; start += SLICE) {
    const slice = list.slice(start, start + SLICE);
    yield redactor ? redactor.redact(slice, key) : slice;
    await nextTurn();
  }
}

/** Items given as one JSON string each: passed through as they are, or parsed and redacted a slice at a time. */
async function* jsonItems(
  texts: readonly string[],
  redactor: Redactor | null,
  key: string,
): AsyncGenerator<string> {
  for (let start = 0; start < texts.length; start += SLICE) {
    const slice = texts.slice(start, start + SLICE);
    yield redactor
      ? JSON.stringify(
          redactor.redact(
            slice.map((text) => JSON.parse(text) as unknown),
            key,
          ),
        ).slice(1, -1)
      : slice.join(",");
    await nextTurn();
  }
}

async function* objectItems(
  list: readonly unknown[],
  redactor: Redactor | null,
  key: string,
): AsyncGenerator<string> {
  for await (const slice of slices(list, redactor, key)) yield JSON.stringify(slice).slice(1, -1);
}

/** A piece of a payload: sessions (Graph's JSON per session, or parsed), then the record and its people. */
export type PayloadPart = RawPart | { sessions: unknown[] };

/** Chunks joined by commas, whichever slice they came from. */
async function* commaSeparated(chunks: AsyncIterable<string>): AsyncGenerator<string> {
  let first = true;
  for await (const chunk of chunks) {
    if (!chunk) continue;
    yield first ? chunk : `,${chunk}`;
    first = false;
  }
}

/**
 * A call's Graph JSON, a slice at a time, as `{"sessions":[…], …}`: with the record under `"record"` for
 * a snapshot, or spread beside the sessions for an export (Graph's own shape). One redactor runs over
 * everything, so a person keeps one stand-in; the loop yields between slices, so writing a 3,000-session
 * snapshot never holds the thread for more than a slice's work.
 */
export async function* payloadJson(
  parts: AsyncIterable<PayloadPart>,
  shape: "snapshot" | "export",
  redactor: Redactor | null,
): AsyncGenerator<string> {
  yield '{"sessions":[';
  // Filled in when the record arrives, after the last page of sessions.
  const tail: { record: Record<string, unknown>; people: AsyncIterable<string> | null } = {
    record: {},
    people: null,
  };
  async function* sessions(): AsyncGenerator<string> {
    for await (const part of parts) {
      if ("record" in part) {
        const { participants_v2: inline, ...rest } = part.record;
        tail.record = rest;
        if ("rawParticipants" in part && part.rawParticipants)
          tail.people = jsonItems(part.rawParticipants, redactor, "participants_v2");
        else if (Array.isArray(inline)) tail.people = objectItems(inline, redactor, "participants_v2");
      } else if ("rawSessions" in part) yield* jsonItems(part.rawSessions, redactor, "sessions");
      else yield* objectItems(part.sessions, redactor, "sessions");
    }
  }
  yield* commaSeparated(sessions());
  const head = JSON.stringify(redactor ? redactor.redact(tail.record) : tail.record).slice(1, -1);
  const fields = [head, tail.people ? '"participants_v2":[' : ""].filter(Boolean).join(",");
  yield shape === "snapshot" ? `],"record":{${fields}` : `]${fields ? `,${fields}` : ""}`;
  if (tail.people) {
    yield* commaSeparated(tail.people);
    yield "]";
  }
  yield shape === "snapshot" ? "}}" : "}";
}

/** Gzips streamed text on libuv's thread pool; more than `maxBytes` of output stops it with the caller's error. */
export async function gzipStream(
  chunks: AsyncIterable<string>,
  maxBytes: number,
  tooLarge: (maxBytes: number) => Error,
): Promise<Buffer> {
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
