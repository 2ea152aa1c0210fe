// Databases written before lib/db (fixtures/README.md) migrate in place and keep every row.
import { copyFileSync, readFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { gunzipSync } from "node:zlib";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { createFeedStore } from "@/lib/feed/store";
import { createReportStore } from "@/lib/reports/db-store";
import { createSiteStore } from "@/lib/sites/store";
import type { Kysely } from "kysely";
import { openDatabase, type Db } from "./open";
import type { Database } from "./schema";
import { migrations } from "./migrations";
import { tempSqlitePath } from "./testing/databases";

const TENANT = "11111111-2222-4333-8444-555555555555";
const call = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

async function readsEverythingBack(db: Db) {
  const reports = createReportStore(db);
  const kept = await reports.get("report-kept");
  expect(kept?.meta).toEqual({
    id: "report-kept",
    tenantId: TENANT,
    callId: call(1),
    title: "Ada's bad call",
    note: "for the network team",
    redacted: true,
    createdAt: 1_780_000_000_000,
    createdBy: "u1",
    createdByName: "Ada",
    expiresAt: null,
    appVersion: "0.1.0",
    sessionCount: 3,
    // Reports made before 0008 did not keep their call's facts: the list shows them as unknown.
    callStart: null,
    callType: null,
    quality: null,
    poorShare: null,
  });
  expect(JSON.parse(gunzipSync(kept?.payload ?? Buffer.alloc(0)).toString())).toEqual({
    record: { id: call(1) },
    sessions: [{ id: "s1" }],
  });
  expect((await reports.list(TENANT, 1_780_000_000_000)).map((report) => report.id)).toEqual([
    "report-expiring",
    "report-kept",
  ]);
  expect((await reports.get("report-expiring"))?.meta).toMatchObject({
    redacted: false,
    expiresAt: 9_000_000_000_000,
  });
  expect((await reports.usage(TENANT, 0)).count).toBe(2);

  const sites = createSiteStore(db);
  expect(await sites.getSites(TENANT)).toEqual({
    sites: [{ network: "10.1.0.0/16", name: "Oslo HQ" }],
    uploadedAt: 1_780_000_001_000,
    uploadedBy: "Ada",
  });
  expect(await sites.seenSubnets(TENANT, 10)).toEqual([
    { subnet: "10.1.2.0/24", lastSeen: 1_780_000_002_000, lastCallId: call(1) },
    { subnet: "2001:db8:1::/64", lastSeen: 1_780_000_002_000, lastCallId: call(1) },
  ]);

  const feed = createFeedStore(db);
  expect(await feed.queueStats(TENANT)).toEqual({ pending: 1, oldest: 1_780_000_003_000 });
  const [waiting] = await feed.claim(TENANT, "new-worker", 1_790_000_000_000, 5, 60_000);
  expect(waiting).toEqual({
    callId: call(4),
    changeType: "updated",
    source: "backfill",
    firstAt: 1_780_000_003_000,
    seq: 1,
    attempts: 0,
  });
  const [judged] = await feed.page(TENANT, {
    poorOnly: true,
    order: "poor",
    people: ["p2"],
    after: null,
    limit: 5,
  });
  expect(judged).toMatchObject({
    callId: call(3),
    quality: "poor",
    notifiedAt: 1_780_000_000_000,
    judgedAt: 1_780_000_000_005,
  });
  expect(await feed.judgedVersions(TENANT, [call(3)])).toEqual(new Map([[call(3), 2]]));
  expect(await feed.watchList(TENANT)).toEqual([
    { personId: "p1", label: "Priya", addedBy: "Ada", addedAt: 1_780_000_005_000 },
  ]);
  expect(await feed.subscriptions(TENANT)).toEqual([
    {
      id: "sub-1",
      resource: "/communications/callRecords",
      clientState: "secret-1",
      expiresAt: 1_780_100_000_000,
      createdAt: 1_780_000_000_000,
    },
  ]);
  expect(await feed.retired(TENANT, 1_780_000_000_000)).toEqual([
    { id: "sub-0", clientState: "secret-0", until: 1_780_009_000_000 },
  ]);
  expect(await feed.pendingLifecycle(TENANT)).toEqual([
    { id: "ev-1", subscriptionId: "sub-1", event: "missed", receivedAt: 1_780_000_006_000 },
  ]);
  // The lease is still held by the instance that took it (until 1_780_000_060_000).
  expect(await feed.acquire("feed-renewer", "instance-b", 1_780_000_010_000, 60_000)).toBe(false);
  expect(await feed.droppedSince(TENANT, 0)).toBe(1);
  expect(await feed.state(TENANT)).toEqual({
    aliveAt: 1_780_000_008_000,
    backfillFrom: 1_779_000_000_000,
    lastBackfill: null,
    lastError: "Graph said 503",
  });
  expect(await feed.clientState(TENANT, "another")).toBe("tenant-wide-secret");

  // And it still takes new rows, through every migration.
  await feed.enqueue(TENANT, [{ callId: call(9), changeType: "created" }], {
    now: 1_790_000_000_000,
    settleMs: 0,
    rejudgeAfterMs: 0,
    maxQueue: 10,
    source: "notification",
  });
  expect((await feed.queueStats(TENANT)).pending).toBe(2);
  const recorded = await (
    await db.ready()
  )
    .selectFrom("kysely_migration" as never)
    .select("name" as never)
    .execute();
  expect(recorded.map((row) => (row as { name: string }).name)).toEqual(Object.keys(migrations(db.dialect)));
  reports.close();
}

describe("migrations", () => {
  it("run once when several connections open a new SQLite file at the same moment", async () => {
    const path = tempSqlitePath();
    const dbs = [0, 1, 2].map(() => openDatabase({ sqlitePath: path }));
    const [first] = await Promise.all(dbs.map((db) => db.ready()));
    const rows = await (first as Kysely<Database>)
      .selectFrom("kysely_migration" as never)
      .selectAll()
      .execute();
    expect(rows).toHaveLength(Object.keys(migrations("sqlite")).length);
    await Promise.all(dbs.map((db) => db.close()));
  });
});

describe("a database written before lib/db", () => {
  it("migrates in place on SQLite and reads every report, site and feed row back", async () => {
    const path = tempSqlitePath();
    copyFileSync(new URL("fixtures/legacy.db", import.meta.url), path);
    const db = openDatabase({ sqlitePath: path });
    await readsEverythingBack(db);
    await db.close();
    // Opening it again migrates nothing and still reads.
    const again = openDatabase({ sqlitePath: path });
    expect((await createReportStore(again).get("report-kept"))?.meta.title).toBe("Ada's bad call");
    await again.close();
  });

  const url = process.env.TEST_DATABASE_URL;
  it.runIf(Boolean(url) || process.env.CI === "true")(
    "migrates in place on PostgreSQL and reads every report, site and feed row back",
    async () => {
      // A database of its own, loaded from the dump, dropped afterwards.
      const name = `callscope_legacy_${randomBytes(4).toString("hex")}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      const target = new URL(url ?? "");
      target.pathname = `/${name}`;
      try {
        const loader = new pg.Client({ connectionString: target.toString() });
        await loader.connect();
        await loader.query(readFileSync(new URL("fixtures/legacy-postgres.sql", import.meta.url), "utf8"));
        await loader.end();
        const db = openDatabase({ databaseUrl: target.toString() });
        await readsEverythingBack(db);
        await db.close();
      } finally {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      }
    },
  );
});
