import "server-only";
import { LRUCache } from "lru-cache";
import { createHmac, randomBytes } from "node:crypto";
import { requireInvestigator, type Principal } from "@/lib/auth/roles";
import { MIN_Z, zScore } from "@/lib/callrecords/causes";
import type { CallSummary, Session } from "@/lib/callrecords/model";
import { setImmediate as nextTurn } from "node:timers/promises";
import { runStepsBetween } from "@/lib/callrecords/analyze";
import { streamFactSteps } from "@/lib/callrecords/stream-facts";
import type { HistoryConfig } from "@/lib/config/schema";
import { crossBundleBrand } from "@/lib/errors/cross-bundle";
import { log } from "@/lib/log/logger";
import { demoHistory, DEMO_HISTORY_DAYS } from "./demo-history";
import { factsCsv, factsParquet } from "./export";
import type { Site } from "@/lib/sites/building-file";
import { placeFinder, type PlaceOf } from "@/lib/sites/match";
import type { SitesApplier } from "./sites-apply";
import { DIMENSIONS, dimensionNamed, showValue } from "./dimensions";
import { personHistory } from "./person";
import { overviewOf, MEDIA_SHOWN, tally } from "./overview";
import { DAY_MS, dayOf, TOTAL } from "./rollup";
import type { HistoryCall, HistoryStore } from "./store";

const HISTORY_ERROR_BRAND = crossBundleBrand("HistoryError");

/** Why a history request failed; lib/api answers with the same status and code. */
export class HistoryError extends Error {
  static [Symbol.hasInstance](value: unknown): boolean {
    return HISTORY_ERROR_BRAND.is(value);
  }
  readonly [HISTORY_ERROR_BRAND.brand] = true;
  constructor(
    readonly status: 400,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "HistoryError";
  }
}

export interface HistoryServiceOptions {
  store: HistoryStore;
  /** Re-applies an uploaded building file to the stored facts (lib/history/sites-apply.ts). */
  sitesApplier?: SitesApplier;
  tenantId: string;
  config: HistoryConfig;
  /** Keys the pseudonyms (CALLSCOPE_CURSOR_SECRET); without it, a key made once and kept in the database. */
  secret?: string;
  /** The tenant's building file, read when facts are made and when it is re-applied to the history. */
  buildingFile?: () => Promise<{ sites: readonly Site[]; uploadedAt: number } | null>;
  demo?: boolean;
  now?: () => number;
  /**
   * Awaited before a viewed call's streams are made and written: the runtime waits for Graph's reads to go
   * quiet, so keeping the call never delays the pages someone is waiting for (lib/api/quiet-gate.ts).
   */
  beforeViewedWrite?: () => Promise<void>;
  /** How far the feed's backfill of Graph's list has got, for the page to say while it fills in. */
  backfillProgress?: () => Promise<{ to: string; complete: boolean; problem: string | null } | null>;
}

const isoDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** An export covers at most this many days (about a quarter): bounded work per request. */
export const EXPORT_DAYS = 93;

