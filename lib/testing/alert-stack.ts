// Alerts wired for tests and the bench: the real store, senders, worker and evaluator on a database, posting to
// local receivers by names the tests resolve themselves, on a clock the test moves.
import { parseHostRule, type HostRule } from "@/lib/config/alert-hosts";
import { createDeliveryWorker } from "@/lib/alerts/delivery";
import { createAlertEvaluator } from "@/lib/alerts/evaluator";
import type { AlertRule, RuleSpec } from "@/lib/alerts/model";
import type { JudgedCall } from "@/lib/alerts/observe";
import type { OutboundPolicy } from "@/lib/alerts/outbound";
import { createSenders } from "@/lib/alerts/senders";
import { createAlertService } from "@/lib/alerts/service";
import { createAlertStore } from "@/lib/alerts/store";
import type { Part } from "@/lib/callrecords/attribution";
import type { PersonPart } from "@/lib/callrecords/person-parts";
import type { Db } from "@/lib/db/open";
import { createFeedStore } from "@/lib/feed/store";

export const PRIYA = "6a0c2e4f-1b3d-4e5f-8a7b-9c0d1e2f3a01";
export const MATEO = "6a0c2e4f-1b3d-4e5f-8a7b-9c0d1e2f3a04";

/** The receivers' names, resolved to loopback and allowed as an operator's internal relay would be. */
export function testPolicy(port: number, ca: string): OutboundPolicy {
  return {
    hosts: [parseHostRule(`receiver.test:${port}`) as HostRule],
    privateHosts: ["receiver.test"],
    resolve: async (host) => {
      if (host !== "receiver.test") throw new Error("ENOTFOUND");
      return [{ address: "127.0.0.1", family: 4 }];
    },
    ca,
  };
}

export function alertStack(options: {
  db: Db;
  tenantId: string;
  policy: OutboundPolicy;
  smtpPort?: number;
  clock?: { now: number };
  holder?: string;
  claimMs?: number;
  batch?: number;
  history?: Parameters<typeof createAlertEvaluator>[0]["history"];
}) {
  const now = options.clock ? () => options.clock?.now ?? Date.now() : Date.now;
  const store = createAlertStore(options.db);
  const feedStore = createFeedStore(options.db);
  const holder = options.holder ?? "test-holder";
  const worker = createDeliveryWorker({
    store,
    senders: createSenders({
      policy: options.policy,
      smtp: options.smtpPort
        ? { url: `smtp://127.0.0.1:${options.smtpPort}`, from: "callscope <alerts@callscope.test>" }
        : null,
      now,
      timeoutMs: 5_000,
    }),
    tenantId: options.tenantId,
    holder,
    now,
    claimMs: options.claimMs,
    batch: options.batch,
    backoffMs: () => 1_000,
  });
  const watched = new Map<string, string>([
    [PRIYA, "Priya Raman"],
    [MATEO, "Mateo Alvarez"],
  ]);
  const evaluator = createAlertEvaluator({
    store,
    tenantId: options.tenantId,
    holder,
    leases: { acquire: feedStore.acquire, release: feedStore.release },
    history: options.history ?? { hourlyTallies: async () => [], rollups: async () => [] },
    bands: { critical: 0.2, degraded: 0.05, minStreams: 30 },
    watchList: async () => watched,
    linkBase: "https://callscope.test",
    everyMs: 60_000,
    now,
    onFired: () => worker.wake(),
    log: (level, message) => {
      if (level !== "info") console.warn(`[alerts] ${message}`);
    },
  });
  const service = createAlertService({
    store,
    evaluator,
    worker,
    policy: options.policy,
    tenantId: options.tenantId,
    emailOn: Boolean(options.smtpPort),
    now,
  });
  return { store, worker, evaluator, service, watched };
}

export function alertRule(
  spec: RuleSpec,
  destinationIds: string[],
  overrides: Partial<AlertRule> = {},
): AlertRule {
  return {
    id: `rule-${Math.random().toString(36).slice(2, 8)}`,
    name: "Watched people's poor calls",
    enabled: true,
    cooldownMinutes: 60,
    digest: "none",
    quietHours: null,
    snoozedUntil: null,
    destinationIds,
    createdBy: "tester",
    createdByName: "Tester",
    createdAt: 0,
    updatedAt: 0,
    spec,
    ...overrides,
  };
}

/** A person's part in a judged call; `network` their side in words (an impacting person's Wi-Fi, say). */
export const personPart = (
  id: string,
  name: string,
  part: Part,
  network: string | null = null,
): PersonPart => ({
  identity: {
    kind: "user",
    id,
    displayName: name,
    userPrincipalName: null,
    tenantId: null,
  } as PersonPart["identity"],
  part,
  worst:
    part === "fine"
      ? null
      : {
          text: "audio packet loss 12 %",
          media: "audio",
          direction: part === "impacted" ? "received" : "sent",
        },
  network,
  networkKind: network ? (network.split(",")[0] ?? null) : "wired",
});

/** A judged 1:1 call between Priya and Mateo with their parts. */
export function judgedCall(
  callId: string,
  parts: [Part, Part],
  startMs: number,
  networks: [string | null, string | null] = [null, null],
): JudgedCall {
  return {
    callId,
    type: "peerToPeer",
    startDateTime: new Date(startMs).toISOString(),
    quality: "poor",
    worst: { text: "audio packet loss 12 %" },
    roles: {
      people: [
        personPart(PRIYA, "Priya Raman", parts[0], networks[0]),
        personPart(MATEO, "Mateo Alvarez", parts[1], networks[1]),
      ],
    },
    peopleCount: 2,
  };
}
