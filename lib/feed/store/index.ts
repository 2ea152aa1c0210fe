import "server-only";
import type { Db } from "@/lib/db/open";
import { callsTable } from "./calls";
import { leasesTable } from "./leases";
import { queueTable } from "./queue";
import { stateTable } from "./state";
import { subscriptionsTable } from "./subscriptions";
import { watchTable } from "./watch";

export type { PageQuery } from "./calls";
export type { EnqueueResult, QueueItem } from "./queue";
export type { FeedState } from "./state";

/** The feed's tables, one module per group, on the process's database (`lib/db`). */
export function createFeedStore(db: Db) {
  return {
    /** Brings the database to the newest schema (the first use does too). */
    migrate: async () => void (await db.ready()),
    ...queueTable(db),
    ...callsTable(db),
    ...watchTable(db),
    ...subscriptionsTable(db),
    ...leasesTable(db),
    ...stateTable(db),
  };
}

export type FeedStore = ReturnType<typeof createFeedStore>;
