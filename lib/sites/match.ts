import type { Site } from "./building-file";
import { ipv4ToNumber, prefixMask } from "./ipv4";

export interface SiteIndex {
  /** The most specific site whose network holds this subnet or address; null for none or a non-IPv4 value. */
  find(address: string | null): Site | null;
}

/** Longest-prefix matching over a tenant's sites, as CQD matches a client's subnet to its buildings. */
export function indexSites(sites: readonly Site[]): SiteIndex {
  const byPrefix = new Map<number, Map<number, Site>>();
  for (const site of sites) {
    const start = ipv4ToNumber(site.networkIp);
    if (start === null) continue;
    const table = byPrefix.get(site.networkRange) ?? new Map<number, Site>();
    table.set(start, site);
    byPrefix.set(site.networkRange, table);
  }
  const prefixes = [...byPrefix.keys()].sort((a, b) => b - a);
  return {
    find(address) {
      const value = address ? ipv4ToNumber(address) : null;
      if (value === null) return null;
      for (const prefix of prefixes) {
        const mask = prefixMask(prefix);
        const site = byPrefix.get(prefix)?.get((value & mask) >>> 0);
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
