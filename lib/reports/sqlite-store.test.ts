import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import type { ReportMeta } from "./model";
import { SQLITE_MIGRATIONS, openSqliteStore } from "./sqlite-store";

const dbPath = () => join(mkdtempSync(join(tmpdir(), "callscope-reports-")), "reports.db");
const meta = (overrides: Partial<ReportMeta> = {}): ReportMeta => ({
  id: "r1", tenantId: "t1", callId: "c1", title: "Bad call", note: "for the network team", redacted: false, createdAt: 1000,
  createdBy: "u1", createdByName: "Ada", expiresAt: null, appVersion: "0.1.0", sessionCount: 2, ...overrides,
});

describe("SQLite report store", () => {
  it("stores, lists per tenant and creator, and deletes", async () => {
    const store = openSqliteStore(dbPath());
    const payload = gzipSync(JSON.stringify({ record: { id: "c1" }, sessions: [] }));
    await store.create(meta(), payload);
    await store.create(meta({ id: "r2", createdBy: "u2", createdAt: 2000 }), payload);
    await store.create(meta({ id: "r3", tenantId: "t2" }), payload);
    const got = await store.get("r1");
    expect(got?.meta).toEqual(meta());
    expect(JSON.parse(gunzipSync(got?.payload ?? Buffer.alloc(0)).toString())).toEqual({ record: { id: "c1" }, sessions: [] });
    expect((await store.list("t1")).map((r) => r.id)).toEqual(["r2", "r1"]);
    expect((await store.list("t1", "u1")).map((r) => r.id)).toEqual(["r1"]);
    expect(await store.delete("r1")).toBe(true);
    expect(await store.get("r1")).toBeUndefined();
    expect(await store.delete("r1")).toBe(false);
    store.close();
  });

  it("purges the payload of expired reports but keeps them to answer 'gone'", async () => {
    const store = openSqliteStore(dbPath());
    await store.create(meta({ id: "old", expiresAt: 5000 }), gzipSync("{}"));
    await store.create(meta({ id: "keep", expiresAt: null }), gzipSync("{}"));
    expect(await store.purgeExpired(6000)).toBe(1);
    expect((await store.get("old"))?.payload).toBeNull();
    expect((await store.get("keep"))?.payload).not.toBeNull();
    store.close();
  });

  it("migrates a database once and records the schema version", () => {
    const path = dbPath();
    openSqliteStore(path).close();
    openSqliteStore(path).close();
    const db = new Database(path);
    expect(db.pragma("user_version", { simple: true })).toBe(SQLITE_MIGRATIONS.length);
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    db.close();
  });

  it("keeps every acknowledged report when the writer is killed with SIGKILL", async () => {
    const path = dbPath();
    for (let round = 0; round < 3; round++) {
      const acknowledged: string[] = [];
      // One process (node with the tsx loader), so SIGKILL hits the writer itself.
      const child = spawn(process.execPath, ["--import", "tsx", resolve("lib/reports/testing/create-loop.ts"), path], { stdio: ["ignore", "pipe", "inherit"] });
      let buffer = "";
      child.stdout.on("data", (chunk: Buffer) => {
        buffer += chunk.toString();
        const lines = buffer.split("\n");
        buffer = lines.pop() ?? "";
        acknowledged.push(...lines.filter(Boolean));
      });
      await new Promise<void>((done) => {
        const check = setInterval(() => {
          if (acknowledged.length >= 50) {
            clearInterval(check);
            child.kill("SIGKILL");
            done();
          }
        }, 20);
      });
      await new Promise((done) => child.on("exit", done));
      const db = new Database(path);
      expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
      db.close();
      const store = openSqliteStore(path);
      for (const id of acknowledged) {
        const report = await store.get(id);
        expect(report, id).toBeDefined();
        expect(JSON.parse(gunzipSync(report?.payload ?? Buffer.alloc(0)).toString()).sessions).toHaveLength(200);
      }
      store.close();
    }
  });
});
