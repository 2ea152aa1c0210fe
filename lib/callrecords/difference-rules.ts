// When one side's value is *meaningfully* worse than the other's: one rule per compared line, each with its
// reason. A line without a rule is shown, never judged. Equal shown values are never worse (compare.ts).
//
// `explains` says which poor streams the line can account for, so a device line counts as evidence only where
// it is the kind of problem that produces the poor metric (a microphone does not make received video poor):
//   "network"  — any poor stream crossing this side's network (sent or received);
//   "sentNetwork" / "receivedNetwork" — only poor streams this side sent, or received;
//   "sentAudio" / "sentVideo" — poor audio or video this side sent (its microphone, its CPU);
//   null       — shown for context; never evidence of a cause.

export type Explains = "network" | "sentNetwork" | "receivedNetwork" | "sentAudio" | "sentVideo" | null;

export interface DifferenceRule {
  /** Which way is worse. Text values are ranked first (`rank`), numbers compared as they are. */
  worse: "higher" | "lower";
  rank?: (value: string | number | boolean) => number;
  /** The worse and the better value (ranks for text) differ enough to mean something. */
  meaningful: (worse: number, better: number) => boolean;
  explains: Explains;
  /** The rule in words, shown beside a marked line. */
  rule: string;
  /** Where the number comes from, or the reasoning when no published limit exists. */
  source: string;
}

const CONNECTION_RANK: Record<string, number> = { wired: 0, wifi: 1, mobile: 2, tunnel: 2 };
const ranked = (worse: number, better: number) => worse > better;
/** A ratio of the call (0–1): at least `floor` of the call, and `gap` more than the other side. */
const ratio = (floor: number, gap: number) => (worse: number, better: number) =>
  worse >= floor && worse - better >= gap;

