import { crossBundleBrand } from "@/lib/errors/cross-bundle";
import { isGuid } from "@/lib/format/guid";
import { DEFAULT_ALERT_HOSTS, parseHostRule, type HostRule } from "./alert-hosts";
import { CLOUDS, MICROSOFT_GRAPH_HOSTS, type CloudName } from "./clouds";

/** Graph's longest lifetime for a callRecords subscription, in minutes. */
const MAX_SUBSCRIPTION_MINUTES = 4230;

export interface ServerConfig {
  cloud: CloudName;
  tenantId: string;
  clientId: string;
  credential: { kind: "secret"; secret: string } | { kind: "certificate"; path: string };
  authorityHost: string;
  graphBaseUrl: string;
  graphScope: string;
  /** The audience of tokens for callscope's own API (its app registration's client ID). */
  apiAudience: string;
  demo: boolean;
  cursorSecret: string | undefined;
  cacheBytes: number;
  maxSessions: number;
  graphTimeoutMs: number;
  graphMaxRetries: number;
  graphMaxWaitMs: number;
  /** First back-off before a Graph retry (doubled, with jitter, per attempt). */
  graphRetryBaseMs: number;
  /** API requests a minute per signed-in user. */
  rateLimitPerMinute: number;
  /** Where the embedded SQLite database of saved reports lives. */
  dataDir: string;
  /** PostgreSQL for saved reports instead of SQLite, when several instances run. */
  databaseUrl: string | undefined;
  /** Offline IP → ISP/country tables (ip-location-db "-num" CSV files); unset: the npm packages' files. */
  ipAsnCsv: string | undefined;
  ipCountryCsv: string | undefined;
  reportQuotas: ReportQuotas;
  /** Redis (or Valkey) shared by several instances: page cache, leases, rate limits, Graph budgets. */
  redisUrl: string | undefined;
  /** The largest Graph answer kept in the shared cache. */
  sharedEntryBytes: number;
  /** Each call record's share of Graph (requests per sliding window); null when turned off. */
  graphBudget: {
    firstPage: { requests: number; windowMs: number };
    laterPage: { requests: number; windowMs: number };
  } | null;
  /** Change notifications and the inbox; null when CALLSCOPE_PUBLIC_URL is not set. */
  feed: FeedConfig | null;
  history: HistoryConfig;
  alerts: AlertsConfig;
}

/** Alerts to Teams channels, email and webhooks (lib/alerts). */
export interface AlertsConfig {
  /** The hosts a destination may name (CALLSCOPE_ALERT_HOSTS; default the configured cloud's Teams webhook hosts). */
  hosts: HostRule[];
  /**
   * Allowed hosts that may resolve to a private or loopback address (CALLSCOPE_ALERT_PRIVATE_HOSTS): an
   * internal relay the operator runs, or the demo's stand-ins. Every other destination must be public.
   */
  privateHosts: string[];
  /** The SMTP server email alerts go through (CALLSCOPE_SMTP_URL) and their sender (CALLSCOPE_SMTP_FROM). */
  smtp: { url: string; from: string } | null;
  /** The address alerts link back to (CALLSCOPE_PUBLIC_URL); without it alerts carry no links. */
  linkBase: string | null;
  /** The demo's message catcher, read by the alerts page in demo mode only (CALLSCOPE_DEMO_MESSAGES_URL). */
  demoMessagesUrl: string | null;
  /** Window rules are evaluated this often (CALLSCOPE_ALERT_EVALUATE_SECONDS, default 60). */
  evaluateEveryMs: number;
}

/** The quality history beyond Graph's 30 days (lib/history). */
export interface HistoryConfig {
  /** Stream facts are kept this long (CALLSCOPE_HISTORY_DAYS, default 400: about 13 months). */
  days: number;
  /** Names, addresses and free text are erased after this (CALLSCOPE_HISTORY_PERSONAL_DAYS, default 30, CQD's rule). */
  personalDays: number;
  /** Status bands of the overview, as poor-stream shares, and the smallest sample judged. */
  bands: { critical: number; degraded: number; minStreams: number };
}

