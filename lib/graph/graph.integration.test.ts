import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseJsonBytes } from "@/lib/api/json-parts";
import { sizedCallId } from "../../emulator/data/store";
import { newTrace } from "@/lib/api/trace";
import { FULL_VIEW, type View } from "@/lib/callrecords/view";
import { MASKED_VIEW } from "@/lib/testing/masked-view";
import type { Session } from "@/lib/callrecords/model";
import { dedupeSessions } from "@/lib/callrecords/dedupe";
import { parseSessionsPageBody } from "@/lib/callrecords/parse";
import { startEmulator, type RunningEmulator } from "@/lib/testing/emulator";
import { graphStack } from "@/lib/testing/graph-stack";
import { GraphFailure } from "./errors";

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ throttle: false });
});
afterAll(async () => emulator.close());
beforeEach(() => {
  emulator.faults.set({});
  emulator.stats.clear();
  emulator.throttle.enabled = false;
  emulator.throttle.reset();
});

async function loadSessions(
  stack: ReturnType<typeof graphStack>,
  callId: string,
  view: View = FULL_VIEW,
): Promise<Session[]> {
  const first = parseJsonBytes((await stack.service.openCall(callId, view, newTrace())).json) as {
    sessions: Session[];
    nextCursor: string | null;
  };
  const sessions = [...first.sessions];
  let cursor = first.nextCursor;
  while (cursor) {
    const page = parseJsonBytes(
      (await stack.service.sessionsPage(callId, cursor, view, newTrace())).json,
    ) as {
      sessions: Session[];
      nextCursor: string | null;
    };
    sessions.push(...page.sessions);
    cursor = page.nextCursor;
  }
  return sessions;
}

/** Every session of a call as Graph sent them, through the service's whole-record read (snapshots, exports). */
async function readWhole(
  stack: ReturnType<typeof graphStack>,
  callId: string,
  trace = newTrace(),
): Promise<unknown[]> {
  const sessions: unknown[] = [];
  for await (const part of stack.service.rawCall(callId, trace))
    if ("rawSessions" in part) sessions.push(...part.rawSessions.map((text) => JSON.parse(text) as unknown));
  return sessions;
}

const loadAll = async (stack: ReturnType<typeof graphStack>, callId: string, view: View = FULL_VIEW) =>
  (await loadSessions(stack, callId, view)).map((s) => s.id);

const MASKED = MASKED_VIEW;

