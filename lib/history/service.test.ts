// A person's history survives a restart: without a configured secret the pseudonym key is made once and kept.
import { describe, expect, it } from "vitest";
import { INVESTIGATOR_ROLE, type Principal } from "@/lib/auth/roles";
import { parseServerConfig } from "@/lib/config/schema";
import { openDatabase } from "@/lib/db/open";
import { tempSqlitePath } from "@/lib/db/testing/databases";
import { buildCallRecord } from "../../emulator/data/scenarios";
import { parseCallRecordBody } from "@/lib/callrecords/parse";
import { createHistoryService } from "./service";
import { createHistoryStore } from "./store";

const config = parseServerConfig({
  AZURE_TENANT_ID: "5f1c6a0e-3b8d-4c2a-9e71-0c7d2f4b8a10",
  AZURE_CLIENT_ID: "0b7c1f2e-3d4a-4b5c-8d6e-7f8091a2b3c4",
  AZURE_CLIENT_SECRET: "secret-value",
}).history;
const investigator: Principal = {
  kind: "user",
  oid: "o",
  name: "Ada",
  username: null,
  tenantId: "t",
  roles: [INVESTIGATOR_ROLE],
  seesPersonalData: true,
};

describe("history service", () => {
  it("finds a person's calls after a restart, with no secret configured", async () => {
    const path = tempSqlitePath();
    const parsed = parseCallRecordBody(
      buildCallRecord({
        id: "2f4c9a51-7c1e-4b7a-9d1e-3a1c5b7e9f01",
        scenario: "poor-wifi",
        seed: "s",
        end: Date.now() - 3_600_000,
        tenantId: "t",
      }),
    );
    const person = parsed.sessions[0]?.caller?.identity?.id ?? "";
    expect(person).not.toBe("");
    const first = openDatabase({ sqlitePath: path });
    await createHistoryService({ store: createHistoryStore(first), tenantId: "t", config }).record(
      parsed.call,
      parsed.sessions,
      "notification",
    );
    await first.close();
    // A new process: a new service over the same file.
    const second = openDatabase({ sqlitePath: path });
    const page = JSON.parse(
      await createHistoryService({ store: createHistoryStore(second), tenantId: "t", config }).person(
        investigator,
        person,
        new URLSearchParams(),
      ),
    ) as { callCount: number };
    expect(page.callCount).toBe(1);
    await second.close();
  });

  it("keeps a viewed call only once reads are quiet, and a judged one at once", async () => {
    const db = openDatabase({ sqlitePath: tempSqlitePath() });
    let quiet = () => {};
    let asked = 0;
    const history = createHistoryService({
      store: createHistoryStore(db),
      tenantId: "t",
      config,
      beforeViewedWrite: () => {
        asked += 1;
        return new Promise<void>((resolve) => (quiet = resolve));
      },
    });
    const call = (id: string) =>
      parseCallRecordBody(
        buildCallRecord({ id, scenario: "poor-wifi", seed: "s", end: Date.now() - 3_600_000, tenantId: "t" }),
      );
    const viewed = call("2f4c9a51-7c1e-4b7a-9d1e-3a1c5b7e9f02");
    const judged = call("2f4c9a51-7c1e-4b7a-9d1e-3a1c5b7e9f03");
    const calls = async () =>
      (await (await db.ready()).selectFrom("history_calls").select("call_id").execute()).map(
        (row) => row.call_id,
      );
    const keeping = history.record(viewed.call, viewed.sessions, "viewed");
    await history.record(judged.call, judged.sessions, "notification");
    expect(asked).toBe(1);
    expect(await calls()).toEqual([judged.call.id]);
    quiet();
    await keeping;
    expect((await calls()).sort()).toEqual([viewed.call.id, judged.call.id].sort());
    await db.close();
  });

  it.each(["2026-02-30", "2026-04-31", "2026-13-01", "2026-00-10", "2026-2-3", "yesterday"])(
    "refuses %s as a date with a 400 naming the parameter",
    async (from) => {
      const db = openDatabase({ sqlitePath: tempSqlitePath() });
      const history = createHistoryService({ store: createHistoryStore(db), tenantId: "t", config });
      await expect(history.overview(investigator, new URLSearchParams({ from }))).rejects.toMatchObject({
        status: 400,
        message: "from must be a date like 2026-11-30 (YYYY-MM-DD).",
      });
      await db.close();
    },
  );

  it("reads a real date, 29 February of a leap year included", async () => {
    const db = openDatabase({ sqlitePath: tempSqlitePath() });
    const history = createHistoryService({
      store: createHistoryStore(db),
      tenantId: "t",
      config,
      now: () => Date.parse("2028-03-15T12:00:00Z"),
    });
    const overview = JSON.parse(
      await history.overview(investigator, new URLSearchParams({ from: "2028-02-29", to: "2028-03-01" })),
    ) as { from: string; to: string };
    expect([overview.from, overview.to]).toEqual(["2028-02-29", "2028-03-01"]);
    await db.close();
  });
});
