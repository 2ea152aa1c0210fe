import { afterAll, describe, expect, it } from "vitest";
import { INVESTIGATOR_ROLE, READER_ROLE, type Principal } from "@/lib/auth/roles";
import { openDatabase } from "@/lib/db/open";
import { tempSqlitePath } from "@/lib/db/testing/databases";
import { createSiteStore } from "./store";
import { createSiteService } from "./service";

const db = openDatabase({ sqlitePath: tempSqlitePath() });
const store = createSiteStore(db);
afterAll(() => db.close());
const sites = createSiteService(store);
const principal = (roles: string[], tenantId = "t1"): Principal => ({
  kind: "user",
  oid: "o",
  name: "Ada",
  username: null,
  tenantId,
  roles,
  seesPersonalData: roles.includes(INVESTIGATOR_ROLE),
});
const line = (ip: string, range: string, building: string) =>
  [ip, "", range, building, "", "", "", "Lisbon", "", "Portugal", "", "", "1", "0", "0"].join("\t");

describe("site service", () => {
  it("stores an investigator's file and lists it to anyone of the tenant", async () => {
    await sites.upload(
      principal([INVESTIGATOR_ROLE]),
      `${line("10.0.0.0", "9", "Lisbon HQ")}\n${line("10.128.0.0", "9", "Oslo")}`,
    );
    const listed = await sites.list(principal([READER_ROLE]));
    expect(listed.sites.map((site) => site.buildingName)).toEqual(["Lisbon HQ", "Oslo"]);
    expect(listed.uploadedBy).toBe("Ada");
    expect((await sites.list(principal([READER_ROLE], "t2"))).sites).toEqual([]);
  });

  it("refuses a bad file with its line and column, keeping what was there", async () => {
    await expect(
      sites.upload(
        principal([INVESTIGATOR_ROLE]),
        `${line("10.0.0.0", "9", "New")}\n${line("10.128.0.0", "40", "Bad")}`,
      ),
    ).rejects.toMatchObject({
      status: 400,
      code: "invalid_building_file",
      message: expect.stringContaining("Line 2, column NetworkRange"),
    });
    expect((await sites.list(principal([READER_ROLE]))).sites.map((site) => site.buildingName)).toEqual([
      "Lisbon HQ",
      "Oslo",
    ]);
  });

  it("lists the subnets seen in calls that no site covers, to investigators", async () => {
    await store.recordSubnets("t1", "call-a", ["10.1.0.0", "172.16.4.0", "10.200.1.0"], 5000);
    // The file above covers 10.0.0.0/9 and 10.128.0.0/9: 172.16.4.0 alone is uncovered.
    expect(await sites.uncovered(principal([INVESTIGATOR_ROLE]))).toEqual([
      { subnet: "172.16.4.0", lastSeen: 5000, lastCallId: "call-a" },
    ]);
    await expect(sites.uncovered(principal([READER_ROLE]))).rejects.toMatchObject({ status: 403 });
  });

  it("lets only investigators upload", async () => {
    await expect(sites.upload(principal([READER_ROLE]), line("10.0.0.0", "9", "x"))).rejects.toMatchObject({
      status: 403,
      code: "investigators_only",
    });
  });
});