export interface FeedConfig {
  /** Where Graph reaches this deployment; notifications go to `{publicUrl}/api/notifications`. */
  publicUrl: string;
  notificationUrl: string;
  /** Every call of the tenant, or only the watch list's (filtered subscriptions). */
  scope: "all" | "watched";
  lifetimeMs: number;
  tickMs: number;
  maxSubscriptions: number;
  queueMax: number;
  /** Change notifications one subscription may bring in a minute (per instance); past it 503, Graph retries. */
  perSubscriptionPerMinute: number;
  /** Records judged at once by this instance; 0: this instance only receives (others judge). */
  workers: number;
  settleMs: number;
  maxWatched: number;
  /** Days of Graph's list filled in at the very first start (CALLSCOPE_HISTORY_BACKFILL_DAYS; 30, or 0 in the demo). */
  firstBackfillDays: number;
}

/** What saved reports may hold, so one person (or a script with their token) cannot fill the disk. */
export interface ReportQuotas {
  perUser: { count: number; bytes: number };
  perTenant: { count: number; bytes: number };
  /** Reports built at once on one instance; more wait in a short queue, then get 429. */
  concurrent: number;
}

const CONFIG_ERROR_BRAND = crossBundleBrand("ConfigError");

export class ConfigError extends Error {
  static [Symbol.hasInstance](value: unknown): boolean {
    return CONFIG_ERROR_BRAND.is(value);
  }
  readonly [CONFIG_ERROR_BRAND.brand] = true;
  constructor(
    readonly variable: string,
    readonly problem: string,
  ) {
    super(`${variable}: ${problem}`);
    this.name = "ConfigError";
  }
}

const httpsUrl = (variable: string, value: string): string => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(
      variable,
      `"${value}" is not a URL. Use an https:// base URL such as https://graph.microsoft.com.`,
    );
  }
  if (url.protocol !== "https:")
    throw new ConfigError(variable, `must use https:// (MSAL and Graph refuse plain http), got "${value}".`);
  return url.origin + url.pathname.replace(/\/+$/, "");
};

const integer = (
  env: Record<string, string | undefined>,
  variable: string,
  fallback: number,
  min: number,
  max: number,
) => {
  const raw = env[variable];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(variable, `must be a whole number from ${min} to ${max}, got "${raw}".`);
  }
  return value;
};

const required = (env: Record<string, string | undefined>, variable: string, hint: string) => {
  const value = env[variable]?.trim();
  if (!value) throw new ConfigError(variable, `is not set. ${hint}`);
  return value;
};

