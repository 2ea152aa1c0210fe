// A person's history, from their streams (pure): their calls and what part they had in each, their trend,
// what their poor streams share, and the people they have poor calls with. Only what the streams say: a stream
// they sent arrived poor, or one they received did; who caused it is the drill-down's question.
import type { FactValue } from "@/lib/callrecords/stream-facts";
import { DIMENSIONS, showValue } from "./dimensions";
import { dayOf, DAY_MS } from "./rollup";

type Stream = Record<string, FactValue> & { call_id: FactValue; start_at: FactValue };

export interface PersonCall {
  callId: string;
  startAt: number;
  streams: number;
  /** Streams they sent that arrived poor. */
  sentPoor: number;
  /** Streams they received poor. */
  receivedPoor: number;
}

export interface PersonHistory {
  name: string | null;
  calls: PersonCall[];
  days: { day: string; streams: number; poor: number }[];
  sent: { streams: number; poor: number };
  received: { streams: number; poor: number };
  /** What the poor streams they sent share, most shared first: "7 of 9 on Wi-Fi 2.4 GHz". */
  shared: { dimension: string; label: string; value: string; shown: string; count: number; of: number }[];
  /** The people at the other end of their poor streams, by pseudonym (name while it is kept). */
  partners: { person: string; name: string | null; poorStreams: number }[];
}

const classified = (row: Stream) => row.quality === 0 || row.quality === 1;

export function personHistory(
  rows: readonly Stream[],
  person: string,
  fromDay: number,
  toDay: number,
): PersonHistory {
  const calls = new Map<string, PersonCall>();
  const days = new Map<number, { streams: number; poor: number }>();
  const sent = { streams: 0, poor: 0 };
  const received = { streams: 0, poor: 0 };
  const sharedCounts = new Map<string, { dimension: string; value: string; count: number }>();
  const partners = new Map<string, { person: string; name: string | null; poorStreams: number }>();
  let name: string | null = null;
  for (const row of rows) {
    const sentByThem = row.sender_person === person;
    const side = sentByThem ? "sender" : "receiver";
    const other = sentByThem ? "receiver" : "sender";
    name ??= (row[`${side}_name`] as string | null) ?? null;
    if (!classified(row)) continue;
    const poor = row.quality === 1;
    const startAt = Number(row.start_at);
    const callId = String(row.call_id);
    const call = calls.get(callId) ?? { callId, startAt, streams: 0, sentPoor: 0, receivedPoor: 0 };
    call.streams += 1;
    call.startAt = Math.min(call.startAt, startAt);
    if (poor && sentByThem) call.sentPoor += 1;
    if (poor && !sentByThem) call.receivedPoor += 1;
    calls.set(callId, call);
    const day = days.get(dayOf(startAt)) ?? { streams: 0, poor: 0 };
    day.streams += 1;
    if (poor) day.poor += 1;
    days.set(dayOf(startAt), day);
    const tally = sentByThem ? sent : received;
    tally.streams += 1;
    if (poor) tally.poor += 1;
    if (!poor) continue;
    if (sentByThem)
      for (const dimension of DIMENSIONS) {
        const value = row[`${side}_${dimension.column}`];
        if (value === null || value === undefined || value === "") continue;
        const key = `${dimension.name}\u0000${value}`;
        const entry = sharedCounts.get(key) ?? { dimension: dimension.name, value: String(value), count: 0 };
        entry.count += 1;
        sharedCounts.set(key, entry);
      }
    const partner = row[`${other}_person`];
    if (typeof partner === "string") {
      const entry = partners.get(partner) ?? { person: partner, name: null, poorStreams: 0 };
      entry.poorStreams += 1;
      entry.name ??= (row[`${other}_name`] as string | null) ?? null;
      partners.set(partner, entry);
    }
  }
  const dayList = [];
  for (let day = fromDay; day <= toDay; day++)
    dayList.push({
      day: new Date(day * DAY_MS).toISOString().slice(0, 10),
      ...(days.get(day) ?? { streams: 0, poor: 0 }),
    });
  return {
    name,
    calls: [...calls.values()].sort((a, b) => b.startAt - a.startAt),
    days: dayList,
    sent,
    received,
    shared: [...sharedCounts.values()]
      // A value most of their poor streams share says something; one that a few share is noise.
      .filter((entry) => sent.poor >= 3 && entry.count / sent.poor >= 0.5)
      .sort((a, b) => b.count - a.count)
      .slice(0, 6)
      .map((entry) => {
        const dimension = DIMENSIONS.find((d) => d.name === entry.dimension);
        return {
          dimension: entry.dimension,
          label: dimension?.label ?? entry.dimension,
          value: entry.value,
          shown: dimension ? showValue(dimension, entry.value) : entry.value,
          count: entry.count,
          of: sent.poor,
        };
      }),
    partners: [...partners.values()].sort((a, b) => b.poorStreams - a.poorStreams).slice(0, 10),
  };
}
