// Conditions of one network that are evidence on their own, whatever the other side's network is: what a
// side's network reported that is known to hurt real-time media. Each has a weight (how strongly it explains a
// poor stream) and the reason. A line that needs the other side to mean anything is in difference-rules.ts.
import { lookup, WIFI_BAND_LABELS } from "./describe";
import type { Network } from "./model";

/** Which of the side's streams were poor: direction-specific conditions count only for their direction. */
export interface PoorDirections {
  sent: boolean;
  received: boolean;
}

export interface NetworkCondition {
  /** The comparison line (compare.ts) this condition already says, so the two are not counted twice. */
  covers: string[];
  weight: number;
  /** The condition in words, or null when the network does not have it. */
  test: (network: Network, poor: PoorDirections) => string | null;
  source: string;
}

const pct = (ratio: number) => `${Math.round(ratio * 100)}%`;
/** A network event ratio this high is a tenth of the call: far above the few percent any network shows. */
const EVENTS = 0.1;

export const NETWORK_CONDITIONS: readonly NetworkCondition[] = [
  {
    covers: ["Connection"],
    weight: 2,
    test: (n) => (n.connectionType === "tunnel" ? "a VPN tunnel" : null),
    source:
      "Microsoft, VPN split tunnelling for Microsoft 365: Teams media through a VPN adds latency and loss",
  },
  {
    covers: ["Connection"],
    weight: 1,
    test: (n) => (n.connectionType === "mobile" ? "a mobile network" : null),
    source:
      "Microsoft, Prepare your organization's network for Teams (cellular links vary in loss and delay)",
  },
  {
    covers: ["Wi-Fi band", "Connection"],
    weight: 1,
    test: (n) =>
      n.connectionType === "wifi" && n.wifiBand === "frequency24GHz"
        ? `Wi-Fi ${lookup(WIFI_BAND_LABELS, n.wifiBand) ?? "2.4 GHz"}`
        : null,
    source: "Microsoft, Prepare your network for Teams — Wi-Fi (the 2.4 GHz band is crowded; prefer 5 GHz)",
  },
  {
    covers: ["Wi-Fi signal"],
    weight: 1,
    test: (n) =>
      n.connectionType === "wifi" && n.wifiSignalStrength !== null && n.wifiSignalStrength < 60
        ? `a weak Wi-Fi signal (${n.wifiSignalStrength}%)`
        : null,
    source:
      "callscope: Windows' signal quality under 60% (about -70 dBm) is where Wi-Fi retries and loss start",
  },
  {
    covers: ["Transport"],
    weight: 2,
    test: (n) => (n.networkTransportProtocol === "tcp" ? "media over TCP" : null),
    source: "Microsoft, Teams network requirements (media over UDP 3478–3481; TCP is a degraded fallback)",
  },
  {
    covers: ["Path"],
    weight: 1,
    test: (n) => (n.relayIPAddress ? "a media relay" : null),
    source: "Microsoft, Teams network requirements (a relay means the direct path was blocked)",
  },
  {
    covers: ["Sent quality events"],
    weight: 1,
    test: (n, poor) =>
      poor.sent && (n.sentQualityEventRatio ?? 0) >= EVENTS
        ? `its client saw the network hurt what it sent for ${pct(n.sentQualityEventRatio ?? 0)} of the call`
        : null,
    source:
      "Graph networkInfo.sentQualityEventRatio: the endpoint detected the network causing poor sent audio",
  },
  {
    covers: ["Received quality events"],
    weight: 1,
    test: (n, poor) =>
      poor.received && (n.receivedQualityEventRatio ?? 0) >= EVENTS
        ? `its client saw the network hurt what it received for ${pct(n.receivedQualityEventRatio ?? 0)} of the call`
        : null,
    source:
      "Graph networkInfo.receivedQualityEventRatio: the endpoint detected the network causing poor received audio",
  },
  {
    covers: ["Delay events"],
    weight: 1,
    test: (n) =>
      (n.delayEventRatio ?? 0) >= EVENTS
        ? `network delay for ${pct(n.delayEventRatio ?? 0)} of the call`
        : null,
    source:
      "Graph networkInfo.delayEventRatio: the endpoint detected network delay significant enough to hurt audio",
  },
  {
    covers: ["Low bandwidth events"],
    weight: 1,
    test: (n) =>
      (n.bandwidthLowEventRatio ?? 0) >= EVENTS
        ? `too little bandwidth for ${pct(n.bandwidthLowEventRatio ?? 0)} of the call`
        : null,
    source: "Graph networkInfo.bandwidthLowEventRatio: the endpoint detected bandwidth too low to send",
  },
];

export interface NetworkProblem {
  text: string;
  weight: number;
  covers: string[];
}

/** What this network reported that hurts media, for a side whose streams were poor in `poor`'s directions. */
export function networkProblems(network: Network | null, poor: PoorDirections): NetworkProblem[] {
  if (!network) return [];
  return NETWORK_CONDITIONS.flatMap((condition) => {
    const text = condition.test(network, poor);
    return text ? [{ text, weight: condition.weight, covers: condition.covers }] : [];
  });
}
