// The layer rule (eslint.config.mjs) is a guard rail only if it fires: a probe import across layers from
// each folder that had no zone before must be refused, with the zone's message.
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// Only the layer rule: the others (import/no-cycle) want the probe on disk.
const eslint = new ESLint({
  cwd: process.cwd(),
  ruleFilter: ({ ruleId }) => ruleId === "import/no-restricted-paths",
});

async function messagesFor(file: string, source: string) {
  const [result] = await eslint.lintText(source, { filePath: file });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === "import/no-restricted-paths")
    .map((m) => m.message);
}

describe("layer zones", () => {
  it.each([
    [
      "lib/feed/probe.ts",
      'import { apiRuntime } from "@/lib/api/runtime";\nexport const probe = apiRuntime;\n',
      /lib\/feed takes the call service as an argument/,
    ],
    [
      "lib/feed/probe.ts",
      'import { createReportStore } from "@/lib/reports/db-store";\nexport const probe = createReportStore;\n',
      /lib\/feed is a service beside lib\/api/,
    ],
    [
      "lib/sites/probe.ts",
      'import { createCallService } from "@/lib/api/call-service";\nexport const probe = createCallService;\n',
      /lib\/sites holds building data/,
    ],
    [
      "lib/ip-info/probe.ts",
      'import { openDatabase } from "@/lib/db/open";\nexport const probe = openDatabase;\n',
      /lib\/ip-info answers ISP and country/,
    ],
    [
      "lib/db/probe.ts",
      'import { createFeedStore } from "@/lib/feed/store";\nexport const probe = createFeedStore;\n',
      /lib\/db is a leaf/,
    ],
  ])("%s may not import across layers (%#)", async (file, source, message) => {
    const messages = await messagesFor(file, source);
    expect(messages).toEqual([expect.stringMatching(message)]);
  });

  it("lets each folder import what its layer allows", async () => {
    expect(
      await messagesFor(
        "lib/feed/probe.ts",
        'import { openDatabase } from "@/lib/db/open";\nexport const probe = openDatabase;\n',
      ),
    ).toEqual([]);
    expect(
      await messagesFor(
        "lib/ip-info/probe.ts",
        'import { parseAddress } from "@/lib/sites/address";\nexport const probe = parseAddress;\n',
      ),
    ).toEqual([]);
  });
}, 60_000);
