import type { CallRecords } from "@microsoft/microsoft-graph-types";
import type { Random } from "./random";

/** How a client reaches the service; decides network fields and how its streams degrade. */
export type NetworkKind =
  "wired" | "wifi5" | "wifi24Weak" | "mobile" | "vpn" | "server" | "congestedOffice" | "badIspHome";

/** The office behind "congestedOffice": a wired LAN inside the demo building file's Oslo network (10.70.0.0/16). */
export const CONGESTED_OFFICE_PREFIX = "10.70";

export const LINK_SPEED_UNKNOWN = 4294967295;

const privateIp = (rng: Random) => `10.${rng.int(1, 250)}.${rng.int(0, 255)}.${rng.int(2, 254)}`;
// Public addresses come from documentation and benchmarking ranges, which emulator/data/ip maps to made-up
// ISPs: "Example Fiber" (198.18.0.0/15), "Example Mobile" (203.0.113.0/24) and, for the ISP with trouble,
// "Example Cable" (198.51.100.0/24).
const publicIp = (rng: Random, kind: NetworkKind) =>
  kind === "badIspHome"
    ? `198.51.100.${rng.int(1, 254)}`
    : kind === "mobile" || rng.chance(0.3)
      ? `203.0.113.${rng.int(1, 254)}`
      : `198.${rng.int(18, 19)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
const macAddress = (rng: Random) =>
  Array.from({ length: 6 }, () => rng.int(0, 255).toString(16).padStart(2, "0").toUpperCase()).join("-");

export function networkInfo(rng: Random, kind: NetworkKind, relayed: boolean): CallRecords.NetworkInfo {
  if (kind === "server") {
    return {
      connectionType: "wired",
      ipAddress: `52.113.${rng.int(0, 255)}.${rng.int(1, 254)}`,
      subnet: null,
      port: rng.int(49152, 53247),
      linkSpeed: null,
      macAddress: null,
      reflexiveIPAddress: null,
      relayIPAddress: null,
      relayPort: null,
      networkTransportProtocol: "udp",
      dnsSuffix: null,
      sentQualityEventRatio: null,
      receivedQualityEventRatio: null,
      delayEventRatio: null,
      bandwidthLowEventRatio: null,
      traceRouteHops: [],
      wifiBand: "unknown",
      wifiRadioType: "unknown",
      wifiChannel: null,
      wifiSignalStrength: null,
      wifiBatteryCharge: null,
      wifiMicrosoftDriver: null,
      wifiMicrosoftDriverVersion: null,
      wifiVendorDriver: null,
      wifiVendorDriverVersion: null,
      basicServiceSetIdentifier: null,
    };
  }
  const ip =
    kind === "congestedOffice"
      ? `${CONGESTED_OFFICE_PREFIX}.${rng.int(0, 15)}.${rng.int(2, 254)}`
      : privateIp(rng);
  const isWifi = kind === "wifi5" || kind === "wifi24Weak" || kind === "badIspHome";
  const poorNetwork = kind === "wifi24Weak" || kind === "vpn" || kind === "badIspHome";
  const info: CallRecords.NetworkInfo = {
    connectionType: isWifi ? "wifi" : kind === "vpn" ? "tunnel" : kind === "congestedOffice" ? "wired" : kind,
    ipAddress: ip,
    subnet: ip.replace(/\.\d+$/, ".0"),
    port: rng.int(49152, 65535),
    linkSpeed:
      kind === "wired"
        ? rng.pick([1_000_000_000, LINK_SPEED_UNKNOWN, 100_000_000])
        : kind === "wifi5"
          ? rng.pick([866_700_000, 433_300_000, 1_200_000_000])
          : kind === "wifi24Weak"
            ? rng.pick([54_000_000, 72_200_000, 24_000_000])
            : kind === "mobile"
              ? null
              : LINK_SPEED_UNKNOWN,
    // Windows 11 and iOS randomise MAC addresses; Graph then reports a placeholder.
    macAddress: rng.chance(0.2) ? "02:00:00:00:00:00" : macAddress(rng),
    reflexiveIPAddress: publicIp(rng, kind),
    relayIPAddress: relayed ? `52.114.${rng.int(0, 255)}.${rng.int(1, 254)}` : null,
    relayPort: relayed ? 3478 : null,
    networkTransportProtocol: kind === "vpn" ? "tcp" : "udp",
    dnsSuffix: kind === "wired" || kind === "vpn" ? "corp.contoso.example" : null,
    sentQualityEventRatio: +(poorNetwork ? rng.float(0.15, 0.45) : rng.float(0, 0.03)).toFixed(4),
    receivedQualityEventRatio: +(poorNetwork ? rng.float(0.2, 0.5) : rng.float(0, 0.03)).toFixed(4),
    delayEventRatio: +(
      kind === "vpn" || kind === "mobile" ? rng.float(0.05, 0.3) : rng.float(0, 0.01)
    ).toFixed(4),
    bandwidthLowEventRatio: +(poorNetwork ? rng.float(0.05, 0.25) : 0).toFixed(4),
    traceRouteHops: [],
    wifiBand:
      kind === "wifi5" || kind === "badIspHome"
        ? "frequency50GHz"
        : kind === "wifi24Weak"
          ? "frequency24GHz"
          : "unknown",
    wifiRadioType:
      kind === "wifi5" || kind === "badIspHome"
        ? "wifi80211ax"
        : kind === "wifi24Weak"
          ? "wifi80211n"
          : "unknown",
    wifiChannel:
      kind === "wifi5" ? rng.pick([36, 44, 149, 157]) : kind === "wifi24Weak" ? rng.pick([1, 6, 11]) : null,
    wifiSignalStrength: kind === "wifi5" ? rng.int(70, 99) : kind === "wifi24Weak" ? rng.int(22, 42) : null,
    wifiBatteryCharge: isWifi ? rng.int(15, 100) : null,
    wifiMicrosoftDriver: isWifi ? "Microsoft" : null,
    wifiMicrosoftDriverVersion: isWifi ? "10.0.22621.1" : null,
    wifiVendorDriver: isWifi
      ? rng.pick(["Intel(R) Wi-Fi 6E AX211 160MHz", "Realtek RTL8822CE 802.11ac PCIe"])
      : null,
    wifiVendorDriverVersion: isWifi ? "23.40.0.4" : null,
    basicServiceSetIdentifier: isWifi ? macAddress(rng) : null,
  };
  return kind === "mobile" ? onIpv6(info) : info;
}

/**
 * Mobile networks hand out IPv6, as real ones mostly do: the device's address is global (no NAT), so the
 * reflexive address is the same, and its subnet is the /64 it was given. From the documentation range
 * 2001:db8:64::/48, which emulator/data/ip maps to "Example Mobile". Derived from the IPv4 values so the
 * demo's random sequence (and every other call) stays as it was.
 */
function onIpv6(info: CallRecords.NetworkInfo): CallRecords.NetworkInfo {
  const [, b = "0", c = "0", d = "0"] = (info.ipAddress ?? "10.0.0.1").split(".");
  const prefix = `2001:db8:64:${((Number(b) << 8) | Number(c)).toString(16)}`;
  const address = `${prefix}:${Number(d).toString(16)}a1:b2c3:d4e5:f6${Number(d).toString(16).padStart(2, "0")}`;
  return { ...info, ipAddress: address, subnet: `${prefix}::`, reflexiveIPAddress: address };
}

export function deviceInfo(
  rng: Random,
  options: { faultyRender?: boolean; telemetry?: boolean } = {},
): CallRecords.DeviceInfo {
  if (options.telemetry === false) return {};
  const headset = rng.chance(0.6);
  return {
    captureDeviceName: headset
      ? rng.pick(["Jabra Evolve2 65", "Poly Voyager Focus 2", "Surface Headphones 2"])
      : "Microphone Array (Realtek(R) Audio)",
    captureDeviceDriver: headset ? "Microsoft: 10.0.22621.1" : "Realtek Semiconductor Corp.: 6.0.9549.1",
    renderDeviceName: headset ? "Headset Earphone" : "Speakers (Realtek(R) Audio)",
    renderDeviceDriver: headset ? "Microsoft: 10.0.22621.1" : "Realtek Semiconductor Corp.: 6.0.9549.1",
    receivedSignalLevel: rng.int(-30, -8),
    receivedNoiseLevel: rng.int(-90, -55),
    sentSignalLevel: rng.int(-28, -10),
    sentNoiseLevel: rng.int(-85, -50),
    initialSignalLevelRootMeanSquare: +rng.float(20, 160).toFixed(3),
    micGlitchRate: rng.int(0, 40),
    speakerGlitchRate: rng.int(0, 60),
    lowSpeechLevelEventRatio: +rng.float(0, 0.05).toFixed(4),
    lowSpeechToNoiseEventRatio: +rng.float(0, 0.05).toFixed(4),
    captureNotFunctioningEventRatio: 0,
    renderNotFunctioningEventRatio: options.faultyRender ? +rng.float(0.01, 0.2).toFixed(4) : 0,
    renderMuteEventRatio: rng.chance(0.1) ? +rng.float(0, 0.3).toFixed(4) : 0,
    renderZeroVolumeEventRatio: 0,
    deviceClippingEventRatio: +rng.float(0, 0.01).toFixed(4),
    deviceGlitchEventRatio: +rng.float(0, 0.02).toFixed(4),
    howlingEventCount: 0,
    cpuInsufficentEventRatio: +rng.float(0, 0.02).toFixed(4),
  };
}
