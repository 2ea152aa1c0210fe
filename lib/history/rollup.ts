// The rollups kept beside the facts: per day, media, dimension and value, the classified streams and the
// poor ones. Pure, so the store applies them and a test checks them against the raw facts.
import type { FactValue } from "@/lib/callrecords/stream-facts";
import { DIMENSIONS, type Dimension } from "./dimensions";

export const DAY_MS = 86_400_000;
export const dayOf = (ms: number) => Math.floor(ms / DAY_MS);

/** Every classified stream counts here once: the tenant's total. */
export const TOTAL = "all";
/** Weekday (0 = Sunday) and hour, UTC, for the heatmap: `3-14`. */
export const HOUR = "hour";

export interface RollupRow {
  day: number;
  media: string;
  dimension: string;
  value: string;
  streams: number;
  poor: number;
}

/** A fact as the rollup reads it: its time and its columns. */
export interface FactLike {
  startAt: number;
  values: Record<string, FactValue>;
}

/**
 * The increments a set of facts adds (or, with `sign` -1, takes back). A classified stream counts for each
 * value its person ends have (a service end, the conferencing server, is not a place); the same value at
 * both ends counts once. With `only`, just those dimensions' rows (no totals, no hours): what re-applying a
 * building file rewrites.
 */
export function rollupOf(
  facts: readonly FactLike[],
  sign: 1 | -1 = 1,
  only?: readonly Dimension[],
): RollupRow[] {
  const rows = new Map<string, RollupRow>();
  const add = (day: number, media: string, dimension: string, value: string, poor: boolean) => {
    const key = `${day}\u0000${media}\u0000${dimension}\u0000${value}`;
    const row = rows.get(key) ?? { day, media, dimension, value, streams: 0, poor: 0 };
    row.streams += sign;
    if (poor) row.poor += sign;
    rows.set(key, row);
  };
  for (const fact of facts) {
    const quality = fact.values.quality;
    if (quality !== 0 && quality !== 1) continue;
    const poor = quality === 1;
    const day = dayOf(fact.startAt);
    const media = String(fact.values.media ?? "unknown");
    const at = new Date(fact.startAt);
    if (!only) {
      add(day, media, TOTAL, TOTAL, poor);
      add(day, media, HOUR, `${at.getUTCDay()}-${at.getUTCHours()}`, poor);
    }
    const ends = (["sender", "receiver"] as const).filter(
      (side) => fact.values[`${side}_kind`] !== "service",
    );
    for (const dimension of only ?? DIMENSIONS) {
      const values = new Set<string>();
      for (const side of ends) {
        const value = fact.values[`${side}_${dimension.column}`];
        if (value !== null && value !== undefined && value !== "") values.add(String(value));
      }
      for (const value of values) add(day, media, dimension.name, value, poor);
    }
  }
  return [...rows.values()];
}

/** A person's appearances on a day (as sender or receiver of a fact): what the distinct count of people reads. */
export interface PersonDayRow {
  day: number;
  person: string;
  streams: number;
}

/**
 * The people a set of facts adds (or, with `sign` -1, takes back): per day and pseudonym, each end of each fact
 * that names a person once. Any fact counts, classified or not, as the count of people always did.
 */
export function peopleOf(facts: readonly FactLike[], sign: 1 | -1 = 1): PersonDayRow[] {
  const rows = new Map<string, PersonDayRow>();
  for (const fact of facts) {
    const day = dayOf(fact.startAt);
    for (const side of ["sender", "receiver"] as const) {
      const person = fact.values[`${side}_person`];
      if (person === null || person === undefined || person === "") continue;
      const key = `${day}\u0000${String(person)}`;
      const row = rows.get(key) ?? { day, person: String(person), streams: 0 };
      row.streams += sign;
      rows.set(key, row);
    }
  }
  return [...rows.values()];
}
