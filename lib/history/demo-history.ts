// A synthetic 90-day past for the demo tenant, with stories an admin can find on /quality (said on the page):
// the Oslo office degrading for three weeks and fixed, a client version that regressed, an ISP incident of two
// evenings, and one person's recurring home Wi-Fi trouble. Deterministic: the same days every time.
import type { FactValue, StreamFact } from "@/lib/callrecords/stream-facts";
import { DAY_MS, dayOf } from "./rollup";
import type { HistoryCall } from "./store";

export const DEMO_HISTORY_DAYS = 90;

/** The planted stories, for the page's demo notice and the tests that find them. */
export const DEMO_STORIES = {
  site: { value: "Oslo office", from: 60, to: 39 },
  client: { value: "teams 1.7.00.33761", since: 25 },
  isp: { value: "Example Cable (AS64501)", daysAgo: [12, 11], hours: [17, 18, 19, 20, 21] },
  person: { id: "6a0c2e4f-1b3d-4e5f-8a7b-9c0d1e2f3a01", name: "Priya Raman" },
} as const;

const pick = <T>(list: readonly T[], r: number): T => list[Math.floor(r * list.length) % list.length] as T;

/** A small deterministic generator (mulberry32). */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Place {
  site: string | null;
  insideCorp: 0 | 1;
  subnet: string;
  isp: string | null;
  country: string;
  connection: string;
  wifiBand: string | null;
}

const OFFICES: Place[] = [
  {
    site: "Lisbon HQ",
    insideCorp: 1,
    subnet: "10.10.4.0",
    isp: null,
    country: "PT",
    connection: "wired",
    wifiBand: null,
  },
  {
    site: "Lisbon HQ",
    insideCorp: 1,
    subnet: "10.10.8.0",
    isp: null,
    country: "PT",
    connection: "wifi",
    wifiBand: "frequency50GHz",
  },
  {
    site: "Oslo office",
    insideCorp: 1,
    subnet: "10.70.1.0",
    isp: null,
    country: "NO",
    connection: "wifi",
    wifiBand: "frequency50GHz",
  },
  {
    site: "Seattle office",
    insideCorp: 1,
    subnet: "10.128.2.0",
    isp: null,
    country: "US",
    connection: "wired",
    wifiBand: null,
  },
];
const HOMES: Place[] = [
  {
    site: null,
    insideCorp: 0,
    subnet: "192.168.1.0",
    isp: "Example Cable (AS64501)",
    country: "PT",
    connection: "wifi",
    wifiBand: "frequency50GHz",
  },
  {
    site: null,
    insideCorp: 0,
    subnet: "192.168.0.0",
    isp: "Example Fiber (AS64500)",
    country: "GB",
    connection: "wired",
    wifiBand: null,
  },
  {
    site: null,
    insideCorp: 0,
    subnet: "172.20.10.0",
    isp: "Example Mobile (AS64502)",
    country: "ES",
    connection: "mobile",
    wifiBand: null,
  },
];
const PRIYA_HOME: Place = {
  site: null,
  insideCorp: 0,
  subnet: "192.168.50.0",
  isp: "Example Cable (AS64501)",
  country: "PT",
  connection: "wifi",
  wifiBand: "frequency24GHz",
};
const CLIENTS = ["teams 1.6.00.28557", "teams 1.6.00.30012", "teams 1.7.00.33761"];
const DEVICES = [
  "Jabra Evolve2 65",
  "Poly Voyager Focus 2",
  "Surface Laptop Microphone Array",
  "Logitech Zone Vibe 100",
];
const PEOPLE = [
  "6a0c2e4f-1b3d-4e5f-8a7b-9c0d1e2f3a02",
  "6a0c2e4f-1b3d-4e5f-8a7b-9c0d1e2f3a03",
  "6a0c2e4f-1b3d-4e5f-8a7b-9c0d1e2f3a04",
  ...Array.from({ length: 30 }, (_, i) => `7b1d3f50-2c4e-4f60-9b8c-${String(i).padStart(12, "0")}`),
];

const demoCallId = (day: number, n: number) =>
  `d${(day % 0x10000000).toString(16).padStart(7, "0")}-0000-4000-8000-${String(n).padStart(12, "0")}`;

/**
 * The demo's history up to `now`: about 60 calls a working day, 2 to 4 streams each, as facts (personal values
 * filled, so the erasure has something to erase). `pseudonym` keys the people as the service does.
 */
