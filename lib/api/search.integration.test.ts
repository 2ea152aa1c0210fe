// Finding calls through the server's own stack (token, client, reader, services) against the emulator over HTTPS.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CALL_RECORDS_ONLY_APP } from "../../emulator/entra/registry";
import { demoCalls } from "@/lib/demo/calls";
import { demoPeople } from "@/lib/demo/people";
import type { CallSummary } from "@/lib/callrecords/model";
import { MASKED_VIEW } from "@/lib/testing/masked-view";
import type { PhoneLogRow } from "@/lib/callrecords/phone-log";
import { FULL_VIEW, type View } from "@/lib/callrecords/view";
import { startEmulator, type RunningEmulator } from "@/lib/testing/emulator";
import { graphStack } from "@/lib/testing/graph-stack";
import { newTrace } from "./trace";
import { ApiError } from "./errors";

const MASKED = MASKED_VIEW;
const [priya, owen] = demoPeople;
// The emulator's "now" is 2026-11-20T12:00Z: its week runs from the 13th.
const WEEK = { from: "2026-11-13T00:00:00Z", to: "2026-11-20T12:00:00Z" };

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ throttle: false, pageSizes: { list: 5, phoneLog: 6 } });
});
afterAll(async () => emulator.close());
beforeEach(() => {
  emulator.faults.set({});
  emulator.throttle.enabled = false;
});

interface CallsPage {
  calls: CallSummary[];
  nextCursor: string | null;
  person: { displayName: string | null; id: string | null } | null;
  window: { from: string; to: string; gone: unknown };
}

