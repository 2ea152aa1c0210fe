import "server-only";
import { log } from "@/lib/log/logger";
import { createHmac, randomBytes } from "node:crypto";
import { serverConfig } from "@/lib/config/server";
import { createTokenVerifier } from "@/lib/auth/verify";
import { INVESTIGATOR_ROLE, type Principal } from "@/lib/auth/roles";
import {
  maskCall,
  maskParticipants,
  maskPhoneRows,
  maskSessions,
  type Pseudonym,
} from "@/lib/callrecords/mask";
import { createCallRecordsReader } from "@/lib/graph/callrecords";
import { createSearchReader } from "@/lib/graph/search";
import { createGraphClient, createGraphSender } from "@/lib/graph/client";
import { createSubscriptionsClient } from "@/lib/graph/subscriptions";
import { createFeed } from "@/lib/feed/feed";
import { openDatabase } from "@/lib/db/open";
import { createAppTokenSource } from "@/lib/graph/token";
import type { Session } from "@/lib/callrecords/model";
import { withPublicNetworks } from "@/lib/callrecords/public-networks";
import { createIpInfo, ipInfoSources } from "@/lib/ip-info/service";
import { createMemoryCache } from "./cache";
import { FULL_VIEW, type View } from "@/lib/callrecords/view";
import { createCallService } from "./call-service";
import { createCursorCodec } from "./cursor";
import { createCallInsights } from "./call-insights";
import { createNameLookup, createPersonResolver } from "./person";
import { createSearchSealer, createSearchService } from "./search-service";
import { createMemoryBudget, createRedisBudget } from "./graph-budget";
import { createRateLimiter, createRedisRateLimiter } from "./rate-limit";
import { connectRedis } from "./shared/redis-client";
import { createRedisStore } from "./shared/shared-store";
import { createReportStore } from "@/lib/reports/db-store";
import { createSiteStore } from "@/lib/sites/store";
import { indexSites } from "@/lib/sites/match";
import { createHistoryService } from "@/lib/history/service";
import { createHistoryStore } from "@/lib/history/store";
import { createReportService } from "@/lib/reports/service";
import { createSiteService } from "@/lib/sites/service";
import packageJson from "@/package.json";

