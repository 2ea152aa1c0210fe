// The server's Graph stack (msal-node token, ky client, reader, service) wired to a test emulator.
import { DEMO_APP, DEMO_TENANT_ID } from "../../emulator/entra/registry";
import { createMemoryCache } from "@/lib/api/cache";
import { createCallService } from "@/lib/api/call-service";
import { createCursorCodec } from "@/lib/api/cursor";
import { parseServerConfig } from "@/lib/config/schema";
import { createCallRecordsReader } from "@/lib/graph/callrecords";
import { createGraphClient } from "@/lib/graph/client";
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
  } = {},
) {
  const config = parseServerConfig({
    AZURE_TENANT_ID: DEMO_TENANT_ID,
    AZURE_CLIENT_ID: DEMO_APP.clientId,
    ...(overrides.certificatePath
      ? { AZURE_CLIENT_CERTIFICATE_PATH: overrides.certificatePath }
      : { AZURE_CLIENT_SECRET: DEMO_APP.secret }),
    GRAPH_BASE_URL: overrides.graphBaseUrl ?? emulator.url,
    AUTHORITY_HOST: emulator.url,
  });
  const graphGet = createGraphClient({
    getToken: createAppTokenSource(config),
    timeoutMs: overrides.timeoutMs ?? 10_000,
    maxRetries: overrides.maxRetries ?? 4,
    maxWaitMs: overrides.maxWaitMs ?? 10_000,
    baseDelayMs: 20,
  });
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
  });
  return { config, graphGet, reader, cursors, service };
}
