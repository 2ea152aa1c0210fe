// Derived writes commit without an fsync on SQLite; everything else keeps full durability.
import { sql, type Kysely } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "./open";
import type { Database } from "./schema";
import { tempSqlitePath } from "./testing/databases";

const level = async (q: Kysely<Database>) =>
  Number(Object.values((await sql<Record<string, number>>`PRAGMA synchronous`.execute(q)).rows[0] ?? {})[0]);
const FULL = 2;
const NORMAL = 1;

describe("derived writes on SQLite", () => {
  const db = openDatabase({ sqlitePath: tempSqlitePath() });
  afterAll(() => db.close());

  it("relax durability for their own statements only, even when they fail, and never for a write waiting beside them", async () => {
    const q = await db.ready();
    expect(await level(q)).toBe(FULL);
    let during = 0;
    let beside = 0;
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let started = () => {};
    const holding = new Promise<void>((resolve) => (started = resolve));
    const derived = db.derived(async (connection) => {
      during = await level(connection);
      started();
      await held;
      return connection
        .insertInto("seen_subnets")
        .values({ tenant_id: "t", subnet: "10.0.0.0", last_seen: 1, last_call_id: "c" })
        .execute();
    });
    await holding;
    // Another request's statement queued while the derived write holds the connection: it runs after it,
    // under full durability.
    const other = level(q).then((value) => (beside = value));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(beside).toBe(0);
    release();
    await Promise.all([derived, other]);
    expect(during).toBe(NORMAL);
    expect(beside).toBe(FULL);
    await expect(
      db.derived(async (connection) => {
        expect(await level(connection)).toBe(NORMAL);
        throw new Error("broken write");
      }),
    ).rejects.toThrow("broken write");
    expect(await level(q)).toBe(FULL);
  });

  it("can hold a transaction, which rolls back whole when it fails", async () => {
    await expect(
      db.derived((q) =>
        q.transaction().execute(async (tx) => {
          await tx
            .insertInto("seen_subnets")
            .values({ tenant_id: "t2", subnet: "10.9.0.0", last_seen: 1, last_call_id: "c" })
            .execute();
          throw new Error("after the insert");
        }),
      ),
    ).rejects.toThrow("after the insert");
    const q = await db.ready();
    expect(await q.selectFrom("seen_subnets").selectAll().where("tenant_id", "=", "t2").execute()).toEqual(
      [],
    );
    expect(await level(q)).toBe(FULL);
  });
});
