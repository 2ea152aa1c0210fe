import { formatLinkSpeed } from "./describe";
import type { Device, Media, Network } from "./model";

export interface ComparisonRow {
  label: string;
  caller: string;
  callee: string;
  differs: boolean;
  /** Which side looks worse on this line, when that can be judged. */
  worse: "caller" | "callee" | null;
}

type Judge = "higherWorse" | "lowerWorse" | null;

interface Line<T> {
  label: string;
  value: (item: T) => string | number | boolean | null;
  format?: (value: string | number | boolean) => string;
  judge?: Judge;
  /** Ranks text values where that makes sense (e.g. Wi-Fi is worse than wired). */
  rank?: (value: string | number | boolean) => number;
}

const percent = (value: string | number | boolean) => `${(Number(value) * 100).toFixed(1)}%`;
const CONNECTION_RANK: Record<string, number> = { wired: 0, wifi: 1, mobile: 2, tunnel: 2 };

const NETWORK: Line<Network>[] = [
  { label: "Connection", value: (n) => n.connectionType, rank: (v) => CONNECTION_RANK[String(v)] ?? 1, judge: "higherWorse" },
  { label: "Transport", value: (n) => n.networkTransportProtocol, rank: (v) => (v === "tcp" ? 1 : 0), judge: "higherWorse" },
  { label: "Wi-Fi band", value: (n) => n.wifiBand && n.wifiBand !== "unknown" ? n.wifiBand : null, format: (v) => String(v).replace("frequency", "").replace("GHz", " GHz").replace("24", "2.4").replace("50", "5").replace("60", "60") },
  { label: "Wi-Fi signal", value: (n) => n.wifiSignalStrength, format: (v) => `${v}%`, judge: "lowerWorse" },
  { label: "Wi-Fi channel", value: (n) => n.wifiChannel },
  { label: "Wi-Fi radio", value: (n) => n.wifiRadioType && n.wifiRadioType !== "unknown" ? n.wifiRadioType : null },
  { label: "Link speed", value: (n) => n.linkSpeed ?? "unknown", format: (v) => (v === "unknown" ? "unknown" : formatLinkSpeed(Number(v))) },
  { label: "Path", value: (n) => (n.relayIPAddress ? "relayed" : "direct"), rank: (v) => (v === "relayed" ? 1 : 0), judge: "higherWorse" },
  { label: "IP address", value: (n) => n.ipAddress },
  { label: "Reflexive address", value: (n) => n.reflexiveIPAddress },
  { label: "Relay address", value: (n) => (n.relayIPAddress ? `${n.relayIPAddress}${n.relayPort ? `:${n.relayPort}` : ""}` : null) },
  { label: "Sent quality events", value: (n) => n.sentQualityEventRatio, format: percent, judge: "higherWorse" },
  { label: "Received quality events", value: (n) => n.receivedQualityEventRatio, format: percent, judge: "higherWorse" },
  { label: "Delay events", value: (n) => n.delayEventRatio, format: percent, judge: "higherWorse" },
  { label: "Low bandwidth events", value: (n) => n.bandwidthLowEventRatio, format: percent, judge: "higherWorse" },
];

const DEVICE: Line<Device>[] = [
  { label: "Microphone", value: (d) => d.captureDeviceName },
  { label: "Speaker", value: (d) => d.renderDeviceName },
  { label: "Sent signal level", value: (d) => d.sentSignalLevel, format: (v) => `${v} dB` },
  { label: "Sent noise level", value: (d) => d.sentNoiseLevel, format: (v) => `${v} dB`, judge: "higherWorse" },
  { label: "Received signal level", value: (d) => d.receivedSignalLevel, format: (v) => `${v} dB` },
  { label: "Received noise level", value: (d) => d.receivedNoiseLevel, format: (v) => `${v} dB`, judge: "higherWorse" },
  { label: "Mic glitches / 5 min", value: (d) => d.micGlitchRate, judge: "higherWorse" },
  { label: "Speaker glitches / 5 min", value: (d) => d.speakerGlitchRate, judge: "higherWorse" },
  { label: "Mic not functioning", value: (d) => d.captureNotFunctioningEventRatio, format: percent, judge: "higherWorse" },
  { label: "Speaker not functioning", value: (d) => d.renderNotFunctioningEventRatio, format: percent, judge: "higherWorse" },
  { label: "Speaker muted", value: (d) => d.renderMuteEventRatio, format: percent, judge: "higherWorse" },
  { label: "Speaker at zero volume", value: (d) => d.renderZeroVolumeEventRatio, format: percent, judge: "higherWorse" },
  { label: "Low speech level", value: (d) => d.lowSpeechLevelEventRatio, format: percent, judge: "higherWorse" },
  { label: "CPU insufficient", value: (d) => d.cpuInsufficentEventRatio, format: percent, judge: "higherWorse" },
];

function compareLines<T>(lines: Line<T>[], caller: T | null, callee: T | null): ComparisonRow[] {
  return lines.flatMap((line) => {
    const a = caller ? line.value(caller) : null;
    const b = callee ? line.value(callee) : null;
    if (a === null && b === null) return [];
    const show = (v: string | number | boolean | null) => (v === null ? "not reported" : line.format ? line.format(v) : String(v));
    let worse: ComparisonRow["worse"] = null;
    if (line.judge && a !== null && b !== null && a !== b) {
      const ra = line.rank ? line.rank(a) : Number(a);
      const rb = line.rank ? line.rank(b) : Number(b);
      if (ra !== rb) worse = (line.judge === "higherWorse") === ra > rb ? "caller" : "callee";
    }
    return [{ label: line.label, caller: show(a), callee: show(b), differs: a !== b, worse }];
  });
}

/** Caller and callee side by side for one media: networks, then devices. */
export function compareSides(media: Media): { network: ComparisonRow[]; device: ComparisonRow[] } {
  return {
    network: compareLines(NETWORK, media.callerNetwork, media.calleeNetwork),
    device: compareLines(DEVICE, media.callerDevice, media.calleeDevice),
  };
}
