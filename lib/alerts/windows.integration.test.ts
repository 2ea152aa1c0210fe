// Window rules on the real history (the demo's synthetic past in both databases): a band rule fires from the
// last 24 hours, once within its cooldown, on one instance at a time; its preview replays the past week.
import { createHmac, randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { eachDatabase, openAgain } from "@/lib/db/testing/databases";
import { demoHistory } from "@/lib/history/demo-history";
import { dayOf, DAY_MS } from "@/lib/history/rollup";
import { createHistoryStore } from "@/lib/history/store";
import { alertRule, alertStack, testPolicy } from "@/lib/testing/alert-stack";
import type { BandSpec } from "./model";

/** 1970-01-01 was a Thursday: 0 is Sunday. */
const weekday = (day: number) => (day + 4) % 7;
// The demo's past has calls on workdays only: the day before TODAY (the band rule's last 24 hours) must be one,
// or the test would find nothing to fire on Sundays and Mondays.
let TODAY = dayOf(Date.now());
while (weekday(TODAY - 1) === 0 || weekday(TODAY - 1) === 6) TODAY -= 1;
const NOW = TODAY * DAY_MS + 3_600_000;
const pseudonym = (id: string) => createHmac("sha256", "t").update(id).digest("base64url").slice(0, 22);
const band: BandSpec = {
  kind: "band",
  dimension: "site",
  values: null,
  window: "24h",
  bandPercent: 1,
  minStreams: 10,
  overBaselinePoints: 0,
  media: "all",
};

eachDatabase((name, open) => {
  describe(`window rules on ${name}`, () => {
    const db = open();
    const tenantId = `windows-${randomUUID()}`;
    const history = createHistoryStore(db);
    const policy = testPolicy(1, "");
    beforeAll(async () => {
      await history.addNew(tenantId, demoHistory(NOW, pseudonym, { days: 35, callsPerWorkday: 40 }));
    }, 60_000);

    it("counts a window's streams by value as the daily rollups do", async () => {
      const day = TODAY - 2;
      const hours = await history.hourlyTallies(tenantId, "site", day * DAY_MS, (day + 1) * DAY_MS, null);
      const rollups = (await history.rollups(tenantId, day, day, ["site"])).filter((row) => row.day === day);
      const sum = (rows: { value: string; streams: number; poor: number }[]) => {
        const out: Record<string, [number, number]> = {};
        for (const row of rows) {
          const [s, p] = out[row.value] ?? [0, 0];
          out[row.value] = [s + row.streams, p + row.poor];
        }
        return out;
      };
      expect(Object.keys(sum(hours)).length).toBeGreaterThan(1);
      expect(sum(hours)).toEqual(sum(rollups));
    });

    it("fires a band rule once per value within its cooldown, on the instance holding the lease", async () => {
      const clock = { now: NOW };
      const one = alertStack({ db, tenantId, policy, clock, holder: "one", history });
      const two = alertStack({ db: openAgain(db), tenantId, policy, clock, holder: "two", history });
      const rule = alertRule(band, [], { name: "Sites", cooldownMinutes: 120 });
      await one.store.saveRule(tenantId, rule);
      const [a, b] = await Promise.all([one.evaluator.tick(), two.evaluator.tick()]);
      // One of them holds the lease and evaluates; the other does nothing this minute.
      expect([a, b].filter((result) => result === null)).toHaveLength(1);
      const fired = (a ?? 0) + (b ?? 0);
      expect(fired).toBeGreaterThan(0);
      const openValues = await one.store.openValues(tenantId, rule.id);
      expect(openValues).toHaveLength(fired);
      clock.now += 60_000;
      expect((await one.evaluator.tick()) ?? (await two.evaluator.tick())).toBe(0);
      // A band no value reaches lets every open value recover.
      await one.store.saveRule(tenantId, { ...rule, spec: { ...band, bandPercent: 100 } });
      clock.now += 60_000;
      await one.evaluator.tick();
      await two.evaluator.tick();
      expect(await one.store.openValues(tenantId, rule.id)).toEqual([]);
    });

    it("previews how often a rule would have fired in the last 7 days", async () => {
      const stack = alertStack({ db, tenantId, policy, clock: { now: NOW }, history });
      const often = await stack.evaluator.preview(alertRule(band, [], { cooldownMinutes: 60 }));
      const rarely = await stack.evaluator.preview(alertRule(band, [], { cooldownMinutes: 7 * 24 * 60 }));
      const never = await stack.evaluator.preview(alertRule({ ...band, bandPercent: 100 }, []));
      expect(often.fired).toBeGreaterThan(rarely.fired);
      expect(rarely.fired).toBeGreaterThan(0);
      expect(never.fired).toBe(0);
      expect(often.basis).toBe("the quality history, evaluated hourly");
    });
  });
});
