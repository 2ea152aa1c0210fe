// The server's Graph stack (msal-node token, ky client, reader, service) wired to a test emulator.
import { DEMO_APP, DEMO_TENANT_ID, type AppRegistration } from "../../emulator/entra/registry";
import { createMemoryCache } from "@/lib/api/cache";
import { createCallInsights } from "@/lib/api/call-insights";
import { createCallService } from "@/lib/api/call-service";
import type { GraphBudget } from "@/lib/api/graph-budget";
import type { SharedStore } from "@/lib/api/shared/shared-store";
import { createPersonResolver } from "@/lib/api/person";
import { createSearchSealer, createSearchService } from "@/lib/api/search-service";
import { createCursorCodec } from "@/lib/api/cursor";
import { parseServerConfig } from "@/lib/config/schema";
import { createCallRecordsReader } from "@/lib/graph/callrecords";
import { createSearchReader } from "@/lib/graph/search";
import { createGraphClient, createGraphSender } from "@/lib/graph/client";
import { createAppTokenSource } from "@/lib/graph/token";
import type { RunningEmulator } from "./emulator";

export function graphStack(
  emulator: RunningEmulator,
  overrides: {
    timeoutMs?: number;
    maxRetries?: number;
    maxWaitMs?: number;
    maxSessions?: number;
    readAhead?: boolean;
    participantsV2?: boolean;
    graphBaseUrl?: string;
    certificatePath?: string;
    onSubnets?: (callId: string, subnets: string[]) => void;
    /** The app registration callscope signs in as (default: the demo app, with every permission). */
    app?: AppRegistration;
    /** What this "instance" shares with others (as Redis would): pages, leases. */
    shared?: SharedStore;
    budget?: GraphBudget;
    budgetWaitMs?: number;
  } = {},
) {
  const config = parseServerConfig({
    AZURE_TENANT_ID: DEMO_TENANT_ID,
    AZURE_CLIENT_ID: (overrides.app ?? DEMO_APP).clientId,
    ...(overrides.certificatePath
      ? { AZURE_CLIENT_CERTIFICATE_PATH: overrides.certificatePath }
      : { AZURE_CLIENT_SECRET: (overrides.app ?? DEMO_APP).secret }),
    GRAPH_BASE_URL: overrides.graphBaseUrl ?? emulator.url,
    AUTHORITY_HOST: emulator.url,
  });
  const graphOptions = {
    getToken: createAppTokenSource(config),
    timeoutMs: overrides.timeoutMs ?? 10_000,
    maxRetries: overrides.maxRetries ?? 4,
    maxWaitMs: overrides.maxWaitMs ?? 10_000,
    baseDelayMs: 20,
  };
  const graphGet = createGraphClient(graphOptions);
  // Subscriptions (the feed) write with the same token and retry rules.
  const graphSend = createGraphSender(graphOptions);
  const reader = createCallRecordsReader(graphGet, config.graphBaseUrl);
  const cursors = createCursorCodec("x".repeat(32));
  const service = createCallService({
    reader,
    cache: createMemoryCache(256 * 1024 * 1024),
    cursors,
    tenantId: config.tenantId,
    maxSessions: overrides.maxSessions ?? 20_000,
    readAhead: overrides.readAhead ?? false,
    participantsV2: overrides.participantsV2,
    onSubnets: overrides.onSubnets,
    shared: overrides.shared,
    budget: overrides.budget,
    budgetWaitMs: overrides.budgetWaitMs,
  });
  const searchReader = createSearchReader(graphGet, config.graphBaseUrl);
  const search = createSearchService({
    reader: searchReader,
    resolvePerson: createPersonResolver(searchReader),
    sealer: createSearchSealer("s".repeat(32)),
    tenantId: config.tenantId,
  });
  const insights = createCallInsights({ calls: service, reader: searchReader });
  return { config, graphGet, graphSend, reader, searchReader, cursors, service, search, insights };
}
