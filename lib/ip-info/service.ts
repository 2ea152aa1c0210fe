import "server-only";
import { existsSync } from "node:fs";
import { LRUCache } from "lru-cache";
import { createRequire } from "node:module";
import { join } from "node:path";
import { addressKey } from "@/lib/sites/address";
import type { PublicNetwork } from "@/lib/callrecords/model";
import { loadRangeCsv, loadRangeCsv6 } from "./load";
import { addressKind } from "./ranges";
import type { RangeTable } from "./range-table";

export interface IpInfoSources {
  /** ip-location-db "asn-ipv4-num.csv": start,end,asn,organisation */
  asnCsv: string;
  /** ip-location-db "asn-country-ipv4-num.csv": start,end,country code */
  countryCsv: string;
  /** The IPv6 tables of the same shape; by default the "-ipv6-" files beside the IPv4 ones, when present. */
  asnCsv6?: string | null;
  countryCsv6?: string | null;
}

/** ip-location-db ships each table twice, "…-ipv4-num.csv" and "…-ipv6-num.csv": the IPv6 twin, if it exists. */
function ipv6Twin(path: string): string | null {
  const twin = path.replace(/ipv4(-num\.csv)$/, "ipv6$1");
  return twin !== path && existsSync(twin) ? twin : null;
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
  let asns6: RangeTable<{ asn: number; org: string }, bigint> | null = null;
  let countries6: RangeTable<string, bigint> | null = null;
  const owner = (cells: string[]) => ({ asn: Number(cells[2]), org: cells[3] ?? "" });
  const code = (cells: string[]) => cells[2] ?? "";
  const asn6 = sources.asnCsv6 === undefined ? ipv6Twin(sources.asnCsv) : sources.asnCsv6;
  const country6 = sources.countryCsv6 === undefined ? ipv6Twin(sources.countryCsv) : sources.countryCsv6;
  const ready = Promise.all([
    loadRangeCsv(sources.asnCsv, owner).then((table) => void (asns = table)),
    loadRangeCsv(sources.countryCsv, code).then((table) => void (countries = table)),
    asn6 ? loadRangeCsv6(asn6, owner).then((table) => void (asns6 = table)) : null,
    country6 ? loadRangeCsv6(country6, code).then((table) => void (countries6 = table)) : null,
  ]).then(() => undefined);

  // lru-cache, not a Map trimmed from its front: deleting a Map's oldest keys makes each next look slow.
  const remembered = new LRUCache<string, { answer: PublicNetwork | null }>({ max: 20_000 });
  let loaded = false;
  ready.then(
    () => (loaded = true),
    () => undefined,
  );

  function lookupNow(text: string): PublicNetwork | null {
    const key = addressKey(text);
    const kind = addressKind(text);
    if (!key || kind === null) return null;
    if (kind === "private" || kind === "microsoft") return { kind, asn: null, org: null, country: null };
    // The database first: a test or demo database may map documentation ranges to made-up ISPs. IPv6 tables
    // are keyed by the upper 64 bits.
    const prefix = key.family === 6 ? key.address.value >> 64n : 0n;
    const owner = (key.family === 4 ? asns?.find(key.value) : asns6?.find(prefix)) ?? null;
    const country = (key.family === 4 ? countries?.find(key.value) : countries6?.find(prefix)) || null;
    if (!owner && !country && kind === "reserved") return { kind, asn: null, org: null, country: null };
    return { kind: "public", asn: owner?.asn ?? null, org: owner?.org || null, country };
  }

  return {
    ready,
    /** What is known about a network's public address (IPv4 or IPv6); null when it is not an address. */
    lookup(text: string | null): PublicNetwork | null {
      if (!text) return null;
      // The same few addresses recur on every page of a call (relays, the same people): remember answers, but
      // only once the tables are loaded (an early null must not stick).
      const known = remembered.get(text);
      if (known) return known.answer;
      const answer = lookupNow(text);
      if (loaded) remembered.set(text, { answer });
      return answer;
    },
  };
}

export type IpInfo = ReturnType<typeof createIpInfo>;
