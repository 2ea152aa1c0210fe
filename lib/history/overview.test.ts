import { describe, expect, it } from "vitest";
import { DEMO_STORIES, demoHistory } from "./demo-history";
import { DEFAULT_BANDS, overviewOf, statusOf } from "./overview";
import { dayOf, rollupOf } from "./rollup";

const NOW = Date.parse("2026-12-01T12:00:00Z");
const rows = rollupOf(demoHistory(NOW, (id) => `p-${id}`).flatMap((call) => call.facts));
const today = dayOf(NOW);

describe("overview from the day rollups", () => {
  it("finds the office that degraded in its three weeks, and not after it was fixed", () => {
    const during = overviewOf(
      rows.filter((r) => r.day >= today - 60 && r.day <= today - 39),
      today - 60,
      today - 39,
    );
    expect(during.where.find((w) => w.dimension === "site")?.value).toBe(DEMO_STORIES.site.value);
    const after = overviewOf(
      rows.filter((r) => r.day >= today - 30),
      today - 30,
      today - 1,
    );
    expect(after.where.some((w) => w.dimension === "site" && w.value === DEMO_STORIES.site.value)).toBe(
      false,
    );
    expect(after.where.some((w) => w.dimension === "client" && w.value === DEMO_STORIES.client.value)).toBe(
      true,
    );
  });

  it("finds the ISP's two bad evenings in the hours they happened", () => {
    const [a, b] = DEMO_STORIES.isp.daysAgo;
    const window = rows.filter((r) => r.day >= today - a && r.day <= today - b);
    const overview = overviewOf(window, today - a, today - b);
    expect(overview.where.some((w) => w.dimension === "isp" && w.value === DEMO_STORIES.isp.value)).toBe(
      true,
    );
    const evening = overview.heatmap.filter((c) =>
      (DEMO_STORIES.isp.hours as readonly number[]).includes(c.hour),
    );
    const morning = overview.heatmap.filter((c) => c.hour < 12);
    const share = (cells: typeof evening) =>
      cells.reduce((n, c) => n + c.poor, 0) / cells.reduce((n, c) => n + c.streams, 0);
    expect(share(evening)).toBeGreaterThan(2 * share(morning));
  });

  it("judges a status only with enough streams, in bands", () => {
    expect(statusOf({ streams: 10, poor: 9, share: 0.9 }, DEFAULT_BANDS)).toBe("not-enough");
    expect(statusOf({ streams: 100, poor: 20, share: 0.2 }, DEFAULT_BANDS)).toBe("critical");
    expect(statusOf({ streams: 100, poor: 5, share: 0.05 }, DEFAULT_BANDS)).toBe("degraded");
    expect(statusOf({ streams: 100, poor: 4, share: 0.04 }, DEFAULT_BANDS)).toBe("healthy");
  });

  it("gives every share its 95 % interval, narrower with more streams", () => {
    const overview = overviewOf(rows, today - 29, today);
    const { totals } = overview;
    expect(totals.interval?.low).toBeLessThanOrEqual(totals.share ?? -1);
    expect(totals.interval?.high).toBeGreaterThanOrEqual(totals.share ?? 2);
    expect(overview.where.length).toBeGreaterThan(0);
    for (const row of overview.where) {
      expect(row.interval.low).toBeLessThanOrEqual(row.share);
      expect(row.interval.high).toBeGreaterThanOrEqual(row.share);
      // A value's own streams are fewer than the tenant's: its interval is the wider one.
      expect(row.interval.high - row.interval.low).toBeGreaterThan(
        (totals.interval?.high ?? 0) - (totals.interval?.low ?? 0),
      );
    }
  });

  it("says the day series and totals from the rollups, each day present", () => {
    const overview = overviewOf(
      rows.filter((r) => r.day >= today - 9),
      today - 9,
      today,
    );
    expect(overview.days).toHaveLength(10);
    expect(overview.totals.streams).toBe(
      rows.filter((r) => r.day >= today - 9 && r.dimension === "all").reduce((n, r) => n + r.streams, 0),
    );
  });
});
