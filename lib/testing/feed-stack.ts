// A feed (webhook, store, worker, renewer, inbox) wired to a test emulator: the webhook served over real
// HTTP on a free port, so the emulator's handshake and notifications travel the network as Graph's do.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getRequestListener } from "@hono/node-server";
import { parseServerConfig } from "@/lib/config/schema";
import { createFeed, type Feed } from "@/lib/feed/feed";
import { openDatabase } from "@/lib/db/open";
import { createSubscriptionsClient } from "@/lib/graph/subscriptions";
import { createNameLookup, createPersonResolver } from "@/lib/api/person";
import { DEMO_APP, DEMO_TENANT_ID } from "../../emulator/entra/registry";
import type { RunningEmulator } from "./emulator";
import { graphStack } from "./graph-stack";

export interface Webhook {
  url: string;
  /** What answers Graph: the feed's webhook by default; tests swap in broken endpoints. */
  handler: (request: Request) => Promise<Response>;
  close(): Promise<void>;
}

export async function startWebhook(): Promise<Webhook> {
  const hook: Webhook = {
    url: "",
    handler: async () => new Response(null, { status: 503 }),
    close: async () => undefined,
  };
  const server: Server = createServer(getRequestListener((request) => hook.handler(request)));
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  hook.url = `http://127.0.0.1:${port}`;
  hook.close = () =>
    new Promise<void>((done) => {
      server.closeAllConnections();
      server.close(() => done());
    });
  return hook;
}

export const tempDbPath = () => join(mkdtempSync(join(tmpdir(), "callscope-feed-")), "callscope.db");

/** One "instance" of callscope's feed: its own Graph stack and holder, on a database path others may share. */
export function feedStack(
  emulator: RunningEmulator,
  webhook: Webhook,
  options: {
    dbPath: string;
    holder?: string;
    env?: Record<string, string>;
    now?: () => number;
    renewWithinMs?: number;
    lookbackMs?: number;
    maxBackfillPages?: number;
  },
): Feed {
  const config = parseServerConfig({
    AZURE_TENANT_ID: DEMO_TENANT_ID,
    AZURE_CLIENT_ID: DEMO_APP.clientId,
    AZURE_CLIENT_SECRET: DEMO_APP.secret,
    GRAPH_BASE_URL: emulator.url,
    AUTHORITY_HOST: emulator.url,
    CALLSCOPE_PUBLIC_URL: webhook.url,
    CALLSCOPE_FEED_SETTLE_SECONDS: "0",
    // Tests start from an empty inbox; the one about the first start's backfill turns it on.
    CALLSCOPE_HISTORY_BACKFILL_DAYS: "0",
    ...options.env,
  });
  const stack = graphStack(emulator, { budget: undefined });
  const { searchReader } = stack;
  return createFeed({
    db: openDatabase({ sqlitePath: options.dbPath }),
    tenantId: config.tenantId,
    cursorSecret: "f".repeat(32),
    config: config.feed,
    calls: stack.service,
    subscriptions: createSubscriptionsClient(stack.graphSend, config.graphBaseUrl),
    listCalls: (filter, nextLink) => searchReader.calls(filter, nextLink),
    resolvePerson: createPersonResolver(searchReader),
    nameOf: createNameLookup(searchReader),
    holder: options.holder,
    now: options.now,
    renewWithinMs: options.renewWithinMs,
    lookbackMs: options.lookbackMs,
    maxBackfillPages: options.maxBackfillPages,
    pollMs: 50,
  });
}
