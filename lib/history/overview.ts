// The tenant's quality over a window, from the day rollups alone (pure): the poor-stream rate per day and
// media, the last 7 days against the 30 before them with a status, where the problem is (every dimension
// value against the rest of the tenant, the meeting-causes z-test at tenant scale), and the hour × weekday map.
import { MIN_STREAMS, MIN_Z, zScore } from "@/lib/callrecords/causes";
import { wilsonInterval, type Interval } from "@/lib/stats/wilson";
import { DAY_MS } from "./rollup";
import { DIMENSIONS, showValue } from "./dimensions";
import { HOUR, TOTAL, type RollupRow } from "./rollup";

export interface StatusBands {
  /** A poor share at or above this is critical (default 0.2). */
  critical: number;
  /** At or above this, degraded (default 0.05); below, healthy. */
  degraded: number;
  /** Fewer classified streams than this: "not enough calls to judge". */
  minStreams: number;
}

export const DEFAULT_BANDS: StatusBands = { critical: 0.2, degraded: 0.05, minStreams: 30 };

export type Status = "critical" | "degraded" | "healthy" | "not-enough";

export const MEDIA_SHOWN = [
  { media: "audio", label: "Audio" },
  { media: "video", label: "Video" },
  { media: "screenSharing", label: "Screen sharing" },
] as const;

export interface Tally {
  streams: number;
  poor: number;
  share: number | null;
  /** The share's 95 % Wilson interval: how sure it is with this many streams. */
  interval: Interval | null;
}

/** Streams, poor ones, the share and its interval. */
export const tally = (streams: number, poor: number): Tally => ({
  streams,
  poor,
  share: streams > 0 ? poor / streams : null,
  interval: wilsonInterval(poor, streams),
});

export function statusOf(t: Pick<Tally, "streams" | "poor" | "share">, bands: StatusBands): Status {
  if (t.streams < bands.minStreams || t.share === null) return "not-enough";
  return t.share >= bands.critical ? "critical" : t.share >= bands.degraded ? "degraded" : "healthy";
}

export interface WhereRow {
  dimension: string;
  label: string;
  value: string;
  shown: string;
  streams: number;
  poor: number;
  share: number;
  /** The share's 95 % Wilson interval. */
  interval: Interval;
  outsideShare: number;
  z: number;
}

export interface Overview {
  fromDay: number;
  toDay: number;
  totals: Tally;
  media: {
    media: string;
    label: string;
    last7: Tally;
    baseline: Tally;
    status: Status;
    baselineStatus: Status;
  }[];
  days: { day: string; media: Record<string, Tally> }[];
  where: WhereRow[];
  heatmap: { weekday: number; hour: number; streams: number; poor: number }[];
}

const isoDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** The overview of days [fromDay, toDay] from their rollup rows, optionally one media only. */
export function overviewOf(
  rows: readonly RollupRow[],
  fromDay: number,
  toDay: number,
  bands: StatusBands = DEFAULT_BANDS,
  media: string | null = null,
): Overview {
  const inMedia = (row: RollupRow) => media === null || row.media === media;
  const totals = rows.filter((row) => row.dimension === TOTAL && inMedia(row));
  const sum = (list: readonly RollupRow[]) =>
    tally(
      list.reduce((n, r) => n + r.streams, 0),
      list.reduce((n, r) => n + r.poor, 0),
    );

  const byDay = new Map<number, Map<string, RollupRow[]>>();
  for (const row of totals) {
    const day = byDay.get(row.day) ?? new Map<string, RollupRow[]>();
    day.set(row.media, [...(day.get(row.media) ?? []), row]);
    byDay.set(row.day, day);
  }
  const days = [];
  for (let day = fromDay; day <= toDay; day++) {
    const entry = byDay.get(day);
    days.push({
      day: isoDay(day),
      media: Object.fromEntries(MEDIA_SHOWN.map(({ media: kind }) => [kind, sum(entry?.get(kind) ?? [])])),
    });
  }

  const window = (from: number, to: number, kind: string) =>
    sum(totals.filter((row) => row.media === kind && row.day >= from && row.day <= to));
  const mediaRows = MEDIA_SHOWN.filter(({ media: kind }) => media === null || kind === media).map(
    ({ media: kind, label }) => {
      const last7 = window(toDay - 6, toDay, kind);
      const baseline = window(toDay - 36, toDay - 7, kind);
      return {
        media: kind,
        label,
        last7,
        baseline,
        status: statusOf(last7, bands),
        baselineStatus: statusOf(baseline, bands),
      };
    },
  );

  const all = sum(totals);
  const grouped = new Map<string, { dimension: string; value: string; streams: number; poor: number }>();
  for (const row of rows) {
    if (row.dimension === TOTAL || row.dimension === HOUR || !inMedia(row)) continue;
    const key = `${row.dimension}\u0000${row.value}`;
    const group = grouped.get(key) ?? { dimension: row.dimension, value: row.value, streams: 0, poor: 0 };
    group.streams += row.streams;
    group.poor += row.poor;
    grouped.set(key, group);
  }
  const where: WhereRow[] = [];
  for (const group of grouped.values()) {
    const dimension = DIMENSIONS.find((d) => d.name === group.dimension);
    const outsideStreams = all.streams - group.streams;
    const outsidePoor = all.poor - group.poor;
    if (!dimension || group.streams < Math.max(MIN_STREAMS, bands.minStreams) || outsideStreams <= 0)
      continue;
    const z = zScore(group.poor, group.streams, outsidePoor, outsideStreams);
    if (z < MIN_Z) continue;
    where.push({
      dimension: dimension.name,
      label: dimension.label,
      value: group.value,
      shown: showValue(dimension, group.value),
      streams: group.streams,
      poor: group.poor,
      share: group.poor / group.streams,
      interval: wilsonInterval(group.poor, group.streams) as Interval,
      outsideShare: outsidePoor / outsideStreams,
      z,
    });
  }
  where.sort((a, b) => b.z - a.z);

  const cells = new Map<string, { weekday: number; hour: number; streams: number; poor: number }>();
  for (const row of rows) {
    if (row.dimension !== HOUR || !inMedia(row)) continue;
    const [weekday, hour] = row.value.split("-").map(Number);
    const cell = cells.get(row.value) ?? { weekday: weekday ?? 0, hour: hour ?? 0, streams: 0, poor: 0 };
    cell.streams += row.streams;
    cell.poor += row.poor;
    cells.set(row.value, cell);
  }
  return {
    fromDay,
    toDay,
    totals: all,
    media: mediaRows,
    days,
    where: where.slice(0, 50),
    heatmap: [...cells.values()].sort((a, b) => a.weekday - b.weekday || a.hour - b.hour),
  };
}
