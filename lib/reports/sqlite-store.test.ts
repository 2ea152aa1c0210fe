import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gunzipSync } from "node:zlib";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { SQLITE_MIGRATIONS, openSqliteStore } from "./sqlite-store";
import { reportStoreContract } from "./testing/store-contract";

const dbPath = () => join(mkdtempSync(join(tmpdir(), "callscope-reports-")), "reports.db");

reportStoreContract("SQLite", () => openSqliteStore(dbPath()));

describe("SQLite report store", () => {
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
      const child = spawn(
        process.execPath,
        ["--import", "tsx", resolve("lib/reports/testing/create-loop.ts"), path],
        { stdio: ["ignore", "pipe", "inherit"] },
      );
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
        expect(JSON.parse(gunzipSync(report?.payload ?? Buffer.alloc(0)).toString()).sessions).toHaveLength(
          200,
        );
      }
      store.close();
    }
  });
});