async function allCalls(stack: ReturnType<typeof graphStack>, participant: string, view: View = FULL_VIEW) {
  const pages: CallsPage[] = [];
  let cursor: string | null = null;
  do {
    const page = JSON.parse(
      await stack.search.calls({ participant, ...WEEK, cursor }, view, newTrace()),
    ) as CallsPage;
    pages.push(page);
    cursor = page.nextCursor;
  } while (cursor);
  return pages;
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(error)}`);
  return error;
}

describe("searching calls by person and time", () => {
  it("resolves a sign-in name and follows every page through sealed cursors", async () => {
    const stack = graphStack(emulator);
    const pages = await allCalls(stack, priya?.userPrincipalName ?? "");
    const calls = pages.flatMap((p) => p.calls);
    const expected = emulator.store
      .list(stack.config.tenantId)
      .filter((r) => emulator.store.participantIds(r).has(priya?.id ?? ""))
      .filter((r) => Date.parse(r.startDateTime ?? "") >= Date.parse(WEEK.from));
    expect(calls.map((c) => c.id).sort()).toEqual(expected.map((r) => r.id).sort());
    expect(pages.length).toBe(Math.ceil(expected.length / 5));
    expect(pages[0]?.person?.displayName).toBe("Priya Raman");
    // The object ID finds the same calls, with no directory read.
    const byId = (await allCalls(stack, priya?.id ?? "")).flatMap((p) => p.calls);
    expect(byId.length).toBe(calls.length);
  });

  it("masks organizers and the person for a Reader", async () => {
    const pages = await allCalls(graphStack(emulator), priya?.id ?? "", MASKED);
    const json = JSON.stringify(pages);
    for (const person of demoPeople) {
      expect(json).not.toContain(person.displayName);
      expect(json).not.toContain(person.userPrincipalName);
    }
  });

  it("says who cannot be found, and what to do without the directory permission", async () => {
    const unknown = await failure(
      graphStack(emulator).search.calls(
        { participant: "nobody@contoso.example", ...WEEK },
        FULL_VIEW,
        newTrace(),
      ),
    );
    expect([unknown.status, unknown.code]).toEqual([404, "participant_not_found"]);
    const limited = await failure(
      graphStack(emulator, { app: CALL_RECORDS_ONLY_APP }).search.calls(
        { participant: priya?.userPrincipalName, ...WEEK },
        FULL_VIEW,
        newTrace(),
      ),
    );
    expect([limited.status, limited.code]).toEqual([403, "directory_forbidden"]);
    expect(limited.message).toMatch(/User\.ReadBasic\.All.*object ID/s);
    const typo = await failure(
      graphStack(emulator).search.calls({ participant: "priya", ...WEEK }, FULL_VIEW, newTrace()),
    );
    expect(typo.code).toBe("invalid_participant");
    // Nothing typed reaches Graph's filter or path unless it is an ID, a number or a plain sign-in name.
    const before = JSON.stringify([...emulator.searchStats]);
    for (const hostile of [
      "x') or (true",
      "a@b.example/../../users",
      "a@b.example?$select=*",
      "' or 1 eq 1",
    ]) {
      const refused = await failure(
        graphStack(emulator).search.calls({ participant: hostile, ...WEEK }, FULL_VIEW, newTrace()),
      );
      expect(refused.code).toBe("invalid_participant");
    }
    expect(JSON.stringify([...emulator.searchStats])).toBe(before);
  });

  it("refuses a forged cursor, or one from another search", async () => {
    const stack = graphStack(emulator);
    expect((await failure(stack.search.calls({ cursor: "forged" }, FULL_VIEW, newTrace()))).code).toBe(
      "invalid_cursor",
    );
    const log = JSON.parse(
      await stack.search.phoneLog("directRouting", { from: WEEK.from, to: WEEK.to }, FULL_VIEW, newTrace()),
    ) as { nextCursor: string };
    expect(log.nextCursor).toBeTruthy();
    expect((await failure(stack.search.calls({ cursor: log.nextCursor }, FULL_VIEW, newTrace()))).code).toBe(
      "invalid_cursor",
    );
  });

  it("keeps what arrived when Graph throttles a later page, and resumes from the same cursor", async () => {
    const stack = graphStack(emulator, { maxRetries: 0 });
    const first = JSON.parse(
      await stack.search.calls({ participant: priya?.id, ...WEEK }, FULL_VIEW, newTrace()),
    ) as CallsPage;
    emulator.faults.set({ rate429: 1, pages: "later", retryAfterSeconds: 7 });
    const throttled = await failure(stack.search.calls({ cursor: first.nextCursor }, FULL_VIEW, newTrace()));
    expect([throttled.status, throttled.extra.retryAfterSeconds]).toEqual([429, 7]);
    expect(throttled.message).toMatch(/carries on by itself/);
    emulator.faults.set({});
    const resumed = JSON.parse(
      await stack.search.calls({ cursor: first.nextCursor }, FULL_VIEW, newTrace()),
    ) as CallsPage;
    expect(resumed.calls.length).toBeGreaterThan(0);
  });
});

describe("phone logs and phone legs", () => {
  it("finds a person's failed Direct Routing calls, which have no call record", async () => {
    const stack = graphStack(emulator);
    const rows: PhoneLogRow[] = [];
    let cursor: string | null = null;
    do {
      const page = JSON.parse(
        await stack.search.phoneLog(
          "directRouting",
          { participant: owen?.userPrincipalName, ...WEEK, failedOnly: true, cursor },
          FULL_VIEW,
          newTrace(),
        ),
      ) as { records: PhoneLogRow[]; nextCursor: string | null };
      rows.push(...page.records);
      cursor = page.nextCursor;
    } while (cursor);
    expect(rows.length).toBeGreaterThan(3);
    for (const row of rows) {
      expect(row.successful).toBe(false);
      expect(row.userId).toBe(owen?.id);
      expect(row.finalSipCode).toBeGreaterThanOrEqual(400);
      expect(emulator.store.get(row.id, stack.config.tenantId)).toBeUndefined();
    }
  });

  it("ties a week's phone call to its log row by user and number, and masks the numbers for a Reader", async () => {
    const stack = graphStack(emulator);
    const phoneCall = emulator.store
      .list(stack.config.tenantId)
      .find(
        (r) =>
          r.sessions.some((s) => JSON.stringify(s.callee ?? s.caller).includes('"phone"')) &&
          r.id !== demoCalls[3]?.id,
      );
    expect(phoneCall).toBeTruthy();
    const legs = JSON.parse(await stack.insights.phoneLegs(phoneCall?.id ?? "", FULL_VIEW, newTrace())) as {
      applicable: boolean;
      matches: { row: PhoneLogRow; matchedBy: string[]; explanation: string }[];
      logs: { status: string }[];
    };
    expect(legs.applicable).toBe(true);
    expect(legs.logs.map((l) => l.status)).toEqual(["read", "read"]);
    expect(legs.matches).toHaveLength(1);
    expect(legs.matches[0]?.matchedBy).toContain("user");
    // Someone else's call in the same minute is in the log, and not matched.
    const masked = JSON.parse(
      await stack.insights.phoneLegs(phoneCall?.id ?? "", MASKED, newTrace()),
    ) as typeof legs;
    expect(masked.matches[0]?.row.callerNumber).toBe("••••");
    expect(masked.matches[0]?.row.userPrincipalName).toBeNull();
  });

  it("shows the failed attempt and the retry of the demo's failed PSTN call", async () => {
    const failed = demoCalls.find((c) => c.scenario === "failed-pstn")?.id ?? "";
    const legs = JSON.parse(await graphStack(emulator).insights.phoneLegs(failed, FULL_VIEW, newTrace())) as {
      matches: { row: PhoneLogRow }[];
    };
    expect(legs.matches.map((m) => [m.row.successful, m.row.finalSipCode])).toEqual(
      expect.arrayContaining([
        [false, 503],
        [true, 0],
      ]),
    );
  });

  it("judges a call for a list row from its media, with each person's part, masked for Readers", async () => {
    const stack = graphStack(emulator);
    const poorWifi = demoCalls.find((c) => c.scenario === "poor-wifi")?.id ?? "";
    type Summary = {
      quality: string;
      worst: { text: string } | null;
      complete: boolean;
      roles: {
        pair: boolean;
        people: {
          identity: { displayName: string | null; id: string | null };
          part: string;
          networkKind: string | null;
        }[];
      };
    };
    const summary = JSON.parse(await stack.insights.summary(poorWifi, FULL_VIEW, newTrace())) as Summary;
    expect(summary.quality).toBe("poor");
    expect(summary.worst?.text).toMatch(/jitter|loss|round trip/i);
    expect(summary.complete).toBe(true);
    // The poor Wi-Fi is the callee's: the same side the call's page names.
    expect(summary.roles.pair).toBe(true);
    const byPart = Object.fromEntries(summary.roles.people.map((p) => [p.part, p]));
    expect(Object.keys(byPart).sort()).toEqual(["impacted", "impacting"]);
    expect(byPart.impacting?.networkKind).toBe("Wi-Fi 2.4 GHz");
    const masked = await stack.insights.summary(poorWifi, MASKED_VIEW, newTrace());
    const shown = JSON.parse(masked) as Summary;
    for (const person of summary.roles.people)
      expect(masked).not.toContain(person.identity.displayName ?? "-");
    expect(shown.roles.people.map((p) => [p.identity.id, p.part])).toEqual(
      summary.roles.people.map((p) => [null, p.part]),
    );
    expect(shown.roles.people[0]?.identity.displayName).toMatch(/^Participant /);
    const townHall = demoCalls.find((c) => c.scenario === "town-hall")?.id ?? "";
    const big = JSON.parse(await stack.insights.summary(townHall, FULL_VIEW, newTrace())) as {
      complete: boolean;
      sessionsRead: number;
    };
    expect(big).toMatchObject({ complete: false, sessionsRead: 600 });
  });
});
