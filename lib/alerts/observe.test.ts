import { describe, expect, it } from "vitest";
import type { Part } from "@/lib/callrecords/attribution";
import type { PersonPart } from "@/lib/callrecords/person-parts";
import type { PhoneLogRow } from "@/lib/callrecords/phone-log";
import type { AlertRule, BandSpec, PersonSpec, RuleSpec, TrunkSpec } from "./model";
import { bandObservations, personObservations, trunkObservations, type JudgedCall } from "./observe";

const PRIYA = "6a0c2e4f-1b3d-4e5f-8a7b-9c0d1e2f3a01";
const MATEO = "6a0c2e4f-1b3d-4e5f-8a7b-9c0d1e2f3a04";
const NOW = Date.UTC(2026, 11, 4, 12, 0);

function ruleOf<S extends RuleSpec>(spec: S): AlertRule & { spec: S } {
  return {
    id: "r1",
    name: "rule",
    enabled: true,
    cooldownMinutes: 60,
    digest: "none",
    quietHours: null,
    snoozedUntil: null,
    destinationIds: [],
    createdBy: "t",
    createdByName: "T",
    createdAt: 0,
    updatedAt: 0,
    spec,
  };
}

const person = (id: string, name: string, part: Part): PersonPart => ({
  identity: {
    kind: "user",
    id,
    displayName: name,
    userPrincipalName: null,
    tenantId: null,
  } as PersonPart["identity"],
  part,
  worst:
    part === "fine"
      ? null
      : {
          text: "audio packet loss 12 %",
          media: "audio",
          direction: part === "impacted" ? "received" : "sent",
        },
  network: part === "impacting" ? "Wi-Fi 2.4 GHz, signal 35 %" : null,
  networkKind: part === "impacting" ? "Wi-Fi 2.4 GHz" : "wired",
});

const call = (parts: [Part, Part], quality: JudgedCall["quality"] = "poor"): JudgedCall => ({
  callId: "c1",
  type: "peerToPeer",
  startDateTime: "2026-12-04T11:00:00Z",
  quality,
  worst: { text: "audio packet loss 12 %" },
  roles: { people: [person(PRIYA, "Priya Raman", parts[0]), person(MATEO, "Mateo Alvarez", parts[1])] },
  peopleCount: 2,
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
