// Re-applying an uploaded building file to the stored history, on both databases: past facts take the new
// file's sites (and lose the old ones), the rollups equal a recount from the raw facts after uploads, stops,
// resumes and later writes, and the scratch keys (addresses among them) are kept nowhere afterwards.
import { createHmac, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { eachDatabase } from "@/lib/db/testing/databases";
import { parseBuildingFile } from "@/lib/sites/building-file";
import { placeFinder } from "@/lib/sites/match";
import { demoHistory } from "./demo-history";
import { DIMENSIONS } from "./dimensions";
import { HOUR, rollupOf, TOTAL } from "./rollup";
import { createSitesApplier } from "./sites-apply";
import { createHistoryStore } from "./store";

const pseudonym = (id: string) =>
  createHmac("sha256", "test-secret").update(id).digest("base64url").slice(0, 16);
const sorted = <T extends object>(rows: T[]) =>
  [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

/** A CQD building file (15 columns, tab-separated): the demo's Oslo subnet moved to Lisbon, a home network named. */
const FILE = [
  "10.70.1.0\tLisbon annex net\t24\tLisbon annex\tOwned\tOffice\tRegional\tLisbon\t1000\tPortugal\t\tEMEA\t1\t0\t0",
  "10.10.4.0\tLisbon HQ net\t22\tLisbon HQ\tOwned\tOffice\tHQ\tLisbon\t1000\tPortugal\t\tEMEA\t1\t0\t0",
  "192.168.1.0\tHome\t24\tHome broadband\tLeased\tHome\tHome\tOslo\t0150\tNorway\t\tEMEA\t0\t0\t0",
].join("\n");

describe("the demo's history and the demo's building file", () => {
  it("agree on every fact's site and whether it was inside (uploading the demo file changes no story)", () => {
    const placeOf = placeFinder(
      parseBuildingFile(readFileSync(join(__dirname, "../../emulator/data/demo-sites.tsv"), "utf8")),
    );
    const past = demoHistory(Date.parse("2026-11-20T12:00:00Z"), pseudonym, {
      days: 90,
      callsPerWorkday: 10,
    });
    let checked = 0;
    for (const { facts } of past)
      for (const fact of facts)
        for (const side of ["sender", "receiver"] as const) {
          const subnet = fact.values[`${side}_subnet`];
          if (typeof subnet !== "string") continue;
          const place = placeOf({ subnet, ipAddress: null });
          expect(fact.values[`${side}_site`] ?? null, subnet).toBe(place?.site ?? null);
          if (place) expect(fact.values[`${side}_inside_corp`], subnet).toBe(place.insideCorp ? 1 : 0);
          checked++;
        }
    expect(checked).toBeGreaterThan(1_000);
  });
});

eachDatabase((name, open) => {
  describe(`building file re-applied to the history on ${name}`, () => {
    const db = open();
    const store = createHistoryStore(db);
    const applier = createSitesApplier(db);
    afterAll(() => db.close());
    const now = Date.parse("2026-11-20T12:00:00Z");
    const allDimensions = [TOTAL, HOUR, ...DIMENSIONS.map((d) => d.name)];

    async function loaded() {
      const t = `t-${randomBytes(6).toString("hex")}`;
      await store.addNew(t, demoHistory(now, pseudonym, { days: 6, callsPerWorkday: 25 }));
      return t;
    }
    const facts = (t: string) => store.facts(t, 0, 1e6, null, 100_000);
    /** Every kept rollup equals the rollup of the raw facts as they now are. */
    async function expectRecount(t: string) {
      const raw = await facts(t);
      const expected = rollupOf(
        raw.map((row) => ({
          startAt: Number(row.start_at),
          values: row as Record<string, string | number | null>,
        })),
      ).filter((row) => row.streams > 0);
      expect(sorted(await store.rollups(t, 0, 1e6, allDimensions))).toEqual(sorted(expected));
    }
    const sitesOf = async (t: string, subnet: string) =>
      new Set(
        (await facts(t)).flatMap((row) => [
          ...(row.sender_subnet === subnet ? [row.sender_site] : []),
          ...(row.receiver_subnet === subnet ? [row.receiver_site] : []),
        ]),
      );

    it("gives past facts the new file's sites and rebuilds the site rollups from them", async () => {
      const t = await loaded();
      // The demo's past was written with its own sites: Oslo for 10.70.1.0.
      expect(await sitesOf(t, "10.70.1.0")).toEqual(new Set(["Oslo office"]));
      const placeOf = placeFinder(parseBuildingFile(FILE));
      await applier.apply(t, 1_000, placeOf, now);
      expect(await sitesOf(t, "10.70.1.0")).toEqual(new Set(["Lisbon annex"]));
      expect(await sitesOf(t, "192.168.1.0")).toEqual(new Set(["Home broadband"]));
      // A subnet the file does not cover has no site (Seattle's was the demo's own).
      expect(await sitesOf(t, "10.128.2.0")).toEqual(new Set([null]));
      const home = (await facts(t)).find((row) => row.sender_subnet === "192.168.1.0");
      expect(home?.sender_inside_corp).toBe(0);
      await expectRecount(t);
      const siteRows = await store.rollups(t, 0, 1e6, ["site"]);
      expect(new Set(siteRows.map((row) => row.value))).toEqual(
        new Set(["Lisbon annex", "Lisbon HQ", "Home broadband"]),
      );
      const progress = await applier.progress(t);
      const days = new Set((await facts(t)).map((row) => Number(row.day)));
      expect(progress).toMatchObject({ uploadedAt: 1_000, daysDone: progress?.daysTotal });
      expect(progress?.daysTotal).toBeGreaterThanOrEqual(days.size);
      expect(progress?.finishedAt).not.toBeNull();
      // No network key (an address, for a network without a subnet) stays behind.
      const q = await db.ready();
      expect(await q.selectFrom("history_places").selectAll().where("tenant_id", "=", t).execute()).toEqual(
        [],
      );
    });

    it("stops between days and resumes where it stopped; a later file replaces the earlier one's sites", async () => {
      const t = await loaded();
      const placeOf = placeFinder(parseBuildingFile(FILE));
      let days = 0;
      await applier.apply(t, 1_000, placeOf, now, () => days++ >= 2);
      const part = await applier.progress(t);
      expect(part).toMatchObject({ daysDone: 2, finishedAt: null });
      // The newest days first: today's facts already follow the file, the oldest not yet.
      const raw = await facts(t);
      const newest = Math.max(...raw.map((row) => Number(row.day)));
      const oldest = Math.min(...raw.map((row) => Number(row.day)));
      const siteOn = (day: number) =>
        new Set(
          raw
            .filter((row) => Number(row.day) === day && row.sender_subnet === "10.70.1.0")
            .map((row) => row.sender_site),
        );
      expect([...siteOn(newest), ...siteOn(oldest)]).not.toHaveLength(0);
      if (siteOn(newest).size > 0) expect(siteOn(newest)).toEqual(new Set(["Lisbon annex"]));
      if (siteOn(oldest).size > 0) expect(siteOn(oldest)).toEqual(new Set(["Oslo office"]));
      await applier.apply(t, 1_000, placeOf, now);
      expect(await applier.progress(t)).toMatchObject({ daysDone: part?.daysTotal });
      expect(await sitesOf(t, "10.70.1.0")).toEqual(new Set(["Lisbon annex"]));
      await expectRecount(t);
      // An empty file (every line removed) leaves no site anywhere.
      await applier.apply(t, 2_000, placeFinder([]), now);
      expect(await sitesOf(t, "10.70.1.0")).toEqual(new Set([null]));
      expect(await store.rollups(t, 0, 1e6, ["site", "inside_corp"])).toEqual([]);
      await expectRecount(t);
    });

    it("keeps the summaries equal to the facts when calls are replaced after a file is applied", async () => {
      const t = await loaded();
      const placeOf = placeFinder(parseBuildingFile(FILE));
      await applier.apply(t, 1_000, placeOf, now);
      const past = demoHistory(now, pseudonym, { days: 6, callsPerWorkday: 25 }).slice(0, 5);
      for (const { call, facts: list } of past)
        expect(
          await store.saveCall(
            t,
            { ...call, version: call.version + 1 },
            list.map((fact) => ({ ...fact, values: { ...fact.values, quality: 1 } })),
          ),
        ).toBe(true);
      await expectRecount(t);
    });
  });
});