describe("paging through the API service against the emulator over HTTPS", () => {
  it.each([1, 60, 61, 3000])("delivers all %d sessions, complete and in order", async (count) => {
    const stack = graphStack(emulator);
    const id = sizedCallId(count);
    const ids = await loadAll(stack, id);
    expect(ids).toHaveLength(count);
    expect(ids).toEqual(emulator.store.get(id, stack.config.tenantId)?.sessions.map((s) => s.id));
    expect(emulator.stats.get(id)).toEqual({ firstPage: 1, laterPage: Math.ceil(count / 60) - 1 });
  });

  it("reads every page for snapshots as Graph sent them; parsing drops the sessions Graph repeats", async () => {
    const stack = graphStack(emulator);
    const townHall = "c3e5a7b9-1d2f-4e6a-8b0c-9d1e3f5a7b03";
    const raw = await readWhole(stack, townHall);
    expect(raw.length).toBeGreaterThanOrEqual(3000);
    expect(dedupeSessions(parseSessionsPageBody({ value: raw }).sessions)).toHaveLength(3000);
  });

  it("refuses a cursor that was tampered with, or made for another call", async () => {
    const stack = graphStack(emulator);
    const id = sizedCallId(61);
    const first = parseJsonBytes((await stack.service.openCall(id, FULL_VIEW, newTrace())).json) as {
      nextCursor: string;
    };
    const tampered =
      first.nextCursor.slice(0, -6) + (first.nextCursor.endsWith("AAAAAA") ? "BBBBBB" : "AAAAAA");
    await expect(stack.service.sessionsPage(id, tampered, FULL_VIEW, newTrace())).rejects.toMatchObject({
      status: 400,
      code: "invalid_cursor",
    });
    await expect(
      stack.service.sessionsPage(sizedCallId(62), first.nextCursor, FULL_VIEW, newTrace()),
    ).rejects.toMatchObject({ code: "invalid_cursor" });
    await expect(stack.service.sessionsPage(id, "not-a-cursor", FULL_VIEW, newTrace())).rejects.toMatchObject(
      { code: "invalid_cursor" },
    );
    const otherServer = graphStack(emulator);
    const foreign = await import("@/lib/api/cursor").then((m) =>
      m.createCursorCodec("y".repeat(32)).seal({
        tenantId: stack.config.tenantId,
        callId: id,
        version: 1,
        link: "https://evil.example/steal",
        page: 1,
        loaded: 60,
        history: [],
      }),
    );
    await expect(otherServer.service.sessionsPage(id, foreign, FULL_VIEW, newTrace())).rejects.toMatchObject({
      code: "invalid_cursor",
    });
  });

  it("never follows a link to another host, even inside a valid cursor", async () => {
    const stack = graphStack(emulator);
    const id = sizedCallId(61);
    const forged = await stack.cursors.seal({
      tenantId: stack.config.tenantId,
      callId: id,
      version: 1,
      link: `https://127.0.0.1:1/v1.0/communications/callRecords/${id}/sessions?$skiptoken=x`,
      page: 1,
      loaded: 60,
      history: [],
    });
    await expect(stack.service.sessionsPage(id, forged, FULL_VIEW, newTrace())).rejects.toMatchObject({
      kind: "refused-link",
    });
  });

  it("refuses a nextLink chain that loops back to a page it already followed", async () => {
    emulator.faults.set({ nextLink: "loop" });
    const stack = graphStack(emulator);
    const id = sizedCallId(300);
    await expect(loadAll(stack, id)).rejects.toMatchObject({ kind: "refused-link" });
    await expect(readWhole(stack, sizedCallId(301))).rejects.toMatchObject({ kind: "refused-link" });
  });

  it("refuses a nextLink that Graph points at another host", async () => {
    emulator.faults.set({ nextLink: "foreign" });
    const stack = graphStack(emulator);
    const failure = (await stack.service
      .openCall(sizedCallId(302), FULL_VIEW, newTrace())
      .catch((e: unknown) => e)) as GraphFailure;
    expect(failure.kind).toBe("refused-link");
    expect(failure.message).toContain("graph.evil.example");
  });

  it("stops a runaway record at the configured cap", async () => {
    const stack = graphStack(emulator, { maxSessions: 100 });
    await expect(readWhole(stack, sizedCallId(300))).rejects.toMatchObject({ kind: "too-many-sessions" });
    await expect(loadAll(stack, sizedCallId(299))).rejects.toMatchObject({ kind: "too-many-sessions" });
  });
});

