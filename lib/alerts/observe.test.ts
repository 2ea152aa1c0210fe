import { describe, expect, it } from "vitest";
import directExample from "@/lib/graph/fixtures/get-direct-routing-calls.json";
import { parsePhoneLogPage } from "@/lib/callrecords/parse-phone-log";
import type { Part } from "@/lib/callrecords/attribution";
import type { PhoneLogRow } from "@/lib/callrecords/phone-log";
import type { AlertRule, BandSpec, PersonSpec, RuleSpec, TrunkSpec } from "./model";
import { bandObservations, personObservations, trunkObservations, type JudgedCall } from "./observe";

import { alertRule, judgedCall, MATEO, PRIYA } from "@/lib/testing/alert-stack";
const NOW = Date.UTC(2026, 11, 4, 12, 0);

const ruleOf = <S extends RuleSpec>(spec: S) => alertRule(spec, [], { id: "r1" }) as AlertRule & { spec: S };

/** Priya and Mateo's 1:1 with their parts; whoever is impacting is on weak 2.4 GHz Wi-Fi. */
const call = (parts: [Part, Part], quality: JudgedCall["quality"] = "poor"): JudgedCall => ({
  ...judgedCall(
    "c1",
    parts,
    Date.parse("2026-12-04T11:00:00Z"),
    parts.map((part) => (part === "impacting" ? "Wi-Fi 2.4 GHz, signal 35 %" : null)) as [
      string | null,
      string | null,
    ],
  ),
  quality,
});

describe("a person rule", () => {
  const watched = new Map([
    [PRIYA, "Priya Raman"],
    [MATEO, "Mateo Alvarez"],
  ]);
  const impactingOnly = ruleOf<PersonSpec>({ kind: "person", people: "watch-list", parts: ["impacting"] });

  it("alerts on the person whose part the rule asks for — and on the other when the call is mirrored", () => {
    const one = personObservations(impactingOnly, call(["impacting", "impacted"]), watched, null);
    expect(one.map((o) => o.valueKey)).toEqual([PRIYA]);
    expect(one[0]?.message?.title).toBe("Priya Raman had a poor call (impacting)");
    expect(one[0]?.message?.summary).toContain("Wi-Fi 2.4 GHz");
    const mirrored = personObservations(impactingOnly, call(["impacted", "impacting"]), watched, null);
    expect(mirrored.map((o) => o.valueKey)).toEqual([MATEO]);
  });

  it("says nothing of a good call, of people not watched, or of people the rule does not name", () => {
    expect(personObservations(impactingOnly, call(["impacting", "impacted"], "good"), watched, null)).toEqual(
      [],
    );
    expect(
      personObservations(impactingOnly, call(["impacting", "impacted"]), new Map([[MATEO, "M"]]), null),
    ).toEqual([]);
    const mateoOnly = ruleOf<PersonSpec>({
      kind: "person",
      people: [MATEO],
      parts: ["impacting", "impacted", "unclear"],
    });
    expect(
      personObservations(mateoOnly, call(["impacting", "impacted"]), watched, null).map((o) => o.valueKey),
    ).toEqual([MATEO]);
  });

  it("links to the call when callscope knows its own address, and keys the alert by the call", () => {
    const [o] = personObservations(
      impactingOnly,
      call(["impacting", "fine"]),
      watched,
      "https://callscope.example",
    );
    expect(o?.message?.link?.url).toBe("https://callscope.example/calls/c1");
    expect(o?.windowKey).toBe("c1");
  });
});

