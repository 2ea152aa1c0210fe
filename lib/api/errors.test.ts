// A full disk says what happened and who can fix it (503), never "unexpected error" (500).
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { tempSqlitePath } from "@/lib/db/testing/databases";
import { toApiError } from "./errors";

describe("a database out of space", () => {
  it("is a 503 that says so when SQLite cannot grow its file (a real SQLITE_FULL)", () => {
    const db = new Database(tempSqlitePath());
    db.exec("CREATE TABLE t (b BLOB)");
    const pages = Number(db.pragma("page_count", { simple: true }));
    db.pragma(`max_page_count = ${pages + 1}`);
    let caught: unknown;
    try {
      db.prepare("INSERT INTO t VALUES (?)").run(Buffer.alloc(1_000_000));
    } catch (error) {
      caught = error;
    }
    db.close();
    expect((caught as { code?: string }).code).toBe("SQLITE_FULL");
    expect(toApiError(caught)).toMatchObject({ status: 503, code: "out_of_space" });
    expect(toApiError(new Error("saving failed", { cause: caught })).status).toBe(503);
    expect(toApiError(caught).message).toMatch(/out of disk space.*administrator/);
  });

  it.each(["53100", "ENOSPC"])("maps %s (PostgreSQL's disk_full, the file system's) the same way", (code) => {
    expect(toApiError(Object.assign(new Error("no space"), { code })).status).toBe(503);
  });

  it("leaves other errors a 500", () => {
    expect(toApiError(Object.assign(new Error("x"), { code: "SQLITE_BUSY" })).status).toBe(500);
  });
});