function databaseUrl(value: string | undefined): string | undefined {
  const url = value?.trim();
  if (!url) return undefined;
  if (!/^postgres(ql)?:\/\//.test(url))
    throw new ConfigError(
      "DATABASE_URL",
      "must be a PostgreSQL URL (postgres://user:password@host:5432/database); unset it to use the embedded SQLite store.",
    );
  return url;
}

const LOOPBACK = ["localhost", "127.0.0.1", "[::1]"];

function historyConfig(env: Record<string, string | undefined>): HistoryConfig {
  const days = integer(env, "CALLSCOPE_HISTORY_DAYS", 400, 31, 3660);
  const personalDays = integer(env, "CALLSCOPE_HISTORY_PERSONAL_DAYS", 30, 0, days);
  const critical = integer(env, "CALLSCOPE_QUALITY_CRITICAL_PERCENT", 20, 1, 100);
  const degraded = integer(env, "CALLSCOPE_QUALITY_DEGRADED_PERCENT", 5, 0, critical);
  return {
    days,
    personalDays,
    bands: {
      critical: critical / 100,
      degraded: degraded / 100,
      minStreams: integer(env, "CALLSCOPE_QUALITY_MIN_STREAMS", 30, 1, 1_000_000),
    },
  };
}

function alertsConfig(
  env: Record<string, string | undefined>,
  cloud: CloudName,
  feed: FeedConfig | null,
): AlertsConfig {
  const listed = env.CALLSCOPE_ALERT_HOSTS?.trim();
  const entries = listed ? listed.split(/[\s,]+/).filter(Boolean) : [...DEFAULT_ALERT_HOSTS[cloud]];
  const hosts = entries.map((entry) => {
    const rule = parseHostRule(entry);
    if (typeof rule === "string") throw new ConfigError("CALLSCOPE_ALERT_HOSTS", `${rule}.`);
    return rule;
  });
  const privateHosts = (env.CALLSCOPE_ALERT_PRIVATE_HOSTS ?? "")
    .split(/[\s,]+/)
    .map((host) => host.trim().toLowerCase())
    .filter(Boolean);
  const smtpUrl = env.CALLSCOPE_SMTP_URL?.trim();
  if (smtpUrl) {
    let protocol = "";
    try {
      protocol = new URL(smtpUrl).protocol;
    } catch {
      // reported below
    }
    if (protocol !== "smtp:" && protocol !== "smtps:")
      throw new ConfigError(
        "CALLSCOPE_SMTP_URL",
        "must be an smtp:// (STARTTLS when offered) or smtps:// URL, such as smtps://user:password@smtp.example.com:465.",
      );
  }
  const from = env.CALLSCOPE_SMTP_FROM?.trim() || "callscope <callscope@localhost>";
  const messages = env.CALLSCOPE_DEMO_MESSAGES_URL?.trim();
  return {
    hosts,
    privateHosts,
    smtp: smtpUrl ? { url: smtpUrl, from } : null,
    linkBase: feed?.publicUrl ?? null,
    demoMessagesUrl: messages || null,
    evaluateEveryMs: integer(env, "CALLSCOPE_ALERT_EVALUATE_SECONDS", 60, 1, 3600) * 1000,
  };
}

function feedConfig(env: Record<string, string | undefined>): FeedConfig | null {
  const raw = env.CALLSCOPE_PUBLIC_URL?.trim();
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(
      "CALLSCOPE_PUBLIC_URL",
      `"${raw}" is not a URL. Use the https:// address Graph reaches callscope at.`,
    );
  }
  // Graph only posts to https; plain http is accepted on this machine's own address, for the emulator.
  if (url.protocol !== "https:" && !(url.protocol === "http:" && LOOPBACK.includes(url.hostname)))
    throw new ConfigError(
      "CALLSCOPE_PUBLIC_URL",
      `must be an https:// address that Microsoft Graph can reach, got "${raw}".`,
    );
  if (url.search || url.hash)
    throw new ConfigError("CALLSCOPE_PUBLIC_URL", "must be a base address without ? or #.");
  const publicUrl = url.origin + url.pathname.replace(/\/+$/, "");
  const scope = (env.CALLSCOPE_FEED_SCOPE ?? "all").trim().toLowerCase();
  if (scope !== "all" && scope !== "watched")
    throw new ConfigError(
      "CALLSCOPE_FEED_SCOPE",
      `must be all (every call) or watched (the watch list's calls only), got "${scope}".`,
    );
  return {
    publicUrl,
    notificationUrl: `${publicUrl}/api/notifications`,
    scope,
    lifetimeMs:
      integer(env, "CALLSCOPE_FEED_LIFETIME_MINUTES", MAX_SUBSCRIPTION_MINUTES, 1, MAX_SUBSCRIPTION_MINUTES) *
      60_000,
    tickMs: integer(env, "CALLSCOPE_FEED_TICK_SECONDS", 60, 1, 3600) * 1000,
    maxSubscriptions: integer(env, "CALLSCOPE_FEED_MAX_SUBSCRIPTIONS", 5, 1, 100),
    queueMax: integer(env, "CALLSCOPE_FEED_QUEUE_MAX", 10_000, 10, 1_000_000),
    perSubscriptionPerMinute: integer(env, "CALLSCOPE_FEED_NOTIFICATIONS_PER_MINUTE", 2_000, 10, 1_000_000),
    workers: integer(env, "CALLSCOPE_FEED_WORKERS", 2, 0, 32),
    settleMs: integer(env, "CALLSCOPE_FEED_SETTLE_SECONDS", 2, 0, 3600) * 1000,
    maxWatched: integer(env, "CALLSCOPE_WATCH_LIST_MAX", 200, 1, 10_000),
    // The demo writes its own past; a real tenant's first start fills in what Graph still keeps.
    firstBackfillDays: integer(
      env,
      "CALLSCOPE_HISTORY_BACKFILL_DAYS",
      ["1", "true", "yes"].includes((env.CALLSCOPE_DEMO ?? "").trim().toLowerCase()) ? 0 : 30,
      0,
      30,
    ),
  };
}

