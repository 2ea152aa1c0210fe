import "server-only";
import { createRequire } from "node:module";
import { join } from "node:path";
import { ipv4ToNumber } from "@/lib/sites/ipv4";
import type { PublicNetwork } from "@/lib/callrecords/model";
import { loadRangeCsv } from "./load";
import { addressKind } from "./ranges";
import type { RangeTable } from "./range-table";

export interface IpInfoSources {
  /** ip-location-db "asn-ipv4-num.csv": start,end,asn,organisation */
  asnCsv: string;
  /** ip-location-db "asn-country-ipv4-num.csv": start,end,country code */
  countryCsv: string;
}

/** The configured tables, else the files of the @ip-location-db packages (resolved from the app's root). */
export function ipInfoSources(config: {
  ipAsnCsv: string | undefined;
  ipCountryCsv: string | undefined;
}): IpInfoSources {
  const resolve = (file: string) => createRequire(join(process.cwd(), "package.json")).resolve(file);
  return {
    asnCsv: config.ipAsnCsv ?? resolve("@ip-location-db/asn/asn-ipv4-num.csv"),
    countryCsv: config.ipCountryCsv ?? resolve("@ip-location-db/asn-country/asn-country-ipv4-num.csv"),
  };
}

/**
 * ISP (autonomous system) and country of a public address, from offline databases: no lookup leaves
 * the machine. Until the files are loaded (a second or two after start) answers are null.
 */
export function createIpInfo(sources: IpInfoSources) {
  let asns: RangeTable<{ asn: number; org: string }> | null = null;
  let countries: RangeTable<string> | null = null;
  const ready = Promise.all([
    loadRangeCsv(sources.asnCsv, (cells) => ({ asn: Number(cells[2]), org: cells[3] ?? "" })).then(
      (table) => void (asns = table),
    ),
    loadRangeCsv(sources.countryCsv, (cells) => cells[2] ?? "").then((table) => void (countries = table)),
  ]).then(() => undefined);

  return {
    ready,
    /** What is known about a network's public address; null when it is not a public IPv4 address. */
    lookup(address: string | null): PublicNetwork | null {
      if (!address) return null;
      const kind = addressKind(address);
      const value = ipv4ToNumber(address);
      if (kind === null || value === null) return null;
      if (kind === "private" || kind === "microsoft") return { kind, asn: null, org: null, country: null };
      // The database first: a test or demo database may map documentation ranges to made-up ISPs.
      const owner = asns?.find(value) ?? null;
      const country = countries?.find(value) || null;
      if (!owner && !country && kind === "reserved") return { kind, asn: null, org: null, country: null };
      return { kind: "public", asn: owner?.asn ?? null, org: owner?.org || null, country };
    },
  };
}

export type IpInfo = ReturnType<typeof createIpInfo>;
