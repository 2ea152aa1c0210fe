import { describe, expect, it } from "vitest";
import { BuildingFileError, parseBuildingFile } from "./building-file";
import { indexSites, siteLabel } from "./match";

const row = (...cells: string[]) => cells.join("\t");
/** A home network line of the IPv6 documentation range. */
const home6 = (ip: string, range: string) =>
  row(ip, "Home", range, "Oslo", "", "", "", "Oslo", "", "Norway", "", "EMEA", "0", "0", "0");
const lisbon = row(
  "10.0.0.0",
  "Lisbon LAN",
  "9",
  "Lisbon HQ",
  "Contoso",
  "Office",
  "HQ",
  "Lisbon",
  "1000-001",
  "Portugal",
  "",
  "EMEA",
  "1",
  "0",
  "0",
);
const oslo = row(
  "10.128.0.0",
  "Oslo LAN",
  "9",
  "Oslo office",
  "Contoso",
  "Office",
  "Branch",
  "Oslo",
  "0150",
  "Norway",
  "",
  "EMEA",
  "1",
  "0",
  "0",
);
const floor = row(
  "10.1.2.0",
  "Lisbon floor 3",
  "24",
  "Lisbon HQ, floor 3",
  "Contoso",
  "Office",
  "HQ",
  "Lisbon",
  "",
  "Portugal",
  "",
  "EMEA",
  "1",
  "1",
  "0",
);

function refusal(text: string): BuildingFileError {
  try {
    parseBuildingFile(text);
  } catch (error) {
    if (error instanceof BuildingFileError) return error;
    throw error;
  }
  throw new Error("the file was accepted");
}

describe("CQD building file", () => {
  it("reads tab-separated lines, empty text columns included", () => {
    const sites = parseBuildingFile(`${lisbon}\n${oslo}\r\n${floor}\n\n`);
    expect(sites).toHaveLength(3);
    expect(sites[0]).toMatchObject({
      networkIp: "10.0.0.0",
      networkRange: 9,
      buildingName: "Lisbon HQ",
      state: "",
      insideCorp: true,
      expressRoute: false,
      vpn: false,
    });
    expect(sites[2]?.expressRoute).toBe(true);
  });

  it("reads the same file comma-separated", () => {
    expect(parseBuildingFile(lisbon.replace(/\t/g, ","))[0]?.city).toBe("Lisbon");
  });

  it.each([
    ["a header row", `NetworkIP\tNetworkName\n${lisbon}`, 1, "NetworkIP", "header row"],
    [
      "a missing column",
      `${lisbon}\n${oslo.split("\t").slice(0, 14).join("\t")}`,
      2,
      "VPN",
      "expected 15 columns",
    ],
    [
      "a bad address",
      lisbon.replace("10.0.0.0", "10.0.0.300"),
      1,
      "NetworkIP",
      "not an IPv4 or IPv6 address",
    ],
    [
      "an IPv6 range over 128",
      home6("2001:db8:cab::", "129"),
      1,
      "NetworkRange",
      "prefix length from 1 to 128",
    ],
    [
      "an IPv6 address inside its range",
      home6("2001:db8:cab::7", "48"),
      1,
      "NetworkIP",
      "not the first address of a /48",
    ],
    ["a bad range", lisbon.replace("\t9\t", "\t33\t"), 1, "NetworkRange", "prefix length from 1 to 32"],
    [
      "an address inside its range",
      floor.replace("10.1.2.0", "10.1.2.7"),
      1,
      "NetworkIP",
      "not the first address of a /24",
    ],
    [
      "a flag that is not 0 or 1",
      `${oslo}\n${lisbon.replace(/1\t0\t0$/, "yes\t0\t0")}`,
      2,
      "InsideCorp",
      "must be 0 or 1",
    ],
    ["the same network twice", `${lisbon}\n${oslo}\n${lisbon}`, 3, "NetworkIP", "already on line 1"],
    ["an empty file", "\n\n", 1, "NetworkIP", "empty"],
    [
      "a 3.9 MB network name",
      `${oslo}\n${lisbon.replace("Lisbon LAN", "N".repeat(3_900_000))}`,
      2,
      "NetworkName",
      "longer than 200 characters (3,900,000)",
    ],
    [
      "a 5,000-character building name",
      lisbon.replace("Lisbon HQ", "B".repeat(5_000)),
      1,
      "BuildingName",
      "longer than 200 characters (5,000)",
    ],
  ])("refuses %s, naming the line and column", (_, text, line, column, problem) => {
    const error = refusal(text);
    expect([error.line, error.column]).toEqual([line, column]);
    expect(error.message).toContain(`Line ${line}, column ${column}`);
    expect(error.message).toContain(problem);
  });
});

describe("site lookup", () => {
  const osloV6 = row(
    "2001:db8:cab::",
    "Oslo IPv6",
    "48",
    "Oslo office",
    "Contoso",
    "Office",
    "Branch",
    "Oslo",
    "0150",
    "Norway",
    "",
    "EMEA",
    "1",
    "0",
    "0",
  );
  const floorV6 = osloV6
    .replace("2001:db8:cab::", "2001:db8:cab:3::")
    .replace("\t48\t", "\t64\t")
    .replace("Oslo office", "Oslo office, floor 3");
  const index = indexSites(parseBuildingFile([lisbon, oslo, floor, osloV6, floorV6].join("\n")));

  it("names the site of an IPv6 subnet or address, the most specific network first", () => {
    expect(index.find("2001:db8:cab:7::")?.buildingName).toBe("Oslo office");
    expect(index.find("2001:db8:cab:3::")?.buildingName).toBe("Oslo office, floor 3");
    expect(index.find("2001:db8:cab:3:a1b2:c3d4:e5f6:789")?.buildingName).toBe("Oslo office, floor 3");
    expect(index.find("2001:db8:cac::")).toBeNull();
    // One family never matches the other's networks.
    expect(index.find("::ffff:10.1.2.9")?.buildingName).toBe("Lisbon HQ, floor 3");
  });

  it("finds the most specific network holding a subnet or an address", () => {
    expect(index.find("10.1.2.0")?.buildingName).toBe("Lisbon HQ, floor 3");
    expect(index.find("10.1.3.0")?.buildingName).toBe("Lisbon HQ");
    expect(index.find("10.200.7.9")?.buildingName).toBe("Oslo office");
  });

  it("finds nothing outside every site, or for what is not an address", () => {
    expect(index.find("192.168.1.0")).toBeNull();
    expect(index.find("••••")).toBeNull();
    expect(index.find(null)).toBeNull();
  });

  it("labels a site with its place", () => {
    expect(siteLabel(index.find("10.1.3.0") ?? ({} as never))).toBe("Lisbon HQ (Lisbon, Portugal)");
  });
});