/** Everything the API routes share, built once per server process from the configuration. */
function build() {
  const config = serverConfig();
  const graphOptions = {
    getToken: createAppTokenSource(config),
    timeoutMs: config.graphTimeoutMs,
    maxRetries: config.graphMaxRetries,
    maxWaitMs: config.graphMaxWaitMs,
    baseDelayMs: config.graphRetryBaseMs,
  };
  const graphGet = createGraphClient(graphOptions);
  const reader = createCallRecordsReader(graphGet, config.graphBaseUrl);
  // One database per process (SQLite file or PostgreSQL pool) for reports, sites and the feed.
  const db = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const siteStore = createSiteStore(db);
  const ipInfo = createIpInfo(ipInfoSources(config));
  ipInfo.ready.catch((error: unknown) => {
    // The call views work without ISPs; say once why they are missing.
    log(
      "warn",
      "ip-info",
      `ISP and country lookups are off: ${error instanceof Error ? error.message : String(error)}`,
    );
  });
  const annotate = (sessions: Session[]) => withPublicNetworks(sessions, ipInfo.lookup);
  // Several instances share Graph's pages, the page leases, people's rate limits and records' budgets in Redis.
  const redis = config.redisUrl ? connectRedis(config.redisUrl) : null;
  const shared =
    redis && config.cursorSecret
      ? createRedisStore(redis, { secret: config.cursorSecret, maxEntryBytes: config.sharedEntryBytes })
      : undefined;
  const budget = config.graphBudget
    ? redis
      ? createRedisBudget(redis, config.graphBudget)
      : createMemoryBudget(config.graphBudget)
    : undefined;
  const service = createCallService({
    reader,
    cache: createMemoryCache(config.cacheBytes),
    cursors: createCursorCodec(config.cursorSecret),
    tenantId: config.tenantId,
    maxSessions: config.maxSessions,
    readAhead: true,
    participantsV2: config.cloud === "global",
    annotate,
    shared,
    budget,
    onSubnets: (callId, subnets) =>
      void siteStore.recordSubnets(config.tenantId, callId, subnets, Date.now()).catch(() => undefined),
  });
  const searchReader = createSearchReader(graphGet, config.graphBaseUrl);
  const resolvePerson = createPersonResolver(searchReader);
  const search = createSearchService({
    reader: searchReader,
    resolvePerson,
    sealer: createSearchSealer(config.cursorSecret),
    tenantId: config.tenantId,
  });
  // Keyed by a secret: with a public key (the tenant ID) anyone knowing user IDs could undo the masking.
  const pseudonymKey = config.cursorSecret ?? randomBytes(32).toString("hex");
  const history = createHistoryService({
    store: createHistoryStore(db),
    tenantId: config.tenantId,
    config: config.history,
    secret: config.cursorSecret,
    demo: config.demo,
    // The feed is built below; asked only when a page is read.
    backfillProgress: async () => {
      const status = await feed.inbox.status();
      return status.lastBackfill && { ...status.lastBackfill, problem: status.problem };
    },
    placeOf: async () => {
      const list = await siteStore.getSites(config.tenantId);
      const index = indexSites(list?.sites ?? []);
      return (network) => {
        const site = index.find(network?.subnet ?? network?.ipAddress ?? null);
        return site ? { site: site.buildingName || site.networkName, insideCorp: site.insideCorp } : null;
      };
    },
  });
  // Calls people open or list are kept in the history too (their streams, once per version).
  const insights = createCallInsights({
    calls: service,
    reader: searchReader,
    onRead: (call, sessions) => history.record(call, sessions, "viewed"),
  });
  const pseudonym: Pseudonym = (identity) => {
    const source = identity.id ?? identity.userPrincipalName ?? identity.displayName ?? "unknown";
    const tag = createHmac("sha256", pseudonymKey)
      .update(source)
      .digest("base64url")
      .replace(/[^A-Za-z0-9]/g, "")
      .slice(0, 4)
      .toUpperCase();
    return identity.kind === "phone" ? `Phone ${tag}` : `Participant ${tag}`;
  };
  const maskedView: View = {
    name: "masked",
    call: (call) => maskCall(call, pseudonym),
    sessions: (sessions) => maskSessions(sessions, pseudonym),
    participants: (participants) => maskParticipants(participants, pseudonym),
    phoneRows: (rows) => maskPhoneRows(rows, pseudonym),
  };
  const demoPrincipal: Principal = {
    kind: "demo",
    oid: "demo",
    name: "Demo visitor",
    username: null,
    tenantId: config.tenantId,
    roles: [INVESTIGATOR_ROLE],
    seesPersonalData: true,
  };
  const viewFor = (principal: Principal): View => (principal.seesPersonalData ? FULL_VIEW : maskedView);
  const reports = createReportService({
    store: createReportStore(db),
    appVersion: packageJson.version,
    viewFor,
    quotas: config.reportQuotas,
    annotate,
  });
  history.startRetention();
  // The demo's past is written on the first visit to the history's pages (not at start, where it would
  // compete with the first requests, and with another instance starting on the same file).
  const feed = createFeed({
    db,
    tenantId: config.tenantId,
    cursorSecret: config.cursorSecret,
    onJudged: (call, sessions, source) => history.record(call, sessions, source),
    config: config.feed,
    calls: service,
    subscriptions: createSubscriptionsClient(createGraphSender(graphOptions), config.graphBaseUrl),
    listCalls: (filter, nextLink) => searchReader.calls(filter, nextLink),
    resolvePerson,
    nameOf: createNameLookup(searchReader),
    log: ({ level, message, ...fields }) =>
      log(
        level === "warn" || level === "error" ? level : "info",
        "feed",
        typeof message === "string" ? message : "feed",
        fields,
      ),
  });
  return {
    config,
    service,
    feed,
    history,
    search,
    insights,
    reports,
    sites: createSiteService(siteStore),
    // Loading a big call takes a request per 60 sessions: the budget leaves room for several at once.
    limiter: redis
      ? createRedisRateLimiter(redis, config.rateLimitPerMinute, config.rateLimitPerMinute)
      : createRateLimiter(config.rateLimitPerMinute, config.rateLimitPerMinute),
    verify: config.demo ? async () => demoPrincipal : createTokenVerifier(config),
    viewFor,
  };
}

// One per process, whichever route bundle asks first: routes share the cache, the Redis connection and the budgets.
const holder = globalThis as typeof globalThis & { __callscopeRuntime?: ReturnType<typeof build> };

export function apiRuntime() {
  holder.__callscopeRuntime ??= build();
  return holder.__callscopeRuntime;
}
