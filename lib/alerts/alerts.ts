import "server-only";
// Alerts end to end: the store, the senders, the delivery worker, the evaluator and the API's service.
import type { Db } from "@/lib/db/open";
import type { AlertsConfig } from "@/lib/config/schema";
import type { StatusBands } from "@/lib/history/overview";
import { createDeliveryWorker } from "./delivery";
import { createAlertEvaluator, type EvaluatorOptions } from "./evaluator";
import { createSenders } from "./senders";
import { createAlertService } from "./service";
import { createAlertStore } from "./store";

export interface AlertsDeps {
  db: Db;
  tenantId: string;
  config: AlertsConfig;
  holder: string;
  bands: StatusBands;
  history: EvaluatorOptions["history"];
  leases: EvaluatorOptions["leases"];
  watchList: EvaluatorOptions["watchList"];
  directRouting?: EvaluatorOptions["directRouting"];
  callsOf?: EvaluatorOptions["callsOf"];
  demoMessages?: () => Promise<unknown>;
  log?: EvaluatorOptions["log"];
  now?: () => number;
  pollMs?: number;
  /** Days the alert log is kept: its messages name people (the history's personal-data window). */
  logDays: number;
}

const HOUR_MS = 3_600_000;

export function createAlerts(deps: AlertsDeps) {
  const store = createAlertStore(deps.db);
  const policy = { hosts: deps.config.hosts, privateHosts: deps.config.privateHosts };
  const worker = createDeliveryWorker({
    store,
    senders: createSenders({ policy, smtp: deps.config.smtp, now: deps.now }),
    tenantId: deps.tenantId,
    holder: deps.holder,
    now: deps.now,
    pollMs: deps.pollMs,
    log: deps.log,
  });
  const evaluator = createAlertEvaluator({
    store,
    tenantId: deps.tenantId,
    holder: deps.holder,
    leases: deps.leases,
    history: deps.history,
    bands: deps.bands,
    watchList: deps.watchList,
    directRouting: deps.directRouting,
    callsOf: deps.callsOf,
    linkBase: deps.config.linkBase,
    everyMs: deps.config.evaluateEveryMs,
    now: deps.now,
    onFired: () => worker.wake(),
    log: deps.log,
  });
  const service = createAlertService({
    store,
    evaluator,
    worker,
    policy,
    tenantId: deps.tenantId,
    emailOn: deps.config.smtp !== null,
    demoMessages: deps.demoMessages,
    now: deps.now,
  });
  let started = false;
  let forgetting: NodeJS.Timeout | null = null;
  /** Forgets the alert log past its days (hourly, and soon after start). */
  const forget = async () => {
    const before = (deps.now ?? Date.now)() - deps.logDays * 86_400_000;
    const forgotten = await store.forgetBefore(deps.tenantId, before);
    if (forgotten > 0)
      deps.log?.("info", `alerts: forgot ${forgotten} alerts older than ${deps.logDays} days`);
    return forgotten;
  };
  return {
    store,
    worker,
    evaluator,
    service,
    forget,
    start() {
      if (started) return;
      started = true;
      worker.start();
      evaluator.start();
      const run = () =>
        void forget().catch((error: unknown) =>
          deps.log?.(
            "warn",
            `alerts: the log was not trimmed: ${error instanceof Error ? error.message : String(error)}`,
          ),
        );
      setTimeout(run, 15_000).unref();
      forgetting = setInterval(run, HOUR_MS);
      forgetting.unref();
    },
    async stop() {
      if (forgetting) clearInterval(forgetting);
      worker.stop();
      await evaluator.stop();
    },
  };
}

export type Alerts = ReturnType<typeof createAlerts>;