describe("resilience", () => {
  it("survives a storm of 429s and 503s with the answer complete", async () => {
    emulator.faults.set({ rate429: 0.3, rate503: 0.2, retryAfterSeconds: 0, seed: 7 });
    const stack = graphStack(emulator, { maxRetries: 8 });
    const id = sizedCallId(600);
    const trace = newTrace();
    expect(await readWhole(stack, id, trace)).toHaveLength(600);
    expect(trace.retries).toBeGreaterThan(0);
  });

  it("gives up after the retry budget with a clear unavailable error", async () => {
    emulator.faults.set({ rate503: 1 });
    const stack = graphStack(emulator, { maxRetries: 2 });
    const failure = await stack.reader.record(sizedCallId(5)).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(GraphFailure);
    expect((failure as GraphFailure).kind).toBe("unavailable");
    expect((failure as GraphFailure).message).toContain("after 2 retries");
    expect(emulator.stats.get(sizedCallId(5))?.firstPage).toBe(3);
  });

  it("does not wait out a Retry-After longer than its budget: it reports when to retry", async () => {
    emulator.faults.set({ rate429: 1, retryAfterSeconds: 120 });
    const stack = graphStack(emulator, { maxWaitMs: 2000 });
    const started = Date.now();
    const failure = (await stack.reader.record(sizedCallId(6)).catch((e: unknown) => e)) as GraphFailure;
    expect(Date.now() - started).toBeLessThan(1500);
    expect(failure.kind).toBe("throttled");
    expect(failure.details.retryAfterSeconds).toBe(120);
  });

  it("times out a slow Graph", async () => {
    emulator.faults.set({ latencyMs: 800 });
    const stack = graphStack(emulator, { timeoutMs: 200, maxRetries: 1, maxWaitMs: 500 });
    const failure = (await stack.reader.record(sizedCallId(7)).catch((e: unknown) => e)) as GraphFailure;
    expect(failure.kind).toBe("timeout");
  });

  it("reports truncated JSON as malformed, not as a crash", async () => {
    emulator.faults.set({ rateTruncated: 1 });
    const stack = graphStack(emulator);
    const failure = (await stack.reader.record(sizedCallId(8)).catch((e: unknown) => e)) as GraphFailure;
    expect(failure.kind).toBe("malformed");
    expect(failure.message).toMatch(/not valid JSON/);
  });

  it("passes unknown enum values through (it asks for them) and keeps nulls", async () => {
    const stack = graphStack(emulator);
    const text = JSON.stringify(await loadSessions(stack, "c3e5a7b9-1d2f-4e6a-8b0c-9d1e3f5a7b03"));
    expect(text).toContain('"productFamily":"azureCommunicationServices"');
    expect(text).toContain('"averageJitterMs":null');
  });

  it("maps 403 and 404 to their kinds with Graph's request ID", async () => {
    const stack = graphStack(emulator);
    const missing = (await stack.reader
      .record("00000000-0000-4000-8000-000000000000")
      .catch((e: unknown) => e)) as GraphFailure;
    expect(missing.kind).toBe("not-found");
    expect(missing.details.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("doing less work under load", () => {
  it("serves 50 concurrent viewers of one uncached call with exactly one upstream sequence", async () => {
    const stack = graphStack(emulator, { readAhead: true });
    const id = sizedCallId(240);
    const viewers = await Promise.all(Array.from({ length: 50 }, () => loadAll(stack, id)));
    for (const ids of viewers) expect(ids).toHaveLength(240);
    expect(emulator.stats.get(id)).toEqual({ firstPage: 1, laterPage: 3 });
  });

  it("serves 200 Investigators and 200 Readers of one uncached call with one upstream sequence, masked for the Readers", async () => {
    const stack = graphStack(emulator, { readAhead: true });
    const id = sizedCallId(240);
    const crowd = await Promise.all(
      Array.from({ length: 400 }, (_, i) => loadSessions(stack, id, i % 2 ? MASKED : FULL_VIEW)),
    );
    expect(emulator.stats.get(id)).toEqual({ firstPage: 1, laterPage: 3 });
    const [investigator, reader] = crowd;
    const name = investigator?.[0]?.caller?.identity?.displayName;
    expect(name).toBeTruthy();
    expect(reader).toHaveLength(240);
    expect(JSON.stringify(reader)).not.toContain(name);
    expect(reader?.[0]?.caller?.identity?.displayName).toBe("Participant X");
    // Participants too: one read of participants_v2, derived for the Readers.
    const people = await Promise.all(
      [FULL_VIEW, MASKED].map((view) => stack.service.participants(id, view, newTrace())),
    );
    expect(people[1]?.json).not.toContain(name);
    expect(emulator.stats.get(`${id}/participants_v2`)?.firstPage).toBe(1);
  });

  it("tells who asks which subnets each page read from Graph carried", async () => {
    const seen = new Map<string, Set<string>>();
    const stack = graphStack(emulator, {
      onSubnets: (callId, subnets) =>
        subnets.forEach((subnet) => seen.set(callId, (seen.get(callId) ?? new Set()).add(subnet))),
    });
    const id = sizedCallId(130);
    const sessions = await loadSessions(stack, id);
    const expected = new Set(
      sessions
        .flatMap((s) =>
          s.segments.flatMap((g) =>
            g.media.flatMap((m) => [m.callerNetwork?.subnet, m.calleeNetwork?.subnet]),
          ),
        )
        .filter((x): x is string => Boolean(x)),
    );
    expect(expected.size).toBeGreaterThan(10);
    expect(seen.get(id)).toEqual(expected);
  });

  it("re-opens from the cache without asking Graph again", async () => {
    const stack = graphStack(emulator);
    const id = sizedCallId(121);
    await loadAll(stack, id);
    const trace = newTrace();
    await stack.service.openCall(id, FULL_VIEW, trace);
    expect(trace).toMatchObject({ upstreamPages: 0, cacheHits: 1 });
    expect(emulator.stats.get(id)).toEqual({ firstPage: 1, laterPage: 2 });
  });

  it("authenticates with a certificate instead of a secret", async () => {
    const { generate } = await import("selfsigned");
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const pems = await generate([{ name: "commonName", value: "callscope test" }], {
      keySize: 2048,
      algorithm: "sha256",
    });
    const path = join(mkdtempSync(join(tmpdir(), "callscope-cert-")), "app.pem");
    writeFileSync(path, `${pems.cert}\n${pems.private}`);
    const unregistered = graphStack(emulator, { certificatePath: path });
    const refused = (await unregistered.reader
      .record(sizedCallId(12))
      .catch((e: unknown) => e)) as GraphFailure;
    expect(refused.kind).toBe("credentials");
    expect(refused.message).toContain("AADSTS700027");
    const upload = await emulator.app.request(
      `${emulator.url}/_emulator/apps/${unregistered.config.clientId}/certificates`,
      { method: "PUT", body: pems.cert },
    );
    expect(upload.status).toBe(200);
    const stack = graphStack(emulator, { certificatePath: path });
    expect((await stack.reader.record(sizedCallId(12))).raw.sessions).toHaveLength(12);
  });

  it("gets the app token once and reuses it from MSAL's cache", async () => {
    const stack = graphStack(emulator);
    const before = emulator.counters.tokens;
    await stack.reader.record(sizedCallId(9));
    await stack.reader.record(sizedCallId(10));
    await stack.reader.record(sizedCallId(11));
    expect(emulator.counters.tokens - before).toBe(1);
  });
});

describe("participants through the API service", () => {
  const realTenant = "7a1c0e52-5f1d-4c3e-9b7a-2d4e6f8a0b1c";
  const legacy = "3c9e1a7b-2d4f-4e6a-8b0c-1d2e3f4a5b6c";
  type People = {
    v2: { identity: { displayName: string } | null }[] | null;
    legacy: { identity: { displayName: string | null; kind: string } }[];
    unavailable: string | null;
  };

  it("reads every page of participants_v2 once, then from the cache", async () => {
    const stack = graphStack(emulator);
    const id = sizedCallId(300);
    const people = JSON.parse((await stack.service.participants(id, FULL_VIEW, newTrace())).json) as People;
    expect(people.v2).toHaveLength(300);
    expect(people.unavailable).toBeNull();
    await stack.service.participants(id, FULL_VIEW, newTrace());
    // The record once, then ⌈300/130⌉ = 3 participant pages, and nothing more the second time.
    expect(emulator.stats.get(id)).toEqual({ firstPage: 1, laterPage: 0 });
    expect(emulator.stats.get(`${id}/participants_v2`)).toEqual({ firstPage: 1, laterPage: 2 });
  });

  it("falls back to the legacy list a record carries, and says why participants_v2 is missing", async () => {
    const stack = graphStack(emulator);
    const people = JSON.parse(
      (await stack.service.participants(legacy, FULL_VIEW, newTrace())).json,
    ) as People;
    expect(people.v2).toEqual([]);
    expect(people.legacy.map((p) => [p.identity.kind, p.identity.displayName])).toEqual([
      ["user", "Rui Alves"],
      ["phone", null],
    ]);
  });

  it("does not ask for participants_v2 in national clouds, where Graph does not serve it", async () => {
    const stack = graphStack(emulator, { participantsV2: false });
    const people = JSON.parse(
      (await stack.service.participants(realTenant, FULL_VIEW, newTrace())).json,
    ) as People;
    expect(people.v2).toBeNull();
    expect(people.unavailable).toMatch(/global cloud/);
    expect(emulator.stats.get(realTenant)).toEqual({ firstPage: 1, laterPage: 0 });
    expect(emulator.stats.get(`${realTenant}/participants_v2`)).toBeUndefined();
  });

  it("keeps what arrived when Graph's participant pages loop", async () => {
    emulator.faults.set({ nextLink: "loop" });
    const stack = graphStack(emulator);
    const people = JSON.parse(
      (await stack.service.participants(sizedCallId(400), FULL_VIEW, newTrace())).json,
    ) as People;
    expect(people.v2?.length).toBeGreaterThanOrEqual(260);
    expect(people.unavailable).toMatch(/looped/);
  });

  it("stores participants_v2 with a snapshot, as $expand would send them", async () => {
    const stack = graphStack(emulator);
    let people: string[] | null = null;
    for await (const part of stack.service.rawCall(realTenant, newTrace()))
      if ("record" in part) people = part.rawParticipants;
    expect(people?.map((person) => JSON.parse(person) as unknown)).toHaveLength(4);
  });
});