describe("a band rule", () => {
  const spec: BandSpec = {
    kind: "band",
    dimension: "site",
    values: null,
    window: "24h",
    bandPercent: 10,
    minStreams: 50,
    overBaselinePoints: 5,
    media: "all",
  };
  const rule = ruleOf(spec);
  const tallies = (entries: [string, number, number][]) =>
    new Map(entries.map(([value, streams, poor]) => [value, { streams, poor }]));

  it("fires for a value over the band, with enough streams, well above its own usual", () => {
    const current = tallies([
      ["Lisbon", 200, 40],
      ["Madrid", 200, 30],
      ["Oslo", 20, 10],
    ]);
    const baseline = tallies([
      ["Lisbon", 4000, 120],
      ["Madrid", 4000, 520],
    ]);
    const observations = bandObservations(rule, current, baseline, [], NOW, null);
    const firing = observations.filter((o) => o.firing).map((o) => o.valueKey);
    // Lisbon 20 % against its usual 3 %; Madrid 15 % is its usual 13 %; Oslo has too few streams.
    expect(firing).toEqual(["Lisbon"]);
    expect(observations.find((o) => o.valueKey === "Lisbon")?.message?.summary).toMatch(
      /40 of 200 streams were poor, over the rule's band of 10 %; its usual over the previous four weeks: 3\.0 %/,
    );
  });

  it("lets an open value recover when it is no longer over the band, even with no streams", () => {
    const observations = bandObservations(
      rule,
      tallies([["Lisbon", 200, 4]]),
      new Map(),
      ["Lisbon", "Paris"],
      NOW,
      null,
    );
    expect(observations.map((o) => [o.valueKey, o.firing])).toEqual([
      ["Lisbon", false],
      ["Paris", false],
    ]);
  });

  it("keys alerts by the cooldown's bucket, the same for every instance in it", () => {
    const [a] = bandObservations(rule, tallies([["Lisbon", 200, 40]]), new Map(), [], NOW, null);
    const [b] = bandObservations(rule, tallies([["Lisbon", 200, 40]]), new Map(), [], NOW + 59_000, null);
    expect(a?.windowKey).toBe(b?.windowKey);
  });
});

describe("a trunk rule", () => {
  const row = (trunk: string, ok: boolean, code: number): PhoneLogRow =>
    ({
      trunkFqdn: trunk,
      successful: ok,
      finalSipCode: code,
      finalSipCodePhrase: ok ? "OK" : "Service Unavailable",
      kind: "directRouting",
    }) as PhoneLogRow;
  it("fires per trunk on its failed share or on one final SIP code", () => {
    const spec: TrunkSpec = {
      kind: "trunk",
      trunk: null,
      window: "1h",
      failedPercent: 30,
      sipCode: { code: 503, atLeast: 3 },
      minCalls: 5,
    };
    const rows = [
      ...Array.from({ length: 6 }, () => row("sbc1.contoso.example", true, 200)),
      ...Array.from({ length: 3 }, () => row("sbc1.contoso.example", false, 503)),
      ...Array.from({ length: 8 }, () => row("sbc2.contoso.example", true, 200)),
      row("sbc2.contoso.example", false, 486),
    ];
    const observations = trunkObservations(ruleOf(spec), rows, [], NOW, null);
    expect(observations.map((o) => [o.valueKey, o.firing])).toEqual([
      ["sbc1.contoso.example", true],
      ["sbc2.contoso.example", false],
    ]);
    expect(observations[0]?.message?.title).toMatch(/3 calls ended with SIP 503/);
  });
});

describe("a trunk rule on Graph's own shape", () => {
  it("reads the Direct Routing log as Graph sends it (the getDirectRoutingCalls docs example, varied)", () => {
    // The docs page's row, then the same row as failures: Graph's field names, "0001-01-01" failure times and all.
    const [row] = directExample.value;
    const failed = {
      ...row,
      successfulCall: false,
      finalSipCode: 503,
      finalSipCodePhrase: "Service Unavailable",
      callEndSubReason: 560503,
    };
    const body = {
      ...directExample,
      value: [
        ...Array.from({ length: 7 }, (_, i) => ({ ...row, id: `ok-${i}` })),
        ...Array.from({ length: 3 }, (_, i) => ({ ...failed, id: `failed-${i}` })),
      ],
    };
    const rows = parsePhoneLogPage("directRouting", body).rows;
    expect(rows).toHaveLength(10);
    const spec: TrunkSpec = {
      kind: "trunk",
      trunk: "TLL-AudioCodes01.adatum.biz",
      window: "1h",
      failedPercent: 25,
      sipCode: null,
      minCalls: 5,
    };
    const [observation] = trunkObservations(ruleOf(spec), rows, [], NOW, null);
    expect(observation).toMatchObject({ valueKey: "tll-audiocodes01.adatum.biz", firing: true });
    expect(observation?.message?.summary).toBe(
      "3 of 10 Direct Routing calls through tll-audiocodes01.adatum.biz failed (Service Unavailable).",
    );
    // The same calls all successful: nothing fires.
    const fine = parsePhoneLogPage("directRouting", {
      ...directExample,
      value: body.value.map((r) => ({ ...r, ...row, id: r.id })),
    }).rows;
    expect(trunkObservations(ruleOf(spec), fine, [], NOW, null)[0]?.firing).toBe(false);
  });
});
