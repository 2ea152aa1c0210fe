import { randomBytes, randomUUID } from "node:crypto";
import { Hono, type MiddlewareHandler } from "hono";
import { setTimeout as sleep } from "node:timers/promises";
import { importJWK, type CryptoKey } from "jose";
import { CallStore } from "./data/store";
import { DEMO_TENANT_ID } from "./entra/registry";
import { registerEntraRoutes, type CertificateRegistry } from "./entra/routes";
import type { SigningKey } from "./entra/keys";
import type { EmulatorEnv } from "./env";
import { FaultInjector } from "./faults";
import { SkipTokens } from "./graph/odata";
import { registerGraphRoutes, type GraphStats } from "./graph/routes";
import { registerSearchRoutes } from "./graph/search-routes";
import { RecordThrottle } from "./graph/throttle";
import { SubscriptionHub } from "./feed/hub";
import { registerFeedRoutes } from "./feed/routes";
import { MessageCatcher } from "./alerts/catcher";

export interface EmulatorOptions {
  key: SigningKey;
  seed?: string;
  now?: number;
  throttle?: boolean;
  faults?: unknown;
  dataDir?: string;
  log?: (line: string) => void;
  /** Smaller pages than Graph's (60 call records, 1,000 log rows), so tests can page without thousands of rows. */
  pageSizes?: { list?: number; phoneLog?: number };
  /** The demo's feed: once subscribed to, new calls keep arriving. */
  demoFeed?: boolean;
}

export interface Emulator {
  app: Hono<EmulatorEnv>;
  store: CallStore;
  faults: FaultInjector;
  throttle: RecordThrottle;
  stats: Map<string, GraphStats>;
  /** Requests to the list of call records, the phone logs and the directory. */
  searchStats: Map<string, number>;
  /** Requests to the token endpoint, to check that clients cache their tokens. */
  counters: { tokens: number };
  /** Certificates uploaded per client ID (PEM), for the certificate credential. */
  certificates: CertificateRegistry;
  /** Change-notification subscriptions and the feed of new calls. */
  hub: SubscriptionHub;
  /** The demo's Teams-channel stand-in and mailbox for alerts. */
  catcher: MessageCatcher;
}

export async function createEmulator(options: EmulatorOptions): Promise<Emulator> {
  const app = new Hono<EmulatorEnv>();
  const store = new CallStore({
    seed: options.seed ?? "callscope",
    now: options.now ?? Date.now(),
    tenantId: DEMO_TENANT_ID,
    dataDir: options.dataDir,
  });
  const faults = new FaultInjector(options.faults);
  const throttle = new RecordThrottle(options.throttle ?? true);
  const stats = new Map<string, GraphStats>();
  const searchCounts = new Map<string, number>();
  const counters = { tokens: 0 };
  const certificates: CertificateRegistry = new Map();
  const publicKey = (await importJWK(options.key.publicJwk, "RS256")) as CryptoKey;

  app.use("*", async (c, next) => {
    const requestId = randomUUID();
    c.set("requestId", requestId);
    const started = performance.now();
    await next();
    c.header("request-id", requestId);
    c.header("client-request-id", requestId);
    options.log?.(
      `${c.req.method} ${new URL(c.req.url).pathname} ${c.res.status} ${Math.round(performance.now() - started)}ms at ${started.toFixed(2)}`,
    );
  });

  // The injected latency is Graph's time to answer, the emulator's own work (verifying the token, building the
  // page) inside it: a page costs L, not L plus the emulator's serialising, as the sequential limit ⌈N/60⌉·L has it.
  const answerAfterLatency: MiddlewareHandler<EmulatorEnv> = async (_c, next) => {
    const due = performance.now() + faults.current.latencyMs;
    await next();
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
  };
  app.use("/v1.0/communications/*", answerAfterLatency);
  app.use("/v1.0/users/*", answerAfterLatency);

  app.get("/_emulator/health", (c) => c.json({ ok: true, calls: store.ids().length }));
  app.get("/_emulator/faults", (c) => c.json(faults.current));
  app.put("/_emulator/faults", async (c) => {
    try {
      return c.json(faults.set(await c.req.json()));
    } catch (error) {
      return c.json({ error: String(error) }, 400);
    }
  });
  app.put("/_emulator/throttle", async (c) => {
    const body = (await c.req.json()) as { enabled?: unknown };
    throttle.enabled = body.enabled === true;
    throttle.reset();
    return c.json({ enabled: throttle.enabled });
  });
  app.get("/_emulator/stats", (c) =>
    c.json({
      calls: Object.fromEntries(stats),
      search: Object.fromEntries(searchCounts),
      tokenRequests: counters.tokens,
    }),
  );
  app.post("/_emulator/reset", (c) => {
    stats.clear();
    searchCounts.clear();
    counters.tokens = 0;
    throttle.reset();
    throttle.enabled = options.throttle ?? true;
    faults.set(options.faults ?? {});
    return c.json({ ok: true });
  });
  app.post("/_emulator/calls/:id/version", (c) => {
    const record = store.bumpVersion(c.req.param("id"), DEMO_TENANT_ID);
    return record
      ? c.json({ id: record.id, version: record.version })
      : c.json({ error: "unknown call" }, 404);
  });

  const skipTokens = new SkipTokens(randomBytes(32).toString("hex"));
  // Before the record routes: "getPstnCalls(…)" would otherwise be taken for a call ID.
  registerSearchRoutes(app, {
    store,
    publicKey,
    throttle,
    faults,
    skipTokens,
    counts: searchCounts,
    pageSizes: options.pageSizes ?? {},
  });
  const hub = new SubscriptionHub(store, { log: options.log });
  registerFeedRoutes(app, { hub, publicKey, demo: options.demoFeed ?? false });
  registerGraphRoutes(app, { store, publicKey, throttle, faults, stats, skipTokens });
  const catcher = new MessageCatcher();
  catcher.routes(app);
  app.put("/_emulator/apps/:clientId/certificates", async (c) => {
    const pem = await c.req.text();
    if (!pem.includes("BEGIN CERTIFICATE")) return c.json({ error: "send a PEM certificate" }, 400);
    certificates.set(c.req.param("clientId"), [...(certificates.get(c.req.param("clientId")) ?? []), pem]);
    return c.json({ ok: true });
  });

  registerEntraRoutes(app, options.key, counters, certificates);
  app.notFound((c) =>
    c.json(
      {
        error: {
          code: "BadRequest",
          message: `Resource not found for the segment '${new URL(c.req.url).pathname}'.`,
        },
      },
      404,
    ),
  );
  return {
    app,
    store,
    faults,
    throttle,
    stats,
    searchStats: searchCounts,
    counters,
    certificates,
    hub,
    catcher,
  };
}