export function demoHistory(
  now: number,
  pseudonym: (objectId: string) => string,
  /** How far back, how busy and, for the benchmark's big tenant, how many people (default: the demo's). */
  size: { days: number; callsPerWorkday: number; people?: number } = {
    days: DEMO_HISTORY_DAYS,
    callsPerWorkday: 60,
  },
): { call: HistoryCall; facts: StreamFact[] }[] {
  const today = dayOf(now);
  const out: { call: HistoryCall; facts: StreamFact[] }[] = [];
  const people = size.people
    ? Array.from({ length: size.people }, (_, n) => `0b0b0b0b-0000-4000-8000-${String(n).padStart(12, "0")}`)
    : PEOPLE;
  for (let ago = size.days; ago >= 1; ago--) {
    const day = today - ago;
    const rng = random(day);
    const weekday = new Date(day * DAY_MS).getUTCDay();
    const calls =
      weekday === 0 || weekday === 6 ? Math.round(size.callsPerWorkday / 5) : size.callsPerWorkday;
    // On the ISP's two bad evenings its home users call late, as people do during an outage's evening.
    const ispEvening = (DEMO_STORIES.isp.daysAgo as readonly number[]).includes(ago);
    const extra = ispEvening ? 30 : 0;
    for (let n = 0; n < calls + extra; n++) {
      const evening = n >= calls;
      const priya = n % 9 === 0 && n < calls;
      const callerId = priya ? DEMO_STORIES.person.id : (people[Math.floor(rng() * people.length)] ?? "");
      const calleeId = people[Math.floor(rng() * people.length)] ?? "";
      const hour = evening ? pick(DEMO_STORIES.isp.hours, rng()) : 7 + Math.floor(rng() * 13);
      const start = day * DAY_MS + hour * 3_600_000 + Math.floor(rng() * 3_600_000);
      const place: Place = evening
        ? (HOMES[0] as Place)
        : priya
          ? PRIYA_HOME
          : rng() < 0.6
            ? pick(OFFICES, rng())
            : pick(HOMES, rng());
      const otherPlace = pick(OFFICES, rng());
      const client =
        CLIENTS[ago <= DEMO_STORIES.client.since ? Math.floor(rng() * 3) : Math.floor(rng() * 2)] ?? "";
      const isp = DEMO_STORIES.isp;
      const site = DEMO_STORIES.site;
      const siteBad = ago <= site.from && ago >= site.to;
      const ispBad =
        (isp.daysAgo as readonly number[]).includes(ago) && (isp.hours as readonly number[]).includes(hour);
      /** The chance a stream arrives poor, by story: a bad office network or ISP hurts both directions through it. */
      const poorChance = (from: { place: Place; client: string; id: string }, to: { place: Place }) => {
        let chance = 0.03;
        if (siteBad && (from.place.site === site.value || to.place.site === site.value)) chance = 0.32;
        if (from.client === DEMO_STORIES.client.value) chance = Math.max(chance, 0.22);
        if (ispBad && (from.place.isp === isp.value || to.place.isp === isp.value)) chance = 0.7;
        if (from.id === DEMO_STORIES.person.id) chance = Math.max(chance, 0.4);
        return chance;
      };
      const video = rng() < 0.4;
      const facts: StreamFact[] = [];
      const kinds = video ? ["audio", "video"] : ["audio"];
      for (const [m, media] of kinds.entries())
        for (const direction of ["callerToCallee", "calleeToCaller"] as const) {
          const fromCaller = direction === "callerToCallee";
          const sender = fromCaller
            ? { id: callerId, place, client }
            : { id: calleeId, place: otherPlace, client: CLIENTS[0] ?? "" };
          const receiver = fromCaller
            ? { id: calleeId, place: otherPlace, client: CLIENTS[0] ?? "" }
            : { id: callerId, place, client };
          const poor = rng() < poorChance(sender, receiver);
          const values: Record<string, FactValue> = {
            session_id: `${demoCallId(day, n)}-s`,
            segment_id: `${demoCallId(day, n)}-g`,
            stream: `${m}.${fromCaller ? 0 : 1}`,
            call_type: "peerToPeer",
            media,
            direction,
            quality: poor ? 1 : 0,
            poor_because: poor ? "jitter 62 ms > 30 ms" : null,
            jitter_ms: poor ? 45 + rng() * 40 : 3 + rng() * 8,
            packet_loss: poor ? 0.06 + rng() * 0.06 : rng() * 0.01,
            round_trip_ms: 30 + rng() * (poor ? 400 : 80),
            feedback_rating: poor && rng() < 0.2 ? "poor" : null,
            feedback_text: null,
          };
          for (const [side, end] of [
            ["sender", sender],
            ["receiver", receiver],
          ] as const) {
            const p = end.place;
            Object.assign(values, {
              [`${side}_kind`]: "participant",
              [`${side}_person`]: pseudonym(end.id),
              [`${side}_object_id`]: end.id,
              [`${side}_name`]:
                end.id === DEMO_STORIES.person.id
                  ? DEMO_STORIES.person.name
                  : `Demo person ${end.id.slice(-4)}`,
              [`${side}_machine`]: `PC-${end.id.slice(-4)}`,
              [`${side}_platform`]: "windows",
              [`${side}_client`]: end.client,
              [`${side}_microphone`]: DEVICES[Math.floor(rng() * DEVICES.length)] ?? null,
              [`${side}_connection`]: p.connection,
              [`${side}_wifi_band`]: p.wifiBand,
              [`${side}_transport`]: "udp",
              [`${side}_relayed`]: 0,
              [`${side}_vpn`]: 0,
              [`${side}_subnet`]: p.subnet,
              [`${side}_site`]: p.site,
              [`${side}_inside_corp`]: p.insideCorp,
              [`${side}_isp`]: p.isp,
              [`${side}_country`]: p.country,
              [`${side}_ip_address`]: `${p.subnet.replace(/0$/, "")}${10 + Math.floor(rng() * 200)}`,
            });
          }
          facts.push({ startAt: start, values });
        }
      out.push({
        call: {
          callId: demoCallId(day, n),
          version: 1,
          startAt: start,
          callType: "peerToPeer",
          source: "demo",
        },
        facts,
      });
    }
  }
  return out;
}
