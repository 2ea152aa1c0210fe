// What each kind of rule sees, as observations (a value, the window it is about, whether it fires, and the
// alert's words). Pure: the evaluator feeds it what the feed judged and what the history holds; the preview
// feeds it the past. A new kind of rule is a function here and an entry in evaluator.ts.
import { PART_LABELS } from "@/lib/callrecords/attribution";
import { CALL_TYPE_LABELS, lookup } from "@/lib/callrecords/describe";
import { formatDateTime } from "@/lib/format/dates";
import type { PersonPart } from "@/lib/callrecords/person-parts";
import type { PhoneLogRow } from "@/lib/callrecords/phone-log";
import { isFailedPhoneCall } from "@/lib/callrecords/phone-log";
import { formatPercent } from "@/lib/format/percent";
import { dimensionNamed, showValue } from "@/lib/history/dimensions";
import type { WhereRow } from "@/lib/history/overview";
import type { AlertMessage, AlertRule, BandSpec, PersonSpec, TrunkSpec } from "./model";
import { WINDOWS } from "./model";
import { formatCount } from "@/lib/format/numbers";

export interface Observation {
  valueKey: string;
  /** With the rule and value, what makes an alert unique: a second instance observing the same writes nothing. */
  windowKey: string;
  firing: boolean;
  message: AlertMessage | null;
}

export interface Tally {
  streams: number;
  poor: number;
}

const share = (t: Tally) => (t.streams > 0 ? t.poor / t.streams : 0);
const link = (base: string | null, label: string, path: string) =>
  base ? { label, url: `${base}${path}` } : null;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

/** The call a person rule looks at: what the feed judged (lib/feed/model.ts FeedCall, the fields it needs). */
export interface JudgedCall {
  callId: string;
  type: string | null;
  startDateTime: string;
  quality: "good" | "poor" | "unclassified";
  worst: { text: string } | null;
  roles?: { people: PersonPart[] };
  peopleCount: number;
}

/** A person rule: one observation per watched person whose part in a poor call is one the rule asks for. */
export function personObservations(
  rule: AlertRule & { spec: PersonSpec },
  call: JudgedCall,
  watched: ReadonlyMap<string, string>,
  linkBase: string | null,
): Observation[] {
  if (call.quality !== "poor") return [];
  const wanted =
    rule.spec.people === "watch-list" ? null : new Set(rule.spec.people.map((id) => id.toLowerCase()));
  const out: Observation[] = [];
  for (const person of call.roles?.people ?? []) {
    const id = person.identity?.id?.toLowerCase();
    if (!id || !watched.has(id) || (wanted && !wanted.has(id))) continue;
    if (!(rule.spec.parts as string[]).includes(person.part)) continue;
    const name = person.identity?.displayName ?? watched.get(id) ?? "A watched person";
    const part = PART_LABELS[person.part];
    out.push({
      valueKey: id,
      windowKey: call.callId,
      firing: true,
      message: {
        ruleId: rule.id,
        ruleName: rule.name,
        kind: "person",
        title: `${name} had a poor call (${part})`,
        summary: person.worst
          ? `Their worst stream: ${person.worst.text} (${person.worst.direction}).${person.network ? ` Their side: ${person.network}.` : ""}`
          : (call.worst?.text ?? "The call's streams were poor."),
        facts: [
          { name: "Their part", value: part },
          {
            name: "Call",
            value: `${lookup(CALL_TYPE_LABELS, call.type ?? "unknown") ?? "Call"}, ${call.peopleCount} ${call.peopleCount === 1 ? "person" : "people"}`,
          },
          { name: "Started", value: formatDateTime(call.startDateTime, false) },
          ...(person.networkKind ? [{ name: "Connection", value: person.networkKind }] : []),
        ],
        link: link(linkBase, "Open the call in callscope", `/calls/${call.callId}`),
        at: call.startDateTime,
      },
    });
  }
  return out;
}

/** A band rule: each value over the band with enough streams and far enough over its own usual fires; others recover. */
export function bandObservations(
  rule: AlertRule & { spec: BandSpec },
  current: ReadonlyMap<string, Tally>,
  baseline: ReadonlyMap<string, Tally>,
  openValues: readonly string[],
  now: number,
  linkBase: string | null,
): Observation[] {
  const spec = rule.spec;
  const dimension = dimensionNamed(spec.dimension);
  const watchedValues = spec.values ? new Set(spec.values) : null;
  const windowKey = String(Math.floor(now / Math.max(60_000, rule.cooldownMinutes * 60_000)));
  const values = new Set(
    [...current.keys(), ...openValues].filter((v) => !watchedValues || watchedValues.has(v)),
  );
  const out: Observation[] = [];
  for (const value of values) {
    const tally = current.get(value) ?? { streams: 0, poor: 0 };
    const usual = baseline.get(value);
    const rate = share(tally);
    const usualRate = usual && usual.streams > 0 ? share(usual) : null;
    const firing =
      tally.streams >= spec.minStreams &&
      rate * 100 >= spec.bandPercent &&
      // 0 points: the band alone decides; else the value must also stand out from its own usual.
      (spec.overBaselinePoints === 0 ||
        usualRate === null ||
        (rate - usualRate) * 100 >= spec.overBaselinePoints);
    const shown = dimension ? showValue(dimension, value) : value;
    const label = dimension?.label ?? spec.dimension;
    out.push({
      valueKey: value,
      windowKey,
      firing,
      message: firing
        ? {
            ruleId: rule.id,
            ruleName: rule.name,
            kind: "band",
            title: `${label} ${shown}: ${formatPercent(rate)} of streams poor in ${WINDOWS[spec.window].label}`,
            summary: `${formatCount(tally.poor)} of ${formatCount(tally.streams)} ${spec.media === "all" ? "" : `${spec.media} `}streams were poor, over the rule's band of ${spec.bandPercent} %${
              usualRate === null
                ? "; there is no earlier history to compare with."
                : `; its usual over the previous four weeks: ${formatPercent(usualRate)} of ${formatCount(usual?.streams ?? 0)}.`
            }`,
            facts: [
              { name: label, value: shown },
              { name: "Poor streams", value: `${formatPercent(rate)} (${tally.poor} of ${tally.streams})` },
              { name: "Usual", value: usualRate === null ? "no earlier history" : formatPercent(usualRate) },
              { name: "Window", value: `${WINDOWS[spec.window].label}, to ${iso(now)}` },
            ],
            link: link(
              linkBase,
              "Open it in Quality",
              `/quality/${spec.dimension}/${encodeURIComponent(value)}`,
            ),
            at: iso(now),
          }
        : null,
    });
  }
  return out;
}

