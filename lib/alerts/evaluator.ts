import "server-only";
// Evaluates rules off the request path: person rules as the feed judges each new call, window rules (bands, new
// causes, trunks) every minute on one instance at a time (a lease, as the feed's renewer holds one). What fires
// goes to the outbox (store.observe) and the delivery worker is woken.
import type { PhoneLogRow } from "@/lib/callrecords/phone-log";
import { DIMENSIONS, dimensionNamed } from "@/lib/history/dimensions";
import { overviewOf, type StatusBands } from "@/lib/history/overview";
import type { RollupRow } from "@/lib/history/rollup";
import { dayOf, DAY_MS, TOTAL } from "@/lib/history/rollup";
import { replay } from "./decide";
import {
  WINDOWS,
  type AlertMedia,
  type AlertRule,
  type BandSpec,
  type PersonSpec,
  type TrunkSpec,
} from "./model";
import {
  bandObservations,
  newCauseObservations,
  personObservations,
  trunkObservations,
  type JudgedCall,
  type Observation,
  type Tally,
} from "./observe";
import type { AlertStore } from "./store";

const LEASE = "alerts-evaluate";
const BASELINE_DAYS = 28;
/** A call the feed filled in from Graph's list long after it ended does not alert (it is history, not news). */
const NEWS_MS = 3 * 3_600_000;
const PREVIEW_MS = 7 * DAY_MS;
/** The rollups the overview's ranking reads: the total and every dimension. */
const RANKED = [TOTAL, ...DIMENSIONS.map((dimension) => dimension.name)];

export interface HistoryWindows {
  hourlyTallies(
    tenantId: string,
    column: string,
    from: number,
    to: number,
    media: string | null,
  ): Promise<{ hour: number; value: string; streams: number; poor: number }[]>;
  rollups(
    tenantId: string,
    fromDay: number,
    toDay: number,
    dimensions: readonly string[],
  ): Promise<RollupRow[]>;
}

export interface EvaluatorOptions {
  store: AlertStore;
  tenantId: string;
  holder: string;
  leases: {
    acquire(name: string, holder: string, now: number, ttlMs: number): Promise<boolean>;
    release(name: string, holder: string): Promise<void>;
  };
  history: HistoryWindows;
  bands: StatusBands;
  /** The watch list: object ID → label. */
  watchList: () => Promise<Map<string, string>>;
  /** Direct Routing calls in a window (Graph's log); absent: trunk rules wait. */
  directRouting?: (from: number, to: number) => Promise<PhoneLogRow[]>;
  /** The feed's judged calls of one person, for a person rule's preview. */
  callsOf?: (personId: string, since: number) => Promise<JudgedCall[]>;
  linkBase: string | null;
  everyMs: number;
  now?: () => number;
  onFired?: () => void;
  log?: (level: "info" | "warn" | "error", message: string, fields?: Record<string, unknown>) => void;
}

const mediaOf = (media: AlertMedia) => (media === "all" ? null : media);

function sumBy(rows: Iterable<{ value: string; streams: number; poor: number }>): Map<string, Tally> {
  const out = new Map<string, Tally>();
  for (const row of rows) {
    const t = out.get(row.value) ?? { streams: 0, poor: 0 };
    t.streams += row.streams;
    t.poor += row.poor;
    out.set(row.value, t);
  }
  return out;
}

