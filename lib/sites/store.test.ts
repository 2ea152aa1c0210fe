// The sites tables on both databases.
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { eachDatabase } from "@/lib/db/testing/databases";
import { createSiteStore } from "./store";

eachDatabase((name, open) => {
  describe(`site store on ${name}`, () => {
    const db = open();
    const store = createSiteStore(db);
    afterAll(() => db.close());
    const tenant = () => `t-${randomBytes(6).toString("hex")}`;

    it("keeps each tenant's sites apart, and replaces them whole", async () => {
      const [a, b] = [tenant(), tenant()];
      const site = (networkIp: string, buildingName: string) => ({
        networkIp,
        networkName: "",
        networkRange: 24,
        buildingName,
        ownershipType: "",
        buildingType: "",
        buildingOfficeType: "",
        city: "Lisbon",
        zipCode: "",
        country: "Portugal",
        state: "",
        region: "",
        insideCorp: true,
        expressRoute: false,
        vpn: false,
      });
      expect(await store.getSites(a)).toBeNull();
      await store.replaceSites(a, {
        sites: [site("10.1.1.0", "HQ"), site("10.1.2.0", "Annex")],
        uploadedAt: 1000,
        uploadedBy: "Ada",
      });
      await store.replaceSites(b, {
        sites: [site("10.9.9.0", "Elsewhere")],
        uploadedAt: 1000,
        uploadedBy: "Oscar",
      });
      await store.replaceSites(a, {
        sites: [site("10.1.3.0", "New HQ")],
        uploadedAt: 2000,
        uploadedBy: "Ada",
      });
      expect(await store.getSites(a)).toEqual({
        sites: [site("10.1.3.0", "New HQ")],
        uploadedAt: 2000,
        uploadedBy: "Ada",
      });
      expect((await store.getSites(b))?.sites.map((s) => s.buildingName)).toEqual(["Elsewhere"]);
    });

    it("remembers the subnets seen in calls, most recent first, per tenant", async () => {
      const [a, b] = [tenant(), tenant()];
      await store.recordSubnets(a, "call-1", ["10.1.1.0", "10.1.2.0"], 1000);
      await store.recordSubnets(a, "call-2", ["10.1.2.0", "10.1.3.0"], 2000);
      await store.recordSubnets(b, "call-3", ["10.9.9.0"], 3000);
      await store.recordSubnets(a, "call-4", [], 4000);
      expect(await store.seenSubnets(a, 10)).toEqual([
        { subnet: "10.1.2.0", lastSeen: 2000, lastCallId: "call-2" },
        { subnet: "10.1.3.0", lastSeen: 2000, lastCallId: "call-2" },
        { subnet: "10.1.1.0", lastSeen: 1000, lastCallId: "call-1" },
      ]);
      expect(await store.seenSubnets(a, 1)).toHaveLength(1);
    });

    it("keeps every subnet of a town hall written in slices, a later call's sighting winning", async () => {
      const a = tenant();
      const many = Array.from({ length: 450 }, (_, i) => `10.${Math.floor(i / 250)}.${i % 250}.0`);
      await store.recordSubnets(a, "town-hall", [...many, ...many.slice(0, 10)], 1000);
      await store.recordSubnets(a, "later", many.slice(440), 2000);
      const seen = await store.seenSubnets(a, 1000);
      expect(seen).toHaveLength(450);
      expect(new Set(seen.map((row) => row.subnet))).toEqual(new Set(many));
      expect(seen.filter((row) => row.lastCallId === "later").map((row) => row.subnet)).toEqual(
        expect.arrayContaining(many.slice(440)),
      );
      expect(seen.filter((row) => row.lastCallId === "later")).toHaveLength(10);
    });

    it("records a subnet named twice in one call once", async () => {
      const a = tenant();
      await store.recordSubnets(a, "call-1", ["2001:db8:1::", "2001:db8:1::"], 1000);
      expect(await store.seenSubnets(a, 10)).toEqual([
        { subnet: "2001:db8:1::", lastSeen: 1000, lastCallId: "call-1" },
      ]);
    });
  });
});