/** New tenant-wide causes: a value in today's ranking that yesterday's did not list. */
export function newCauseObservations(
  rule: AlertRule,
  today: readonly WhereRow[],
  yesterday: readonly WhereRow[],
  openValues: readonly string[],
  day: number,
  linkBase: string | null,
): Observation[] {
  const key = (row: Pick<WhereRow, "dimension" | "value">) => `${row.dimension}=${row.value}`;
  const before = new Set(yesterday.map(key));
  const fresh = today.filter((row) => !before.has(key(row))).slice(0, 5);
  const out: Observation[] = fresh.map((row) => ({
    valueKey: key(row),
    windowKey: String(day),
    firing: true,
    message: {
      ruleId: rule.id,
      ruleName: rule.name,
      kind: "new-cause",
      title: `New in "where the problem is": ${row.label} ${row.shown}`,
      summary: `${formatPercent(row.share)} of its ${formatCount(row.streams)} streams were poor in the last day, against ${formatPercent(row.outsideShare)} elsewhere; yesterday's ranking did not list it.`,
      facts: [
        { name: row.label, value: row.shown },
        { name: "Poor streams", value: `${formatPercent(row.share)} (${row.poor} of ${row.streams})` },
        { name: "Elsewhere", value: formatPercent(row.outsideShare) },
      ],
      link: link(
        linkBase,
        "Open it in Quality",
        `/quality/${row.dimension}/${encodeURIComponent(row.value)}`,
      ),
      at: new Date(day * 86_400_000).toISOString().slice(0, 10),
    },
  }));
  const listed = new Set(today.map(key));
  for (const value of openValues)
    if (!listed.has(value))
      out.push({ valueKey: value, windowKey: String(day), firing: false, message: null });
  return out;
}

/** Direct Routing: per trunk, the failed share or the count of one final SIP code. */
export function trunkObservations(
  rule: AlertRule & { spec: TrunkSpec },
  rows: readonly PhoneLogRow[],
  openValues: readonly string[],
  now: number,
  linkBase: string | null,
): Observation[] {
  const spec = rule.spec;
  const byTrunk = new Map<string, PhoneLogRow[]>();
  for (const row of rows) {
    const trunk = row.trunkFqdn?.toLowerCase();
    if (!trunk || (spec.trunk && trunk !== spec.trunk.toLowerCase())) continue;
    byTrunk.set(trunk, [...(byTrunk.get(trunk) ?? []), row]);
  }
  const windowKey = String(Math.floor(now / Math.max(60_000, rule.cooldownMinutes * 60_000)));
  const out: Observation[] = [];
  for (const trunk of new Set([...byTrunk.keys(), ...openValues])) {
    const calls = byTrunk.get(trunk) ?? [];
    const failed = calls.filter(isFailedPhoneCall);
    const withCode = spec.sipCode ? calls.filter((row) => row.finalSipCode === spec.sipCode?.code) : [];
    const failedShare = calls.length > 0 ? failed.length / calls.length : 0;
    const overFailed = spec.failedPercent !== null && failedShare * 100 >= spec.failedPercent;
    const overCode = spec.sipCode !== null && withCode.length >= spec.sipCode.atLeast;
    const firing = calls.length >= spec.minCalls && (overFailed || overCode);
    const phrases = [...new Set(failed.map((row) => row.finalSipCodePhrase).filter(Boolean))].slice(0, 3);
    out.push({
      valueKey: trunk,
      windowKey,
      firing,
      message: firing
        ? {
            ruleId: rule.id,
            ruleName: rule.name,
            kind: "trunk",
            title: overCode
              ? `Trunk ${trunk}: ${withCode.length} calls ended with SIP ${spec.sipCode?.code} in ${WINDOWS[spec.window].label}`
              : `Trunk ${trunk}: ${formatPercent(failedShare)} of calls failed in ${WINDOWS[spec.window].label}`,
            summary: `${failed.length} of ${calls.length} Direct Routing calls through ${trunk} failed${phrases.length ? ` (${phrases.join("; ")})` : ""}.`,
            facts: [
              { name: "Trunk", value: trunk },
              { name: "Failed", value: `${failed.length} of ${calls.length}` },
              ...(spec.sipCode ? [{ name: `SIP ${spec.sipCode.code}`, value: String(withCode.length) }] : []),
            ],
            link: link(linkBase, "Open the Direct Routing log", `/phone-logs?kind=directRouting&failed=1`),
            at: iso(now),
          }
        : null,
    });
  }
  return out;
}
