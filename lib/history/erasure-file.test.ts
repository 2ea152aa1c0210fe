// Erased means gone from the file: after the personal-data window's erasure and a checkpoint, a byte search of
// the SQLite database (and its WAL) finds none of the erased values, only what is kept (the pseudonym).
import { createHmac } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/db/open";
import { tempSqlitePath } from "@/lib/db/testing/databases";
import { demoHistory } from "./demo-history";
import { dayOf } from "./rollup";
import { createHistoryStore } from "./store";

const pseudonym = (id: string) => createHmac("sha256", "k").update(id).digest("base64url").slice(0, 22);
const NAME = "Zebediah Quattlebaum-Erasable";

describe("erasure on SQLite", () => {
  it("leaves no erased name in the database file after the erasure and a checkpoint", async () => {
    const path = tempSqlitePath();
    const db = openDatabase({ sqlitePath: path });
    const store = createHistoryStore(db);
    const now = Date.parse("2026-12-01T12:00:00Z");
    // Two months of calls, every sender renamed to one findable name: the older month's are erased below.
    const calls = demoHistory(now, pseudonym, { days: 60, callsPerWorkday: 15 }).map(({ call, facts }) => ({
      call,
      facts: facts.map((fact) => ({
        ...fact,
        values: { ...fact.values, sender_name: NAME, sender_sign_in: "zebediah.erasable@contoso.example" },
      })),
    }));
    await store.addNew("t", calls);
    const q = await db.ready();
    await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(q);
    const count = (bytes: Buffer, text: string) => bytes.toString("latin1").split(text).length - 1;
    const fileBytes = () =>
      Buffer.concat([
        readFileSync(path),
        ...(existsSync(`${path}-wal`) ? [readFileSync(`${path}-wal`)] : []),
      ]);
    expect(count(fileBytes(), NAME)).toBeGreaterThan(100);

    // Everything older than the personal-data window (30 days) loses its personal values.
    const { erased } = await store.retain("t", now, 400, 30);
    expect(erased).toBeGreaterThan(100);
    const kept = await store.facts("t", dayOf(now) - 29, dayOf(now), null, 100_000);
    expect(kept.some((row) => row.sender_name === NAME)).toBe(true);
    await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(q);
    const bytes = fileBytes();
    // What is left is what the last 30 days keep, no more: each kept fact's name once (its row), none erased.
    const keptNames = kept.filter((row) => row.sender_name === NAME).length;
    expect(count(bytes, NAME)).toBe(keptNames);
    expect(count(bytes, "zebediah.erasable@contoso.example")).toBe(keptNames);
    await db.close();
  });
});
