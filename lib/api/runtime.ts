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
import { createSeenBatch } from "@/lib/sites/seen-batch";
import { createQuietGate } from "./quiet-gate";
import { createSitesApplier } from "@/lib/history/sites-apply";
import { createHistoryService } from "@/lib/history/service";
import { createHistoryStore } from "@/lib/history/store";
import { createReportService } from "@/lib/reports/service";
import { createSiteService } from "@/lib/sites/service";
import { createAlerts } from "@/lib/alerts/alerts";
import { demoPeople } from "@/lib/demo/people";
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
  // Every Graph read counts as activity: background writes wait for a quiet moment (quiet-gate.ts).
  const quiet = createQuietGate();
  const graphGet = quiet.track(createGraphClient(graphOptions));
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
  const seenSubnets = createSeenBatch(
    (callId, subnets, at) => siteStore.recordSubnets(config.tenantId, callId, subnets, at),
    { beforeWrite: quiet.wait },
  );
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
    onSubnets: (callId, subnets) => seenSubnets.add(callId, subnets),
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
  const historyStore = createHistoryStore(db);
  const history = createHistoryService({
    store: historyStore,
    tenantId: config.tenantId,
    config: config.history,
    secret: config.cursorSecret,
    demo: config.demo,
    // The feed is built below; asked only when a page is read.
    backfillProgress: async () => {
      const status = await feed.inbox.status();
      return status.lastBackfill && { ...status.lastBackfill, problem: status.problem };
    },
    buildingFile: () => siteStore.getSites(config.tenantId),
    sitesApplier: createSitesApplier(db),
    beforeViewedWrite: quiet.wait,
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
  // A building file uploaded while an earlier process was re-applying it is finished here.
  setTimeout(() => void history.applySites(), 10_000).unref();
  // The demo's past is written on the first visit to the history's pages (not at start, where it would
  // compete with the first requests, and with another instance starting on the same file).
  const feed = createFeed({
    db,
    tenantId: config.tenantId,
    cursorSecret: config.cursorSecret,
    onJudged: async (call, sessions, source, judged) => {
      await history.record(call, sessions, source);
      // An alert that cannot be evaluated must not make the feed judge the call again: logged, not thrown.
      await alerts.evaluator
        .onJudged(judged, source, Date.parse(call.endDateTime))
        .catch((error: unknown) =>
          log(
            "warn",
            "alerts",
            `person rules failed: ${error instanceof Error ? error.message : String(error)}`,
          ),
        );
    },
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
  const alerts = createAlerts({
    db,
    tenantId: config.tenantId,
    config: config.alerts,
    holder: feed.holder,
    bands: config.history.bands,
    logDays: config.history.personalDays,
    history: historyStore,
    leases: { acquire: feed.store.acquire, release: feed.store.release },
    watchList: async () =>
      new Map((await feed.store.watchList(config.tenantId)).map((person) => [person.personId, person.label])),
    directRouting: async (from, to) => (await insights.phoneLog("directRouting", from, to)).rows,
    callsOf: async (personId, since) =>
      (
        await feed.store.page(config.tenantId, {
          poorOnly: true,
          order: "newest",
          people: [personId],
          after: null,
          limit: 500,
        })
      ).filter((call) => Date.parse(call.startDateTime) >= since),
    demoMessages:
      config.demo && config.alerts.demoMessagesUrl
        ? async () => {
            const response = await fetch(config.alerts.demoMessagesUrl ?? "", {
              signal: AbortSignal.timeout(5000),
            });
            return (await response.json()) as unknown;
          }
        : undefined,
    log: (level, message, fields) => log(level, "alerts", message, fields),
  });
  if (config.demo) void seedDemoAlerts(alerts, feed, config).catch(() => undefined);
  return {
    config,
    service,
    feed,
    alerts,
    history,
    search,
    insights,
    reports,
    // What this instance saw a moment ago is written before the list is read.
    sites: createSiteService(
      {
        ...siteStore,
        seenSubnets: async (tenantId, limit) => {
          await seenSubnets.flush();
          return siteStore.seenSubnets(tenantId, limit);
        },
      },
      { afterUpload: () => void history.applySites(), progress: () => history.sitesProgress() },
    ),
    // Loading a big call takes a request per 60 sessions: the budget leaves room for several at once.
    limiter: redis
      ? createRedisRateLimiter(redis, config.rateLimitPerMinute, config.rateLimitPerMinute)
      : createRateLimiter(config.rateLimitPerMinute, config.rateLimitPerMinute),
    verify: config.demo ? async () => demoPrincipal : createTokenVerifier(config),
    viewFor,
  };
}

/**
 * The demo's alerts, made once: Mateo Alvarez on the watch list, a rule for his poor calls and a band rule on the
 * demo's sites, both to the demo's Teams-channel stand-in (and its mailbox, when SMTP is set).
 */
async function seedDemoAlerts(
  alerts: ReturnType<typeof createAlerts>,
  feed: ReturnType<typeof createFeed>,
  config: ReturnType<typeof serverConfig>,
) {
  const tenantId = config.tenantId;
  if (
    (await alerts.store.rules(tenantId)).length > 0 ||
    (await alerts.store.destinations(tenantId)).length > 0
  )
    return;
  const mateo = demoPeople.find((person) => person.displayName === "Mateo Alvarez");
  const now = Date.now();
  if (mateo)
    await feed.store.watch(
      tenantId,
      { personId: mateo.id, label: mateo.displayName, addedBy: "demo", addedAt: now },
      config.feed?.maxWatched ?? 200,
    );
  const destinations: string[] = [];
  const teams = config.alerts.demoMessagesUrl
    ? new URL("/_emulator/teams/workflows/demo-channel", config.alerts.demoMessagesUrl)
    : null;
  if (teams) {
    const id = "demo-teams";
    await alerts.store.addDestination(
      tenantId,
      { id, name: "IT ops channel (demo stand-in)", kind: "teams", target: teams.href, secret: null },
      "demo",
      now,
    );
    destinations.push(id);
  }
  if (config.alerts.smtp) {
    const id = "demo-email";
    await alerts.store.addDestination(
      tenantId,
      { id, name: "IT ops mailbox (demo)", kind: "email", target: "it-ops@contoso.example", secret: null },
      "demo",
      now,
    );
    destinations.push(id);
  }
  const base = {
    enabled: true,
    digest: "none" as const,
    quietHours: null,
    snoozedUntil: null,
    destinationIds: destinations,
    createdBy: "demo",
    createdByName: "Demo",
    createdAt: now,
    updatedAt: now,
  };
  await alerts.store.saveRule(tenantId, {
    ...base,
    id: "demo-mateo",
    name: "Mateo Alvarez had a poor call",
    cooldownMinutes: 0,
    spec: { kind: "person", people: "watch-list", parts: ["impacting", "impacted", "both", "unclear"] },
  });
  await alerts.store.saveRule(tenantId, {
    ...base,
    id: "demo-sites",
    name: "A site over 10 % poor streams in 24 hours",
    cooldownMinutes: 24 * 60,
    spec: {
      kind: "band",
      dimension: "site",
      values: null,
      window: "24h",
      bandPercent: 10,
      minStreams: 20,
      overBaselinePoints: 0,
      media: "all",
    },
  });
}

// One per process, whichever route bundle asks first: routes share the cache, the Redis connection and the budgets.
const holder = globalThis as typeof globalThis & { __callscopeRuntime?: ReturnType<typeof build> };

export function apiRuntime() {
  holder.__callscopeRuntime ??= build();
  return holder.__callscopeRuntime;
}