/** Reads and checks the server's configuration; throws a ConfigError that names the variable. */
export function parseServerConfig(env: Record<string, string | undefined>): ServerConfig {
  const cloudName = (env.CALLSCOPE_CLOUD ?? "global").trim().toLowerCase();
  if (cloudName === "china") {
    throw new ConfigError(
      "CALLSCOPE_CLOUD",
      "the callRecords API is not available in Microsoft Graph China (21Vianet), so callscope cannot run there. Use global, usgov or dod.",
    );
  }
  if (!Object.hasOwn(CLOUDS, cloudName))
    throw new ConfigError("CALLSCOPE_CLOUD", `must be one of global, usgov, dod; got "${cloudName}".`);
  const cloud = CLOUDS[cloudName as CloudName];

  const tenantId = required(
    env,
    "AZURE_TENANT_ID",
    "Set it to your Directory (tenant) ID from the app registration's Overview page.",
  );
  if (!isGuid(tenantId))
    throw new ConfigError(
      "AZURE_TENANT_ID",
      `must be the tenant's GUID (not a domain name or "common"), got "${tenantId}".`,
    );
  const clientId = required(
    env,
    "AZURE_CLIENT_ID",
    "Set it to the Application (client) ID of callscope's app registration.",
  );
  if (!isGuid(clientId)) throw new ConfigError("AZURE_CLIENT_ID", `must be a GUID, got "${clientId}".`);

  const secret = env.AZURE_CLIENT_SECRET?.trim();
  const certificate = env.AZURE_CLIENT_CERTIFICATE_PATH?.trim();
  if (secret && certificate)
    throw new ConfigError(
      "AZURE_CLIENT_SECRET",
      "and AZURE_CLIENT_CERTIFICATE_PATH are both set; set exactly one.",
    );
  if (!secret && !certificate) {
    throw new ConfigError(
      "AZURE_CLIENT_SECRET",
      "is not set. Set it to a client secret of the app registration, or set AZURE_CLIENT_CERTIFICATE_PATH to a PEM file holding the certificate and its private key.",
    );
  }

  const graphBaseUrl = httpsUrl("GRAPH_BASE_URL", env.GRAPH_BASE_URL?.trim() || cloud.graphBaseUrl);
  const authorityHost = httpsUrl("AUTHORITY_HOST", env.AUTHORITY_HOST?.trim() || cloud.authorityHost);
  const graphScope = env.GRAPH_SCOPE?.trim() || `${cloud.graphBaseUrl}/.default`;

  const demo = ["1", "true", "yes"].includes((env.CALLSCOPE_DEMO ?? "").trim().toLowerCase());
  if (demo && MICROSOFT_GRAPH_HOSTS.includes(new URL(graphBaseUrl).hostname)) {
    throw new ConfigError(
      "CALLSCOPE_DEMO",
      "is on while GRAPH_BASE_URL points at Microsoft Graph. Demo mode skips sign-in, so it only runs against the local emulator; unset CALLSCOPE_DEMO for a real tenant.",
    );
  }

  const cursorSecret = env.CALLSCOPE_CURSOR_SECRET?.trim() || undefined;
  if (cursorSecret !== undefined && cursorSecret.length < 32) {
    throw new ConfigError(
      "CALLSCOPE_CURSOR_SECRET",
      "must be at least 32 characters (e.g. `openssl rand -base64 32`).",
    );
  }

  const redisUrl = env.REDIS_URL?.trim() || undefined;
  if (redisUrl !== undefined) {
    let protocol = "";
    try {
      protocol = new URL(redisUrl).protocol;
    } catch {
      // reported below
    }
    if (protocol !== "redis:" && protocol !== "rediss:")
      throw new ConfigError(
        "REDIS_URL",
        "must be a redis:// or rediss:// URL, such as redis://localhost:6379.",
      );
    if (cursorSecret === undefined)
      throw new ConfigError(
        "CALLSCOPE_CURSOR_SECRET",
        "must be set (the same on every instance) when REDIS_URL is: instances sharing Redis open each other's paging cursors and sign the pages they share with it.",
      );
  }
  const feed = feedConfig(env);
  const budgetOff = ["off", "false", "0"].includes((env.CALLSCOPE_GRAPH_BUDGET ?? "").trim().toLowerCase());

  return {
    cloud: cloudName as CloudName,
    tenantId: tenantId.toLowerCase(),
    clientId: clientId.toLowerCase(),
    credential: secret ? { kind: "secret", secret } : { kind: "certificate", path: certificate ?? "" },
    authorityHost,
    graphBaseUrl,
    graphScope,
    apiAudience: (env.CALLSCOPE_API_CLIENT_ID?.trim() || clientId).toLowerCase(),
    demo,
    cursorSecret,
    cacheBytes: integer(env, "CALLSCOPE_CACHE_MB", 256, 1, 16_384) * 1024 * 1024,
    maxSessions: integer(env, "CALLSCOPE_MAX_SESSIONS", 20_000, 1, 1_000_000),
    graphTimeoutMs: integer(env, "GRAPH_TIMEOUT_MS", 20_000, 100, 300_000),
    graphMaxRetries: integer(env, "GRAPH_MAX_RETRIES", 4, 0, 10),
    graphMaxWaitMs: integer(env, "GRAPH_MAX_WAIT_MS", 30_000, 0, 600_000),
    graphRetryBaseMs: integer(env, "GRAPH_RETRY_BASE_MS", 500, 0, 60_000),
    rateLimitPerMinute: integer(env, "CALLSCOPE_RATE_LIMIT", 600, 1, 1_000_000),
    dataDir: env.CALLSCOPE_DATA_DIR?.trim() || ".data",
    databaseUrl: databaseUrl(env.DATABASE_URL),
    ipAsnCsv: env.CALLSCOPE_IP_ASN_CSV?.trim() || undefined,
    ipCountryCsv: env.CALLSCOPE_IP_COUNTRY_CSV?.trim() || undefined,
    reportQuotas: {
      perUser: {
        count: integer(env, "CALLSCOPE_REPORTS_PER_USER", 200, 1, 1_000_000),
        bytes: integer(env, "CALLSCOPE_REPORT_MB_PER_USER", 1024, 1, 1_000_000) * 1024 * 1024,
      },
      perTenant: {
        count: integer(env, "CALLSCOPE_REPORTS_PER_TENANT", 20_000, 1, 10_000_000),
        bytes: integer(env, "CALLSCOPE_REPORT_MB_PER_TENANT", 50_000, 1, 10_000_000) * 1024 * 1024,
      },
      concurrent: integer(env, "CALLSCOPE_REPORT_BUILDS", 2, 1, 64),
    },
    redisUrl,
    feed,
    history: historyConfig(env),
    alerts: alertsConfig(env, cloudName as CloudName, feed),
    sharedEntryBytes: integer(env, "CALLSCOPE_SHARED_ENTRY_MB", 16, 1, 512) * 1024 * 1024,
    // Microsoft's stricter published limits per call record: 10 first pages / 20 s, 50 later pages / 5 min.
    graphBudget: budgetOff
      ? null
      : {
          firstPage: {
            requests: integer(env, "CALLSCOPE_RECORD_FIRST_PAGES", 10, 1, 100_000),
            windowMs: 20_000,
          },
          laterPage: {
            requests: integer(env, "CALLSCOPE_RECORD_LATER_PAGES", 50, 1, 100_000),
            windowMs: 300_000,
          },
        },
  };
}