export const DIFFERENCE_RULES: Readonly<Record<string, DifferenceRule>> = {
  Connection: {
    worse: "higher",
    rank: (v) => CONNECTION_RANK[String(v)] ?? 1,
    meaningful: ranked,
    explains: "network",
    rule: "Wi-Fi, mobile and VPN tunnels lose and delay more packets than a wired network",
    source:
      "Microsoft, Prepare your organization's network for Teams (wired preferred; Wi-Fi and VPN add loss and jitter)",
  },
  Transport: {
    worse: "higher",
    rank: (v) => (v === "tcp" ? 1 : 0),
    meaningful: ranked,
    explains: "network",
    rule: "media over TCP retransmits late packets instead of dropping them, adding delay and jitter",
    source: "Microsoft, Teams network requirements (UDP 3478–3481 preferred; TCP is the fallback)",
  },
  Path: {
    worse: "higher",
    rank: (v) => (v === "relayed" ? 1 : 0),
    meaningful: ranked,
    explains: "network",
    rule: "a media relay adds a hop, usually because a firewall blocks the direct path",
    source: "Microsoft, Teams network requirements (ICE: direct path preferred, relay as fallback)",
  },
  "Link speed": {
    worse: "lower",
    meaningful: (worse, better) => worse < 5_000_000 && worse <= better / 2,
    explains: "network",
    rule: "below 5 Mbit/s and at most half the other side's",
    source:
      "callscope: Teams asks up to 4 Mbit/s for HD video both ways; faster links than that do not explain a poor stream",
  },
  "Wi-Fi band": {
    worse: "higher",
    rank: (v) => (v === "frequency24GHz" ? 1 : 0),
    meaningful: ranked,
    explains: "network",
    rule: "the 2.4 GHz band is narrow and crowded",
    source: "Microsoft, Prepare your network for Teams — Wi-Fi (prefer 5 GHz band steering)",
  },
  "Wi-Fi signal": {
    worse: "lower",
    meaningful: (worse, better) => worse < 60 && better - worse >= 15,
    explains: "network",
    rule: "below 60% and 15 points under the other side",
    source: "callscope: Windows' signal quality of 60% is about -70 dBm, where Wi-Fi retries and loss start",
  },
  "Sent quality events": {
    worse: "higher",
    meaningful: ratio(0.05, 0.03),
    explains: "sentNetwork",
    rule: "at least 5% of the call and 3 points above the other side",
    source: "callscope: Graph publishes no limit; a few percent is normal on any network",
  },
  "Received quality events": {
    worse: "higher",
    meaningful: ratio(0.05, 0.03),
    explains: "receivedNetwork",
    rule: "at least 5% of the call and 3 points above the other side",
    source: "callscope: Graph publishes no limit; a few percent is normal on any network",
  },
  "Delay events": {
    worse: "higher",
    meaningful: ratio(0.05, 0.03),
    explains: "network",
    rule: "at least 5% of the call and 3 points above the other side",
    source: "callscope: Graph publishes no limit; a few percent is normal on any network",
  },
  "Low bandwidth events": {
    worse: "higher",
    meaningful: ratio(0.05, 0.03),
    explains: "network",
    rule: "at least 5% of the call and 3 points above the other side",
    source: "callscope: Graph publishes no limit; a few percent is normal on any network",
  },
  "Mic not functioning": {
    worse: "higher",
    meaningful: ratio(0.005, 0.005),
    explains: "sentAudio",
    rule: "at least 0.5% of the call",
    source: "Teams admin center Call Analytics (device not functioning ≥ 0.005 marks the session poor)",
  },
  "Speaker not functioning": {
    worse: "higher",
    meaningful: ratio(0.005, 0.005),
    explains: null,
    rule: "at least 0.5% of the call",
    source: "Teams admin center Call Analytics (device not functioning ≥ 0.005 marks the session poor)",
  },
  "Sent noise level": {
    worse: "higher",
    meaningful: (worse, better) => worse - better >= 10,
    explains: null,
    rule: "10 dB or more above the other side",
    source: "callscope: Graph gives no limit; 10 dB is twice as loud to the ear",
  },
  "Received noise level": {
    worse: "higher",
    meaningful: (worse, better) => worse - better >= 10,
    explains: null,
    rule: "10 dB or more above the other side",
    source: "callscope: Graph gives no limit; 10 dB is twice as loud to the ear",
  },
  "Mic glitches / 5 min": {
    worse: "higher",
    meaningful: (worse, better) => worse >= 1 && worse >= better * 2 && worse - better >= 1,
    explains: "sentAudio",
    rule: "1 or more per 5 minutes and at least twice the other side's",
    source: "Skype for Business QoE schema, AudioSignal (good quality: under 1 glitch per 5 minutes)",
  },
  "Speaker glitches / 5 min": {
    worse: "higher",
    meaningful: (worse, better) => worse >= 1 && worse >= better * 2 && worse - better >= 1,
    explains: null,
    rule: "1 or more per 5 minutes and at least twice the other side's",
    source: "Skype for Business QoE schema, AudioSignal (good quality: under 1 glitch per 5 minutes)",
  },
  "Device glitches": {
    worse: "higher",
    meaningful: ratio(0.05, 0.03),
    explains: "sentAudio",
    rule: "at least 5% of the call and 3 points above the other side",
    source: "callscope: Graph publishes no limit for device event ratios",
  },
  Clipping: {
    worse: "higher",
    meaningful: ratio(0.05, 0.03),
    explains: "sentAudio",
    rule: "at least 5% of the call and 3 points above the other side",
    source: "callscope: Graph publishes no limit for device event ratios",
  },
  "Howling (echo feedback) events": {
    worse: "higher",
    meaningful: (worse, better) => worse >= 1 && worse > better,
    explains: null,
    rule: "any, and more than the other side",
    source: "Graph deviceInfo: each event is audible screeching",
  },
  "Low speech level": {
    worse: "higher",
    meaningful: ratio(0.05, 0.03),
    explains: null,
    rule: "at least 5% of the call and 3 points above the other side",
    source: "callscope: Graph publishes no limit for device event ratios",
  },
  "Low speech-to-noise": {
    worse: "higher",
    meaningful: ratio(0.05, 0.03),
    explains: null,
    rule: "at least 5% of the call and 3 points above the other side",
    source: "callscope: Graph publishes no limit for device event ratios",
  },
  "Speaker muted": {
    worse: "higher",
    meaningful: ratio(0.05, 0.03),
    explains: null,
    rule: "at least 5% of the call and 3 points above the other side",
    source: "callscope: Graph publishes no limit for device event ratios",
  },
  "Speaker at zero volume": {
    worse: "higher",
    meaningful: ratio(0.05, 0.03),
    explains: null,
    rule: "at least 5% of the call and 3 points above the other side",
    source: "callscope: Graph publishes no limit for device event ratios",
  },
  "CPU insufficient": {
    worse: "higher",
    meaningful: ratio(0.02, 0.02),
    explains: "sentVideo",
    rule: "at least 2% of the call and 2 points above the other side",
    source:
      "Graph deviceInfo: insufficient CPU 'caused poor quality of the audio sent and received'; a busy CPU also lowers the video frame rate sent",
  },
  "CPU cores": {
    worse: "lower",
    meaningful: (worse, better) => worse <= 2 && better > worse,
    explains: "sentVideo",
    rule: "2 cores or fewer, and fewer than the other side",
    source: "Microsoft, Hardware requirements for Teams (2 cores minimum; 4 recommended for video)",
  },
  "CPU speed": {
    worse: "lower",
    meaningful: (worse, better) => worse < 1_600 && worse <= better * 0.7,
    explains: "sentVideo",
    rule: "below 1.6 GHz and 30% or more slower",
    source: "Microsoft, Hardware requirements for Teams (1.6 GHz minimum)",
  },
};

/** Which side's value is meaningfully worse on a line, by its rule; null when the rule says the gap is noise. */
export function meaningfullyWorse(
  rule: DifferenceRule,
  a: string | number | boolean,
  b: string | number | boolean,
): "a" | "b" | null {
  const ra = rule.rank ? rule.rank(a) : Number(a);
  const rb = rule.rank ? rule.rank(b) : Number(b);
  if (!Number.isFinite(ra) || !Number.isFinite(rb) || ra === rb) return null;
  const aWorse = rule.worse === "higher" ? ra > rb : ra < rb;
  const [worse, better] = aWorse ? [ra, rb] : [rb, ra];
  if (!rule.meaningful(worse, better)) return null;
  return aWorse ? "a" : "b";
}
