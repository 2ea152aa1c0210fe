// kill -9 in the middle of a delivery: each alert is sent exactly once, or left for a person to send again
// (`unsure`: it may have arrived), never sent twice on its own. The worker that dies is a real process.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/db/open";
import { tempSqlitePath } from "@/lib/db/testing/databases";
import { alertStack, testPolicy } from "@/lib/testing/alert-stack";
import { startHttpsReceiver, type HttpsReceiver } from "@/lib/testing/alert-receivers";
import type { Principal } from "@/lib/auth/roles";

const investigator = {
  oid: "a",
  name: "Ada",
  roles: ["CallQuality.Investigator"],
  seesPersonalData: true,
} as Principal;
let receiver: HttpsReceiver;
beforeAll(async () => {
  receiver = await startHttpsReceiver(["receiver.test"]);
});
afterAll(() => receiver.close());

const databases: [string, { sqlitePath?: string; databaseUrl?: string }][] = [
  ["SQLite", { sqlitePath: tempSqlitePath() }],
];
if (process.env.TEST_DATABASE_URL)
  databases.push(["PostgreSQL", { databaseUrl: process.env.TEST_DATABASE_URL }]);

describe.each(databases)("a delivery worker killed mid-send (%s)", (_name, where) => {
  it("leaves the alert it was sending unsure, sends the rest once, and sends again only when asked", async () => {
    receiver.received.length = 0;
    const tenantId = `crash-${randomUUID()}`;
    const db = openDatabase(where);
    const stack = alertStack({
      db,
      tenantId,
      policy: testPolicy(receiver.port, receiver.ca),
      holder: "parent",
    });
    const url = (path: string) => `https://receiver.test:${receiver.port}${path}`;
    const a = await stack.service.createDestination(investigator, {
      name: "A",
      kind: "teams",
      url: url("/a"),
    });
    // Two alerts to one destination: a destination's sends go one at a time, so the second waits behind the
    // first (claimed, not yet sending) when the worker dies.
    for (const n of [1, 2])
      await stack.store.enqueueTest(
        tenantId,
        a.destination.id,
        {
          ruleId: "test",
          ruleName: "Test",
          kind: "test",
          title: `Test ${n}`,
          summary: "A test alert.",
          facts: [],
          link: null,
          at: new Date().toISOString(),
        },
        Date.now(),
      );

    // The receiver holds the first request open; the worker's process is killed while it waits for the answer.
    receiver.replies.push({ status: 202, holdMs: 10_000 });
    const child = spawn(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", resolve("lib/testing/alert-worker-child.ts")],
      {
        env: {
          ...process.env,
          CHILD_TENANT: tenantId,
          CHILD_PORT: String(receiver.port),
          CHILD_CA: receiver.ca,
          ...(where.databaseUrl
            ? { CHILD_DATABASE_URL: where.databaseUrl }
            : { CHILD_SQLITE: where.sqlitePath }),
        },
        stdio: "ignore",
      },
    );
    const exited = new Promise((done) => child.on("exit", done));
    await new Promise<void>((done) => {
      receiver.onRequest = () => {
        child.kill("SIGKILL");
        done();
      };
    });
    receiver.onRequest = null;
    await exited;
    receiver.replies.length = 0;

    // Another instance takes over once the dead one's claim lapses.
    await new Promise((done) => setTimeout(done, 1_700));
    await stack.worker.drain();
    await stack.worker.drain();
    const paths = receiver.received.map((r) => r.path).sort();
    expect(paths).toEqual(["/a", "/a"]);
    const log = await stack.service.deliveries(investigator);
    const statuses = log.map((d) => d.status).sort();
    expect(statuses).toEqual(["sent", "unsure"]);

    // A person decides to send the unsure one again: it goes once more, and only then.
    const unsure = log.find((d) => d.status === "unsure");
    await stack.service.resend(investigator, unsure?.id ?? "");
    await stack.worker.drain();
    expect(receiver.received).toHaveLength(3);
    expect((await stack.service.deliveries(investigator)).every((d) => d.status === "sent")).toBe(true);
    await db.close();
  }, 30_000);
});
