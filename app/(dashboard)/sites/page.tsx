import type { Metadata } from "next";
import { SitesView } from "./client";

export const metadata: Metadata = { title: "Sites" };

export default function SitesPage() {
  return (
    <section aria-labelledby="sites-heading" className="space-y-4">
      <h1 id="sites-heading" className="text-2xl font-semibold">
        Sites
      </h1>
      <p className="max-w-3xl text-sm text-muted">
        Name your networks the way Call Quality Dashboard does: upload its building data file (tab- or
        comma-separated, 15 columns, no header row: NetworkIP, NetworkName, NetworkRange, BuildingName,
        OwnershipType, BuildingType, BuildingOfficeType, City, ZipCode, Country, State, Region, InsideCorp,
        ExpressRoute, VPN). Every subnet callscope shows then carries its site, and a meeting&apos;s causes
        can name a site. A new upload replaces the previous one, for past calls in the history too.
      </p>
      <SitesView />
    </section>
  );
}