export function createAlertEvaluator(options: EvaluatorOptions) {
  const { store, tenantId } = options;
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => undefined);
  let timer: NodeJS.Timeout | null = null;

  async function apply(rule: AlertRule, observations: Observation[], at: number): Promise<number> {
    let fired = 0;
    for (const observation of observations)
      if (await store.observe(tenantId, rule, observation, at)) fired += 1;
    if (fired > 0) {
      log("info", "alerts: fired", { rule: rule.id, kind: rule.spec.kind, alerts: fired });
      options.onFired?.();
    }
    return fired;
  }

  async function rollupTallies(
    spec: { dimension: string; media: AlertMedia },
    fromDay: number,
    toDay: number,
  ) {
    const rows = await options.history.rollups(tenantId, fromDay, toDay, [spec.dimension]);
    const media = mediaOf(spec.media);
    return rows.filter((row) => media === null || row.media === media);
  }

  async function bandTallies(spec: BandSpec, from: number, to: number): Promise<Map<string, Tally>> {
    if (spec.window === "7d") return sumBy(await rollupTallies(spec, dayOf(from), dayOf(to)));
    const dimension = dimensionNamed(spec.dimension);
    if (!dimension) return new Map();
    return sumBy(
      await options.history.hourlyTallies(tenantId, dimension.column, from, to, mediaOf(spec.media)),
    );
  }

  async function baselineOf(spec: BandSpec, windowStart: number) {
    const first = dayOf(windowStart);
    return sumBy(await rollupTallies(spec, first - BASELINE_DAYS, first - 1));
  }

  /** The ranking of where the problem is for the day ending at `day` (that day and the one before). */
  async function ranking(media: AlertMedia, day: number) {
    const rows = await options.history.rollups(tenantId, day - 1, day, RANKED);
    return overviewOf(rows, day - 1, day, options.bands, mediaOf(media)).where.slice(0, 10);
  }

  const evaluators: Record<
    Exclude<AlertRule["spec"]["kind"], "person">,
    (rule: AlertRule, at: number) => Promise<Observation[]>
  > = {
    async band(rule, at) {
      const spec = rule.spec as BandSpec;
      const from = at - WINDOWS[spec.window].ms;
      return bandObservations(
        rule as AlertRule & { spec: BandSpec },
        await bandTallies(spec, from, at),
        await baselineOf(spec, from),
        await store.openValues(tenantId, rule.id),
        at,
        options.linkBase,
      );
    },
    async "new-cause"(rule, at) {
      const spec = rule.spec as { media: AlertMedia };
      const day = dayOf(at);
      return newCauseObservations(
        rule,
        await ranking(spec.media, day),
        await ranking(spec.media, day - 1),
        await store.openValues(tenantId, rule.id),
        day,
        options.linkBase,
      );
    },
    async trunk(rule, at) {
      if (!options.directRouting) return [];
      const spec = rule.spec as TrunkSpec;
      const rows = await options.directRouting(at - WINDOWS[spec.window].ms, at);
      return trunkObservations(
        rule as AlertRule & { spec: TrunkSpec },
        rows,
        await store.openValues(tenantId, rule.id),
        at,
        options.linkBase,
      );
    },
  };

  /** Window rules, by the one instance holding the lease; returns the alerts written. */
  async function tick(): Promise<number | null> {
    const at = now();
    if (!(await options.leases.acquire(LEASE, options.holder, at, options.everyMs * 3))) return null;
    let fired = 0;
    for (const rule of await store.rules(tenantId)) {
      if (!rule.enabled || rule.spec.kind === "person") continue;
      try {
        fired += await apply(rule, await evaluators[rule.spec.kind](rule, at), at);
      } catch (error) {
        log(
          "warn",
          `alerts: rule "${rule.name}" could not be evaluated: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
    return fired;
  }

  return {
    tick,

    /** Person rules for one judged call (the feed's worker calls this; a failure never fails the judging). */
    async onJudged(call: JudgedCall, source: "notification" | "backfill", endedAt: number): Promise<number> {
      const at = now();
      if (source === "backfill" && at - endedAt > NEWS_MS) return 0;
      if (call.quality !== "poor") return 0;
      const rules = (await store.rules(tenantId)).filter(
        (rule) => rule.enabled && rule.spec.kind === "person",
      );
      if (rules.length === 0) return 0;
      const watched = await options.watchList();
      let fired = 0;
      for (const rule of rules)
        fired += await apply(
          rule,
          personObservations(rule as AlertRule & { spec: PersonSpec }, call, watched, options.linkBase),
          at,
        );
      return fired;
    },

    /** How often the rule would have fired over the last 7 days, replaying the history through its cooldown. */
    async preview(rule: AlertRule): Promise<{ fired: number; at: number[]; basis: string }> {
      const end = now();
      const start = end - PREVIEW_MS;
      const spec = rule.spec;
      if (spec.kind === "band") {
        const observations: { key: string; at: number; firing: boolean }[] = [];
        const baseline = await baselineOf(spec, start);
        if (spec.window === "7d") {
          const rows = await rollupTallies(spec, dayOf(start) - 6, dayOf(end));
          for (let day = dayOf(start); day <= dayOf(end); day++) {
            const current = sumBy(rows.filter((row) => row.day > day - 7 && row.day <= day));
            for (const o of bandObservations(
              rule as AlertRule & { spec: BandSpec },
              current,
              baseline,
              [],
              day * DAY_MS,
              null,
            ))
              observations.push({ key: o.valueKey, at: (day + 1) * DAY_MS, firing: o.firing });
          }
        } else {
          const windowMs = WINDOWS[spec.window].ms;
          const dimension = dimensionNamed(spec.dimension);
          const hours = dimension
            ? await options.history.hourlyTallies(
                tenantId,
                dimension.column,
                start - windowMs,
                end,
                mediaOf(spec.media),
              )
            : [];
          for (let t = Math.ceil(start / 3_600_000) * 3_600_000; t <= end; t += 3_600_000) {
            const current = sumBy(hours.filter((h) => h.hour >= t - windowMs && h.hour < t));
            for (const o of bandObservations(
              rule as AlertRule & { spec: BandSpec },
              current,
              baseline,
              [],
              t,
              null,
            ))
              observations.push({ key: o.valueKey, at: t, firing: o.firing });
          }
        }
        return { ...replay(rule, observations), basis: "the quality history, evaluated hourly" };
      }
      if (spec.kind === "new-cause") {
        const observations: { key: string; at: number; firing: boolean }[] = [];
        for (let day = dayOf(start); day <= dayOf(end); day++)
          for (const o of newCauseObservations(
            rule,
            await ranking(spec.media, day),
            await ranking(spec.media, day - 1),
            [],
            day,
            null,
          ))
            observations.push({ key: o.valueKey, at: day * DAY_MS, firing: o.firing });
        return { ...replay(rule, observations), basis: "the quality history, day by day" };
      }
      if (spec.kind === "person") {
        const watched = await options.watchList();
        const people = spec.people === "watch-list" ? [...watched.keys()] : spec.people;
        const observations: { key: string; at: number; firing: boolean }[] = [];
        for (const person of people.slice(0, 50)) {
          for (const call of (await options.callsOf?.(person.toLowerCase(), start)) ?? [])
            for (const o of personObservations(rule as AlertRule & { spec: PersonSpec }, call, watched, null))
              observations.push({ key: o.valueKey, at: Date.parse(call.startDateTime), firing: true });
        }
        return { ...replay(rule, observations), basis: "the inbox's judged calls of the watched people" };
      }
      if (!options.directRouting) return { fired: 0, at: [], basis: "no Direct Routing log here" };
      const rows = await options.directRouting(start, end);
      const windowMs = WINDOWS[spec.window].ms;
      const observations: { key: string; at: number; firing: boolean }[] = [];
      for (let t = Math.ceil(start / 3_600_000) * 3_600_000; t <= end; t += 3_600_000) {
        const inWindow = rows.filter((row) => {
          const started = Date.parse(row.startDateTime ?? row.inviteDateTime ?? "");
          return started >= t - windowMs && started < t;
        });
        for (const o of trunkObservations(rule as AlertRule & { spec: TrunkSpec }, inWindow, [], t, null))
          observations.push({ key: o.valueKey, at: t, firing: o.firing });
      }
      return { ...replay(rule, observations), basis: "Graph's Direct Routing log, evaluated hourly" };
    },

    start() {
      if (timer) return;
      const run = () =>
        void tick().catch((error: unknown) =>
          log(
            "error",
            `alerts: evaluation failed: ${error instanceof Error ? error.message : String(error)}`,
          ),
        );
      timer = setInterval(run, options.everyMs);
      timer.unref?.();
      setTimeout(run, 2_000).unref?.();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await options.leases.release(LEASE, options.holder).catch(() => undefined);
    },
  };
}

export type AlertEvaluator = ReturnType<typeof createAlertEvaluator>;
