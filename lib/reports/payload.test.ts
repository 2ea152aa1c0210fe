import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { participantsOf } from "../../emulator/data/participants";
import { buildCallRecord } from "../../emulator/data/scenarios";
import type { RawPart } from "@/lib/graph/callrecords";
import { ApiError } from "@/lib/api/errors";
import { personalValues } from "@/lib/testing/personal-values";
import { gzipStream, payloadJson } from "./payload";
import { createRedactor } from "./redact";

const built = buildCallRecord({
  id: "9a1b3c5d-7e8f-4a0b-8c1d-2e3f4a5b6c05",
  scenario: "team-meeting",
  seed: "p",
  end: Date.parse("2026-11-20T12:00:00Z"),
  tenantId: "t",
});
const { sessions, ...bare } = built;
// As a snapshot stores it: participants_v2 inline, the way `$expand=participants_v2` sends it.
const record: Record<string, unknown> = { ...bare, participants_v2: participantsOf(built) };

/** The record as the call service hands it over: pages of sessions as Graph's JSON, then the record. */
async function* parts(pageSize = 5): AsyncGenerator<RawPart> {
  for (let start = 0; start < sessions.length; start += pageSize) {
    const page = sessions.slice(start, start + pageSize);
    yield { rawSessions: page.map((session) => JSON.stringify(session)), count: page.length };
  }
  yield { rawSessions: [], count: 0 };
  const { participants_v2: people, ...rest } = record;
  yield { record: rest, rawParticipants: (people as unknown[]).map((person) => JSON.stringify(person)) };
}

async function text(chunks: AsyncIterable<string>): Promise<string> {
  let out = "";
  for await (const chunk of chunks) out += chunk;
  return out;
}

describe("payloads written a slice at a time", () => {
  it("write Graph's JSON unchanged when not redacting, as a snapshot and as an export", async () => {
    expect(record.participants_v2).toBeDefined();
    expect(JSON.parse(await text(payloadJson(parts(), "snapshot", null)))).toEqual({ sessions, record });
    expect(JSON.parse(await text(payloadJson(parts(), "export", null)))).toEqual({ ...record, sessions });
  });

  it("leave no personal value behind when redacting, participants_v2 included", async () => {
    const secrets = personalValues({ ...record, sessions });
    expect(secrets.length).toBeGreaterThan(20);
    const redacted = await text(payloadJson(parts(), "snapshot", createRedactor()));
    for (const secret of secrets) expect(redacted, secret).not.toContain(secret);
    const parsed = JSON.parse(redacted) as { sessions: unknown[]; record: { participants_v2: unknown[] } };
    expect(parsed.sessions).toHaveLength(sessions.length);
    expect(parsed.record.participants_v2).toHaveLength((record.participants_v2 as unknown[]).length);
  });

  it("write an empty call and a record without people", async () => {
    async function* empty(): AsyncGenerator<RawPart> {
      yield { rawSessions: [], count: 0 };
      yield { record: {}, rawParticipants: null };
    }
    expect(JSON.parse(await text(payloadJson(empty(), "snapshot", null)))).toEqual({
      sessions: [],
      record: {},
    });
    expect(JSON.parse(await text(payloadJson(empty(), "export", null)))).toEqual({ sessions: [] });
  });

  it("gzip the stream, and stop with the caller's error past the size limit", async () => {
    const zipped = await gzipStream(
      payloadJson(parts(), "snapshot", null),
      10 * 1024 * 1024,
      () => new ApiError(413, "x", "x"),
    );
    expect(JSON.parse(gunzipSync(zipped).toString())).toEqual({ sessions, record });
    await expect(
      gzipStream(payloadJson(parts(), "snapshot", null), 512, () => new ApiError(413, "too_big", "too big")),
    ).rejects.toMatchObject({ status: 413, code: "too_big" });
  });
});
