import type { Site } from "./building-file";
import { networkOf, parseAddress, type Family } from "./address";

export interface SiteIndex {
  /** The most specific site whose network holds this subnet or address; null for none or a non-address. */
  find(address: string | null): Site | null;
}

/** Longest-prefix matching over a tenant's sites, as CQD matches a client's subnet to its buildings (IPv4 and IPv6). */
export function indexSites(sites: readonly Site[]): SiteIndex {
  const byPrefix: Record<Family, Map<number, Map<bigint, Site>>> = { 4: new Map(), 6: new Map() };
  for (const site of sites) {
    const start = parseAddress(site.networkIp);
    if (start === null) continue;
    const tables = byPrefix[start.family];
    const table = tables.get(site.networkRange) ?? new Map<bigint, Site>();
    table.set(start.value, site);
    tables.set(site.networkRange, table);
  }
  const prefixes: Record<Family, number[]> = {
    4: [...byPrefix[4].keys()].sort((a, b) => b - a),
    6: [...byPrefix[6].keys()].sort((a, b) => b - a),
  };
  return {
    find(text) {
      const address = parseAddress(text);
      if (address === null) return null;
      for (const prefix of prefixes[address.family]) {
        const site = byPrefix[address.family].get(prefix)?.get(networkOf(address, prefix));
        if (site) return site;
      }
      return null;
    },
  };
}

/** "Lisbon HQ (Lisbon, Portugal)" */
export function siteLabel(site: Site): string {
  const place = [site.city, site.country].filter(Boolean).join(", ");
  const name = site.buildingName || site.networkName || `${site.networkIp}/${site.networkRange}`;
  return place ? `${name} (${place})` : name;
}

/** A network's place as the history and exports keep it: the site's name, and whether it is inside the corp. */
export type PlaceOf = (network: { subnet: string | null; ipAddress: string | null } | null) => {
  site: string;
  insideCorp: boolean;
} | null;

export function placeFinder(sites: readonly Site[]): PlaceOf {
  const index = indexSites(sites);
  return (network) => {
    // An empty subnet is no subnet (the facts keep it as null and look the address up instead).
    const site = index.find(network?.subnet || network?.ipAddress || null);
    return site ? { site: site.buildingName || site.networkName, insideCorp: site.insideCorp } : null;
  };
}
