// The behaviour every ReportStore must have; each implementation's test file runs it.
import { randomBytes } from "node:crypto";
import { gunzipSync, gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import type { ReportMeta } from "../model";
import type { Db } from "@/lib/db/open";
import { createReportStore } from "../db-store";
import type { ReportStore } from "../store";

export function reportStoreContract(name: string, open: () => Db) {
  describe(`${name} report store`, () => {
    const db = open();
    const store: ReportStore = createReportStore(db);
    afterAll(async () => {
      store.close();
      await db.close();
    });
    // Unique tenants and IDs per test, so the suite runs against a shared database.
    const tenant = () => `t-${randomBytes(6).toString("hex")}`;
    const meta = (tenantId: string, overrides: Partial<ReportMeta> = {}): ReportMeta => ({
      id: randomBytes(16).toString("base64url"),
      tenantId,
      callId: "c1",
      title: "Bad call",
      note: "for the network team",
      redacted: false,
      createdAt: 1000,
      createdBy: "u1",
      createdByName: "Ada",
      expiresAt: null,
      appVersion: "0.1.0",
      sessionCount: 2,
      callStart: "2026-11-30T09:00:00Z",
      callType: "groupCall",
      quality: "poor",
      poorShare: 0.25,
      ...overrides,
    });

    it("stores a report and reads it back whole", async () => {
      const report = meta(tenant(), { redacted: true, expiresAt: 9_999_999_999_999 });
      const payload = gzipSync(JSON.stringify({ record: { id: "c1" }, sessions: [{ id: "s" }] }));
      await store.create(report, payload);
      const got = await store.get(report.id);
      expect(got?.meta).toEqual(report);
      expect(JSON.parse(gunzipSync(got?.payload ?? Buffer.alloc(0)).toString())).toEqual({
        record: { id: "c1" },
        sessions: [{ id: "s" }],
      });
      expect(await store.get("missing")).toBeUndefined();
    });

    it("lists a tenant's reports newest first, optionally one creator's", async () => {
      const t = tenant();
      const a = meta(t, { createdAt: 1000 });
      const b = meta(t, { createdAt: 2000, createdBy: "u2" });
      await store.create(a, gzipSync("{}"));
      await store.create(b, gzipSync("{}"));
      await store.create(meta(tenant()), gzipSync("{}"));
      expect((await store.list(t, 5000)).map((r) => r.id)).toEqual([b.id, a.id]);
      expect((await store.list(t, 5000, "u1")).map((r) => r.id)).toEqual([a.id]);
    });

    it("deletes once", async () => {
      const report = meta(tenant());
      await store.create(report, gzipSync("{}"));
      expect(await store.delete(report.id)).toBe(true);
      expect(await store.get(report.id)).toBeUndefined();
      expect(await store.delete(report.id)).toBe(false);
    });

    it("purges expired payloads and the names and free text with them, keeping only what answers 'gone'", async () => {
      const t = tenant();
      const old = meta(t, {
        expiresAt: 5000,
        title: "Call with Clara Oswald",
        note: "clara@contoso.com could not hear",
        createdByName: "Ada Lovelace",
      });
      const keep = meta(t, { expiresAt: null });
      await store.create(old, gzipSync("{}"));
      await store.create(keep, gzipSync("{}"));
      expect(await store.purgeExpired(6000)).toBeGreaterThanOrEqual(1);
      const purged = await store.get(old.id);
      expect(purged?.payload).toBeNull();
      expect(purged?.meta).toMatchObject({
        id: old.id,
        tenantId: t,
        expiresAt: 5000,
        title: "",
        note: null,
        createdBy: "",
        createdByName: "",
      });
      expect(JSON.stringify(purged)).not.toMatch(/Clara|contoso|Lovelace/);
      expect((await store.get(keep.id))?.payload).not.toBeNull();
      expect(await store.purgeExpired(6000)).toBe(0);
    });

    it("lists and counts only reports that have not expired", async () => {
      const t = tenant();
      const expired = meta(t, { expiresAt: 5000 });
      const live = meta(t, { expiresAt: 9000, createdBy: "u2" });
      await store.create(expired, gzipSync("x".repeat(100)));
      await store.create(live, gzipSync("y".repeat(100)));
      expect((await store.list(t, 6000)).map((r) => r.id)).toEqual([live.id]);
      expect(await store.list(t, 6000, "u1")).toEqual([]);
      const usage = await store.usage(t, 6000);
      expect(usage.count).toBe(1);
      expect(usage.bytes).toBe(gzipSync("y".repeat(100)).length);
      expect(await store.usage(t, 6000, "u1")).toEqual({ count: 0, bytes: 0 });
      expect((await store.usage(t, 4000)).count).toBe(2);
    });

    it("refuses a second report with the same ID", async () => {
      const report = meta(tenant());
      await store.create(report, gzipSync("{}"));
      await expect(store.create(report, gzipSync("{}"))).rejects.toThrow();
    });
  });
}
