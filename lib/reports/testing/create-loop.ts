// Creates reports until killed, printing each ID once the store has acknowledged it (durability test).
import { randomBytes } from "node:crypto";
import { gzipSync } from "node:zlib";
import { openDatabase } from "@/lib/db/open";
import { createReportStore } from "../db-store";

const store = createReportStore(openDatabase({ sqlitePath: process.argv[2] ?? "" }));
const payload = gzipSync(
  JSON.stringify({
    record: { id: "x" },
    sessions: Array.from({ length: 200 }, (_, i) => ({ id: `s${i}`, pad: "x".repeat(200) })),
  }),
);

async function loop() {
  for (;;) {
    const id = randomBytes(16).toString("base64url");
    await store.create(
      {
        id,
        tenantId: "t",
        callId: "c",
        title: "loop",
        note: null,
        redacted: false,
        createdAt: Date.now(),
        createdBy: "u",
        createdByName: "U",
        expiresAt: null,
        appVersion: "test",
        sessionCount: 200,
        callStart: null,
        callType: null,
        quality: null,
        poorShare: null,
      },
      payload,
    );
    process.stdout.write(`${id}\n`);
  }
}
void loop();
