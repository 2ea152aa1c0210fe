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
}

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
  return {
    store,
    worker,
    evaluator,
    service,
    start() {
      if (started) return;
      started = true;
      worker.start();
      evaluator.start();
    },
    async stop() {
      worker.stop();
      await evaluator.stop();
    },
  };
}

export type Alerts = ReturnType<typeof createAlerts>;
