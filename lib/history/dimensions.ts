// What "where the problem is" ranks: a dimension is a column both ends of a stream have
// (lib/callrecords/stream-facts.ts, `sender_<column>` and `receiver_<column>`). A new dimension is an entry here
// (and, if its column is new, a migration).

export interface Dimension {
  name: string;
  label: string;
  /** The side column, without its `sender_` / `receiver_` prefix. */
  column: string;
  /** A value as the page shows it. */
  show?: (value: string) => string;
  /**
   * Given by the tenant's building file, not by Graph: a new upload re-applies it to every stored fact and
   * its rollups (lib/history/sites-apply.ts), as CQD applies building data at query time.
   */
  fromBuildingFile?: true;
}

const yesNo = (yes: string, no: string) => (value: string) => (value === "1" ? yes : no);
const WIFI_BANDS: Record<string, string> = {
  frequency24GHz: "Wi-Fi 2.4 GHz",
  frequency50GHz: "Wi-Fi 5 GHz",
  // 60 GHz (802.11ad): Graph's wifiBand has no 6 GHz member.
  frequency60GHz: "Wi-Fi 60 GHz",
};

export const DIMENSIONS: readonly Dimension[] = [
  { name: "site", label: "Site", column: "site", fromBuildingFile: true },
  {
    name: "inside_corp",
    label: "Inside or outside",
    column: "inside_corp",
    fromBuildingFile: true,
    show: yesNo("inside the corporate network", "outside the corporate network"),
  },
  { name: "subnet", label: "Subnet", column: "subnet" },
  { name: "isp", label: "ISP", column: "isp" },
  { name: "country", label: "Country", column: "country" },
  { name: "connection", label: "Connection", column: "connection" },
  { name: "wifi_band", label: "Wi-Fi band", column: "wifi_band", show: (v) => WIFI_BANDS[v] ?? v },
  { name: "vpn", label: "VPN", column: "vpn", show: yesNo("on a VPN", "not on a VPN") },
  { name: "transport", label: "Transport", column: "transport", show: (v) => v.toUpperCase() },
  { name: "relayed", label: "Media path", column: "relayed", show: yesNo("through a relay", "direct") },
  { name: "microphone", label: "Microphone", column: "microphone" },
  { name: "speaker", label: "Speaker", column: "speaker" },
  { name: "audio_driver", label: "Audio driver", column: "audio_driver" },
  { name: "platform", label: "Platform", column: "platform" },
  { name: "client", label: "Client version", column: "client" },
];

export const dimensionNamed = (name: string) =>
  DIMENSIONS.find((dimension) => dimension.name === name) ?? null;

export const showValue = (dimension: Dimension, value: string) => dimension.show?.(value) ?? value;

/** The dimensions the building file decides (site, inside or outside). */
export const BUILDING_DIMENSIONS = DIMENSIONS.filter((dimension) => dimension.fromBuildingFile);
