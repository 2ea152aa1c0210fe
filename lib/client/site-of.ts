import type { SiteOf } from "@/lib/callrecords/compare";
import type { Site } from "@/lib/sites/building-file";
import { indexSites, siteLabel } from "@/lib/sites/match";

/** The site a network belongs to, by its subnet (or address), as a label; undefined without building data. */
export function siteOfFor(sites: readonly Site[] | undefined | null): SiteOf | undefined {
  if (!sites || sites.length === 0) return undefined;
  const index = indexSites(sites);
  return (network) => {
    const site = network ? index.find(network.subnet ?? network.ipAddress) : null;
    return site ? siteLabel(site) : null;
  };
}