/** The quality history: facts in as calls are judged, the overview out. */
export function createHistoryService(options: HistoryServiceOptions) {
  const { store, tenantId, config } = options;
  const now = options.now ?? Date.now;
  // The same person must get the same pseudonym after a restart, or their history would be lost to them.
  let key: Promise<string> | null = null;
  const keyed = () => {
    key ??= options.secret
      ? Promise.resolve(options.secret)
      : store.pseudonymKey(tenantId, randomBytes(32).toString("hex"));
    key.catch(() => (key = null));
    return key;
  };
  /** The pseudonyms of this tenant's people: an HMAC of the object ID with the tenant's key. */
  const pseudonymizer = async () => {
    const secret = await keyed();
    return (objectId: string) =>
      createHmac("sha256", secret)
        .update(`history-person:${objectId.toLowerCase()}`)
        .digest("base64url")
        .slice(0, 22);
  };
  let seeding: Promise<void> | null = null;
  // The building file as a lookup, indexed once per upload.
  let places: { uploadedAt: number; placeOf: PlaceOf } | null = null;
  const currentPlaces = async (): Promise<PlaceOf | undefined> => {
    const file = await options.buildingFile?.();
    if (!file) return undefined;
    if (places?.uploadedAt !== file.uploadedAt)
      places = { uploadedAt: file.uploadedAt, placeOf: placeFinder(file.sites) };
    return places.placeOf;
  };
  let applying: Promise<void> | null = null;
  let applyAgain = false;
  // A version kept a moment ago is not written again (50 viewers opening one call write it once).
  const kept = new LRUCache<string, true>({ max: 20_000, ttl: 10 * 60_000 });

  function dayParam(params: URLSearchParams, name: string, fallback: number): number {
    const value = params.get(name);
    if (value === null || value === "") return fallback;
    // A date that exists: JavaScript reads 2026-02-30 as 2 March, so the day must read back as written.
    const ms = Date.parse(`${value}T00:00:00Z`);
    if (!DAY.test(value) || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== value)
      throw new HistoryError(
        400,
        "invalid_parameter",
        `${name} must be a date like 2026-11-30 (YYYY-MM-DD).`,
      );
    return dayOf(Date.parse(`${value}T00:00:00Z`));
  }

  /** `from`…`to` of a request: by default the last `defaultDays` days; never older than the history keeps. */
  function windowOf(params: URLSearchParams, defaultDays = 30) {
    const today = dayOf(now());
    const toDay = dayParam(params, "to", today);
    const fromDay = dayParam(params, "from", toDay - defaultDays + 1);
    if (fromDay > toDay) throw new HistoryError(400, "invalid_parameter", "from must be on or before to.");
    if (today - fromDay > config.days)
      throw new HistoryError(
        400,
        "invalid_parameter",
        `from is older than the history keeps (${config.days} days, CALLSCOPE_HISTORY_DAYS).`,
      );
    return { fromDay, toDay };
  }

  /** Before and after: two periods (`beforeFrom`, `beforeTo`, `afterFrom`, `afterTo`) of a value, compared. */
  async function comparePeriods(
    params: URLSearchParams,
    read: (from: number, to: number) => Promise<{ streams: number; poor: number }[]>,
  ) {
    const names = ["beforeFrom", "beforeTo", "afterFrom", "afterTo"] as const;
    if (names.every((n) => !params.get(n))) return null;
    const missing = names.find((n) => !params.get(n));
    if (missing)
      throw new HistoryError(400, "invalid_parameter", `${missing} is needed to compare two periods.`);
    const [bf, bt, af, at] = names.map((n) => dayParam(params, n, 0)) as [number, number, number, number];
    if (bf > bt || af > at)
      throw new HistoryError(400, "invalid_parameter", "Each period must start on or before it ends.");
    const tally = async (from: number, to: number) => {
      const rows = await read(from, to);
      const streams = rows.reduce((n, r) => n + r.streams, 0);
      const poor = rows.reduce((n, r) => n + r.poor, 0);
      return { from: isoDay(from), to: isoDay(to), streams, poor, share: streams ? poor / streams : null };
    };
    const [before, after] = await Promise.all([tally(bf, bt), tally(af, at)]);
    const enough = before.streams >= config.bands.minStreams && after.streams >= config.bands.minStreams;
    const z = enough ? zScore(after.poor, after.streams, before.poor, before.streams) : null;
    return {
      before,
      after,
      change: before.share !== null && after.share !== null ? after.share - before.share : null,
      z,
      // Two-sided, at the bar the meeting causes use: a change this large is rare by chance alone.
      verdict: !enough
        ? "not-enough"
        : Math.abs(z ?? 0) >= MIN_Z
          ? after.poor / after.streams > before.poor / before.streams
            ? "worse"
            : "better"
          : "no-change",
    };
  }

  return {
    pseudonymizer,

    /** Keeps a judged call's streams (a later version replaces the earlier). Never throws: the feed must go on. */
    async record(
      call: CallSummary,
      sessions: readonly Session[],
      source: HistoryCall["source"],
    ): Promise<void> {
      const key = `${call.id}:${call.version}:${sessions.length}`;
      if (kept.has(key)) return;
      kept.set(key, true);
      try {
        if (source === "viewed") await options.beforeViewedWrite?.();
        const placeOf = await currentPlaces();
        // In steps: a town hall's facts are tens of milliseconds the request thread owes to the pages being read.
        const facts = await runStepsBetween(
          streamFactSteps(call, sessions, { pseudonym: await pseudonymizer(), placeOf }),
          nextTurn,
        );
        await store.saveCall(
          tenantId,
          {
            callId: call.id,
            version: call.version,
            startAt: Date.parse(call.startDateTime) || now(),
            callType: call.type,
            source,
          },
          facts,
        );
      } catch (error) {
        log(
          "warn",
          "history",
          `a call's streams were not kept: ${error instanceof Error ? error.message : String(error)}`,
          { callId: call.id },
        );
      }
    },

    /**
     * Brings the stored sites in line with the current building file (after an upload, and at start in case an
     * earlier run stopped part way): one run at a time in this process; a newer upload during a run stops it
     * at the next day and starts over with the new file.
     */
    applySites(): Promise<void> {
      const applier = options.sitesApplier;
      if (!applier) return Promise.resolve();
      applyAgain = true;
      applying ??= (async () => {
        try {
          while (applyAgain) {
            applyAgain = false;
            const file = (await options.buildingFile?.()) ?? null;
            const uploadedAt = file?.uploadedAt ?? 0;
            const progress = await applier.progress(tenantId);
            // Never uploaded, or this file applied already.
            if (!progress && !file) continue;
            if (progress?.uploadedAt === uploadedAt && progress.finishedAt !== null) continue;
            await applier.apply(
              tenantId,
              uploadedAt,
              placeFinder(file?.sites ?? []),
              now(),
              () => applyAgain,
            );
          }
        } catch (error) {
          log(
            "warn",
            "history",
            `the building file was not applied to the history: ${error instanceof Error ? error.message : String(error)}`,
          );
        } finally {
          applying = null;
        }
      })();
      return applying;
    },

    /** How far the current building file has been applied to the stored history. */
    sitesProgress() {
      return options.sitesApplier?.progress(tenantId) ?? Promise.resolve(null);
    },

    /** Forgets facts past the retention and erases personal values past their window. */
    async retain(): Promise<void> {
      const { erased } = await store.retain(tenantId, now(), config.days, config.personalDays);
      if (erased > 0)
        log(
          "info",
          "history",
          `erased the personal values of ${erased} streams older than ${config.personalDays} days`,
        );
    },

    /** Runs the retention soon after start and then hourly, off the request path; the timer never keeps a process alive. */
    startRetention(everyMs = 3_600_000): void {
      const run = () =>
        void this.retain().catch((error: unknown) =>
          log(
            "warn",
            "history",
            `retention failed: ${error instanceof Error ? error.message : String(error)}`,
          ),
        );
      setTimeout(run, 10_000).unref();
      setInterval(run, everyMs).unref();
    },

    /** The demo tenant's synthetic past, written once, a day at a time. */
    seedDemo(): Promise<void> {
      if (!options.demo) return Promise.resolve();
      seeding ??= (async () => {
        // Calls opened before the first visit may be kept already: the synthetic past is written all the same.
        if (await store.hasSource(tenantId, "demo")) return;
        const calls = demoHistory(now(), await pseudonymizer());
        for (let i = 0; i < calls.length;) {
          const day = dayOf(calls[i]?.call.startAt ?? 0);
          const batch = [];
          while (i < calls.length && dayOf(calls[i]?.call.startAt ?? 0) === day)
            batch.push(calls[i++] as (typeof calls)[number]);
          await store.addNew(tenantId, batch);
          await nextTurn();
        }
        log("info", "history", `wrote the demo's ${DEMO_HISTORY_DAYS}-day history (${calls.length} calls)`);
      })().catch((error: unknown) =>
        // Another instance on the same database may have written it first: the history is there either way.
        log(
          "warn",
          "history",
          `the demo's past was not written here: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
      return seeding;
    },

    /**
     * The window of an export (`from`, `to`; default the last 30 days, at most EXPORT_DAYS), and whether
     * personal values are left out (Readers).
     */
    exportWindow(principal: Principal, params: URLSearchParams) {
      const { fromDay, toDay } = windowOf(params);
      if (toDay - fromDay + 1 > EXPORT_DAYS)
        throw new HistoryError(
          400,
          "invalid_parameter",
          `An export covers at most ${EXPORT_DAYS} days: narrow from and to.`,
        );
      return {
        csv: () => factsCsv(store, tenantId, fromDay, toDay, !principal.seesPersonalData),
        parquet: () => factsParquet(store, tenantId, fromDay, toDay, !principal.seesPersonalData),
        name: `callscope-streams-${new Date(fromDay * DAY_MS).toISOString().slice(0, 10)}-to-${new Date(toDay * DAY_MS).toISOString().slice(0, 10)}`,
      };
    },

    /**
     * One dimension value over a window: its poor share per day against the tenant's, its calls, and, when
     * asked (`beforeFrom`…`afterTo`), two periods compared with whether the change is significant.
     */
    async dimension(
      _principal: Principal,
      name: string,
      value: string,
      params: URLSearchParams,
    ): Promise<string> {
      if (options.demo) await this.seedDemo();
      const dimension = dimensionNamed(name);
      if (!dimension)
        throw new HistoryError(
          400,
          "invalid_parameter",
          `dimension must be one of ${DIMENSIONS.map((d) => d.name).join(", ")}.`,
        );
      if (value.length === 0 || value.length > 200)
        throw new HistoryError(400, "invalid_parameter", "value must be 1 to 200 characters.");
      const window = windowOf(params);
      const [own, tenant] = await Promise.all([
        store.rollups(tenantId, window.fromDay, window.toDay, [dimension.name], value),
        store.rollups(tenantId, window.fromDay, window.toDay, [TOTAL]),
      ]);
      const days = [];
      for (let day = window.fromDay; day <= window.toDay; day++) {
        const mine = own.filter((row) => row.day === day);
        const all = tenant.filter((row) => row.day === day);
        days.push({
          day: new Date(day * DAY_MS).toISOString().slice(0, 10),
          streams: mine.reduce((n, r) => n + r.streams, 0),
          poor: mine.reduce((n, r) => n + r.poor, 0),
          tenantStreams: all.reduce((n, r) => n + r.streams, 0),
          tenantPoor: all.reduce((n, r) => n + r.poor, 0),
        });
      }
      const periods = await comparePeriods(params, (from, to) =>
        store.rollups(tenantId, from, to, [dimension.name], value),
      );
      const calls = await store.callsWith(
        tenantId,
        dimension.column,
        value,
        window.fromDay,
        window.toDay,
        100,
      );
      return JSON.stringify({
        dimension: dimension.name,
        label: dimension.label,
        value,
        shown: showValue(dimension, value),
        from: isoDay(window.fromDay),
        to: isoDay(window.toDay),
        days,
        // The window's share with its interval, and the tenant's, said once here rather than summed on the page.
        window: tally(
          days.reduce((n, d) => n + d.streams, 0),
          days.reduce((n, d) => n + d.poor, 0),
        ),
        tenant: tally(
          days.reduce((n, d) => n + d.tenantStreams, 0),
          days.reduce((n, d) => n + d.tenantPoor, 0),
        ),
        calls: calls.map((call) => ({
          ...call,
          startDateTime: new Date(call.startAt).toISOString(),
          inGraph: call.startAt >= now() - 30 * DAY_MS,
        })),
        periods,
        keptDays: config.days,
        graphDays: 30,
      });
    },

    /** A heatmap cell's calls: one hour of one weekday (`3-14`: Wednesday 14:00 UTC) over a window. */
    async hourCalls(_principal: Principal, cell: string, params: URLSearchParams): Promise<string> {
      if (options.demo) await this.seedDemo();
      const match = /^([0-6])-(\d{1,2})$/.exec(cell);
      const hour = Number(match?.[2]);
      if (!match || hour > 23)
        throw new HistoryError(
          400,
          "invalid_parameter",
          "The cell must be a weekday 0–6 (Sunday first) and an hour 0–23, like 3-14.",
        );
      const window = windowOf(params);
      const calls = await store.callsAtHour(
        tenantId,
        Number(match[1]),
        hour,
        window.fromDay,
        window.toDay,
        100,
      );
      return JSON.stringify({
        weekday: Number(match[1]),
        hour,
        from: isoDay(window.fromDay),
        to: isoDay(window.toDay),
        calls: calls.map((call) => ({
          ...call,
          startDateTime: new Date(call.startAt).toISOString(),
          inGraph: call.startAt >= now() - 30 * DAY_MS,
        })),
      });
    },

    /** A person's whole history (Investigators: it is about one person), found by the pseudonym of their object ID. */
    async person(principal: Principal, objectId: string, params: URLSearchParams): Promise<string> {
      requireInvestigator(principal, "see one person's call history");
      if (options.demo) await this.seedDemo();
      const window = windowOf(params, config.days);
      const id = (await pseudonymizer())(objectId);
      const rows = await store.personStreams(tenantId, id, window.fromDay, window.toDay, 50_000);
      const history = personHistory(
        rows as unknown as Parameters<typeof personHistory>[0],
        id,
        window.fromDay,
        window.toDay,
      );
      const graphKeeps = now() - 30 * DAY_MS;
      return JSON.stringify({
        objectId: objectId.toLowerCase(),
        from: isoDay(window.fromDay),
        to: isoDay(window.toDay),
        ...history,
        calls: history.calls.slice(0, 500).map((call) => ({
          ...call,
          startDateTime: new Date(call.startAt).toISOString(),
          // Graph keeps a record 30 days: older ones open as their stored summary only.
          inGraph: call.startAt >= graphKeeps,
        })),
        callCount: history.calls.length,
        personalDays: config.personalDays,
      });
    },

    /** The overview of a window (default: the last 30 days), with the 30 days before its last week as baseline. */
    async overview(_principal: Principal, params: URLSearchParams): Promise<string> {
      if (options.demo) await this.seedDemo();
      const { fromDay, toDay } = windowOf(params);
      const media = params.get("media");
      if (media !== null && media !== "" && !MEDIA_SHOWN.some((m) => m.media === media))
        throw new HistoryError(
          400,
          "invalid_parameter",
          `media must be one of ${MEDIA_SHOWN.map((m) => m.media).join(", ")}.`,
        );
      // Summed by the database (the days' totals, and each dimension value and hour over the window), counted,
      // and the backfill's progress read, all at once: on PostgreSQL each query has a connection of its own.
      const [rows, counts, backfill] = await Promise.all([
        store.overviewRows(tenantId, Math.min(fromDay, toDay - 36), fromDay, toDay, media || null),
        store.counts(tenantId, fromDay, toDay),
        options.backfillProgress?.().catch(() => null),
      ]);
      const inWindow = rows.filter((row) => row.day >= fromDay);
      const overview = overviewOf(inWindow, fromDay, toDay, config.bands, media || null);
      // The status compares the window's last week with the 30 days before it, even when those fall outside it.
      const statusFrom = overviewOf(
        rows.filter((row) => row.dimension === TOTAL),
        toDay - 36,
        toDay,
        config.bands,
        media || null,
      );
      return JSON.stringify({
        ...overview,
        media: statusFrom.media,
        from: new Date(fromDay * DAY_MS).toISOString().slice(0, 10),
        to: new Date(toDay * DAY_MS).toISOString().slice(0, 10),
        calls: counts.calls,
        people: counts.people,
        bands: config.bands,
        keptDays: config.days,
        demo: options.demo === true,
        backfill: backfill && !backfill.complete ? { through: backfill.to, problem: backfill.problem } : null,
        empty: overview.totals.streams === 0,
        emptyReason:
          overview.totals.streams === 0
            ? (await store.isEmpty(tenantId))
              ? "No calls judged yet: turn on change notifications (CALLSCOPE_PUBLIC_URL) so callscope judges every call as Graph publishes it; the history fills from then on."
              : "No classified streams in this window: pick an earlier or longer one."
            : null,
      });
    },
  };
}

export type HistoryService = ReturnType<typeof createHistoryService>;
