// A delivery worker in a process of its own, for the kill -9 test: it drains once and waits to be killed.
//   CHILD_SQLITE or CHILD_DATABASE_URL, CHILD_TENANT, CHILD_PORT, CHILD_CA (PEM)
import { openDatabase } from "@/lib/db/open";
import { alertStack, testPolicy } from "./alert-stack";

const db = openDatabase(
  process.env.CHILD_DATABASE_URL
    ? { databaseUrl: process.env.CHILD_DATABASE_URL }
    : { sqlitePath: process.env.CHILD_SQLITE },
);
const stack = alertStack({
  db,
  tenantId: process.env.CHILD_TENANT ?? "",
  policy: testPolicy(Number(process.env.CHILD_PORT), process.env.CHILD_CA ?? ""),
  holder: "child",
  claimMs: 1_500,
  batch: 1,
});
void stack.worker.drain();
setInterval(() => undefined, 1_000);
