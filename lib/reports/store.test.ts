import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { gunzipSync } from "node:zlib";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/db/open";
import { eachDatabase, tempSqlitePath } from "@/lib/db/testing/databases";
import { createReportStore } from "./db-store";
import { reportStoreContract } from "./testing/store-contract";

eachDatabase(reportStoreContract);

describe("SQLite report store", () => {
  it("keeps the database in WAL mode", async () => {
    const path = tempSqlitePath();
    const db = openDatabase({ sqlitePath: path });
    await db.ready();
    await db.close();
    const raw = new Database(path);
    expect(raw.pragma("journal_mode", { simple: true })).toBe("wal");
    raw.close();
  });

  it("keeps every acknowledged report when the writer is killed with SIGKILL", async () => {
    const path = tempSqlitePath();
    for (let round = 0; round < 3; round++) {
      const acknowledged: string[] = [];
      // One process (node with the tsx loader), so SIGKILL hits the writer itself.
      const child = spawn(
        process.execPath,
        // `react-server`: the store is server code (server-only), and this process is the server.
        ["--conditions=react-server", "--import", "tsx", resolve("lib/reports/testing/create-loop.ts"), path],
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
      const raw = new Database(path);
      expect(raw.pragma("integrity_check", { simple: true })).toBe("ok");
      raw.close();
      const db = openDatabase({ sqlitePath: path });
      const store = createReportStore(db);
      for (const id of acknowledged) {
        const report = await store.get(id);
        expect(report, id).toBeDefined();
        expect(JSON.parse(gunzipSync(report?.payload ?? Buffer.alloc(0)).toString()).sessions).toHaveLength(
          200,
        );
      }
      store.close();
      await db.close();
    }
  });
});
