import { describe, expect, it } from "vitest";
import { openPostgresStore } from "./postgres-store";
import { reportStoreContract } from "./testing/store-contract";

// Runs against a real PostgreSQL when TEST_DATABASE_URL is set (.ci/run starts one).
const url = process.env.TEST_DATABASE_URL;

if (url) {
  reportStoreContract("PostgreSQL", () => openPostgresStore(url));
} else {
  describe("PostgreSQL report store", () => {
    it("needs TEST_DATABASE_URL (set by .ci/run, which starts Debian's postgresql)", () => {
      expect(process.env.CI, "CI must provide a PostgreSQL for this suite").not.toBe("true");
    });
  });
}
