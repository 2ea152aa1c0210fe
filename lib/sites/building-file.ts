import { crossBundleBrand } from "@/lib/errors/cross-bundle";
// Call Quality Dashboard's building data file: one network per line, no header row, 15 columns
// separated by tabs (.tsv) or commas (.csv); text columns may be empty but keep their separators.
// CQD matches a client's subnet to NetworkIP + NetworkRange (a CIDR prefix length); so does callscope, for IPv4
// and IPv6 networks alike.
import { maxPrefix, networkOf, parseAddress } from "./address";
import { formatCount } from "@/lib/format/numbers";

export const BUILDING_COLUMNS = [
  "NetworkIP",
  "NetworkName",
  "NetworkRange",
  "BuildingName",
  "OwnershipType",
  "BuildingType",
  "BuildingOfficeType",
  "City",
  "ZipCode",
  "Country",
  "State",
  "Region",
  "InsideCorp",
  "ExpressRoute",
  "VPN",
] as const;

/** The longest text a building-file cell may hold. */
export const MAX_CELL_LENGTH = 200;

export interface Site {
  networkIp: string;
  networkName: string;
  networkRange: number;
  buildingName: string;
  ownershipType: string;
  buildingType: string;
  buildingOfficeType: string;
  city: string;
  zipCode: string;
  country: string;
  state: string;
  region: string;
  insideCorp: boolean;
  expressRoute: boolean;
  vpn: boolean;
}

const BUILDING_FILE_ERROR_BRAND = crossBundleBrand("BuildingFileError");

export class BuildingFileError extends Error {
  static [Symbol.hasInstance](value: unknown): boolean {
    return BUILDING_FILE_ERROR_BRAND.is(value);
  }
  readonly [BUILDING_FILE_ERROR_BRAND.brand] = true;
  constructor(
    readonly line: number,
    readonly column: string,
    problem: string,
  ) {
    super(`Line ${line}, column ${column}: ${problem}`);
    this.name = "BuildingFileError";
  }
}

/** The most lines a building file may have: CQD's own limit is far above what one tenant needs here. */
export const MAX_SITES = 50_000;

const flag = (raw: string, line: number, column: string) => {
  if (raw === "0" || raw === "1") return raw === "1";
  throw new BuildingFileError(line, column, `must be 0 or 1, got "${raw.slice(0, 40)}"`);
};

/** Every line of a building file, or the first problem with its line and column. Nothing partial. */
export function parseBuildingFile(text: string): Site[] {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  while (lines.length > 0 && lines.at(-1)?.trim() === "") lines.pop();
  if (lines.length === 0) throw new BuildingFileError(1, BUILDING_COLUMNS[0], "the file is empty");
  if (lines.length > MAX_SITES)
    throw new BuildingFileError(
      MAX_SITES + 1,
      BUILDING_COLUMNS[0],
      `more than ${formatCount(MAX_SITES)} lines`,
    );
  const separator = lines[0]?.includes("\t") ? "\t" : ",";
  const seen = new Map<string, number>();
  return lines.map((raw, index) => {
    const line = index + 1;
    const cells = raw.split(separator).map((cell) => cell.trim());
    if (index === 0 && cells[0] === "NetworkIP")
      throw new BuildingFileError(
        1,
        "NetworkIP",
        "the file must not have a header row: the first line is data",
      );
    if (cells.length !== BUILDING_COLUMNS.length) {
      throw new BuildingFileError(
        line,
        BUILDING_COLUMNS[Math.min(cells.length, BUILDING_COLUMNS.length - 1)] ?? "VPN",
        `expected ${BUILDING_COLUMNS.length} columns separated by ${separator === "\t" ? "tabs" : "commas"}, found ${cells.length}`,
      );
    }
    // A cell is a label shown on every call page and in the sites table: bounded, so one line cannot carry
    // megabytes to every viewer (Microsoft publishes no column sizes for the file; 200 fits any real name).
    cells.forEach((value, index) => {
      if (value.length > MAX_CELL_LENGTH)
        throw new BuildingFileError(
          line,
          BUILDING_COLUMNS[index] ?? `column ${index + 1}`,
          `longer than ${MAX_CELL_LENGTH} characters (${formatCount(value.length)}): shorten it`,
        );
    });
    const cell = (column: (typeof BUILDING_COLUMNS)[number]) => cells[BUILDING_COLUMNS.indexOf(column)] ?? "";
    const networkIp = cell("NetworkIP");
    const address = parseAddress(networkIp);
    if (address === null)
      throw new BuildingFileError(
        line,
        "NetworkIP",
        `"${networkIp.slice(0, 40)}" is not an IPv4 or IPv6 address`,
      );
    const longest = maxPrefix(address.family);
    const rangeText = cell("NetworkRange");
    const networkRange = Number(rangeText);
    if (!/^\d{1,3}$/.test(rangeText) || networkRange < 1 || networkRange > longest) {
      throw new BuildingFileError(
        line,
        "NetworkRange",
        `must be a prefix length from 1 to ${longest}, got "${rangeText.slice(0, 40)}"`,
      );
    }
    // The network address must be the start of its range (10.1.2.0/24, not 10.1.2.7/24).
    if (networkOf(address, networkRange) !== address.value) {
      throw new BuildingFileError(
        line,
        "NetworkIP",
        `${networkIp} is not the first address of a /${networkRange} network`,
      );
    }
    const key = `${networkIp}/${networkRange}`;
    const earlier = seen.get(key);
    if (earlier) throw new BuildingFileError(line, "NetworkIP", `${key} is already on line ${earlier}`);
    seen.set(key, line);
    return {
      networkIp,
      networkName: cell("NetworkName"),
      networkRange,
      buildingName: cell("BuildingName"),
      ownershipType: cell("OwnershipType"),
      buildingType: cell("BuildingType"),
      buildingOfficeType: cell("BuildingOfficeType"),
      city: cell("City"),
      zipCode: cell("ZipCode"),
      country: cell("Country"),
      state: cell("State"),
      region: cell("Region"),
      insideCorp: flag(cell("InsideCorp"), line, "InsideCorp"),
      expressRoute: flag(cell("ExpressRoute"), line, "ExpressRoute"),
      vpn: flag(cell("VPN"), line, "VPN"),
    };
  });
}
