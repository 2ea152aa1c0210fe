// `npm run bench`, alerts phase (its own process: node --conditions=react-server --import tsx).
// The delivery delay, event → delivered: a judged call fires a person rule, the outbox is written, the worker
// (woken, as in the server) sends it to a local HTTPS receiver (the Teams path) or an SMTP server (the email
// path). Measured against the same POST sent straight through the outbound guard, in the same run, on SQLite
// and (with TEST_DATABASE_URL or BENCH_DATABASE_URL) PostgreSQL. Prints one JSON line.
import { randomUUID } from "node:crypto";
import { openDatabase, type Db } from "../lib/db/open";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { postChecked } from "../lib/alerts/outbound";
import { alertRule, alertStack, judgedCall, MATEO, testPolicy } from "../lib/testing/alert-stack";
import { startHttpsReceiver, startSmtpCatcher } from "../lib/testing/alert-receivers";
import type { Principal } from "../lib/auth/roles";
import { percentile } from "./bench-support";

const RUNS = Number(process.env.BENCH_ALERT_RUNS ?? 30);
const admin = {
  oid: "bench",
  name: "Bench",
  roles: ["CallQuality.Investigator"],
  seesPersonalData: true,
} as Principal;

const spread = (values: number[]) => ({
  min: +Math.min(...values).toFixed(1),
  median: +percentile(values, 50).toFixed(1),
  p95: +percentile(values, 95).toFixed(1),
  max: +Math.max(...values).toFixed(1),
});

async function phase(db: Db) {
  const receiver = await startHttpsReceiver(["receiver.test"]);
  const smtp = await startSmtpCatcher();
  const policy = testPolicy(receiver.port, receiver.ca);
  const tenantId = `bench-${randomUUID()}`;
  const stack = alertStack({ db, tenantId, policy, smtpPort: smtp.port });
  const url = `https://receiver.test:${receiver.port}/teams`;
  const teams = await stack.service.createDestination(admin, { name: "Teams", kind: "teams", url });
  const email = await stack.service.createDestination(admin, {
    name: "Mail",
    kind: "email",
    recipients: ["ops@contoso.example"],
  });
  const rule = alertRule({ kind: "person", people: [MATEO], parts: ["impacted"] }, [teams.destination.id], {
    cooldownMinutes: 0,
  });
  const mailRule = alertRule(
    { kind: "person", people: [MATEO], parts: ["impacted"] },
    [email.destination.id],
    {
      cooldownMinutes: 0,
      enabled: false,
    },
  );
  await stack.store.saveRule(tenantId, rule);
  await stack.store.saveRule(tenantId, mailRule);
  stack.worker.start();
  // Baseline: the same kind of POST, straight through the guard (DNS check, TLS, no database, no worker).
  const raw: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await postChecked(url, "{}", { "content-type": "application/json" }, policy);
    raw.push(performance.now() - t);
  }
  const measure = async (arrived: () => number) => {
    const delays: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const before = arrived();
      const t = performance.now();
      await stack.evaluator.onJudged(
        judgedCall(randomUUID(), ["fine", "impacted"], Date.now()),
        "notification",
        Date.now(),
      );
      while (arrived() === before) await new Promise((done) => setImmediate(done));
      delays.push(performance.now() - t);
    }
    return delays;
  };
  const teamsDelays = await measure(() => receiver.received.length);
  await stack.store.saveRule(tenantId, { ...rule, enabled: false });
  await stack.store.saveRule(tenantId, { ...mailRule, enabled: true });
  const emailDelays = await measure(() => smtp.mails.length);
  stack.worker.stop();
  await receiver.close();
  await smtp.close();
  return {
    runs: RUNS,
    rawPostMs: spread(raw),
    teamsDelayMs: spread(teamsDelays),
    emailDelayMs: spread(emailDelays),
    teamsOverRawPost: +(percentile(teamsDelays, 50) / percentile(raw, 50)).toFixed(2),
  };
}

async function main() {
  const out: Record<string, unknown> = {};
  const sqlite = openDatabase({
    sqlitePath: join(mkdtempSync(join(tmpdir(), "callscope-bench-alerts-")), "callscope.db"),
  });
  out.sqlite = await phase(sqlite);
  await sqlite.close();
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (url) {
    const pg = openDatabase({ databaseUrl: url });
    out.postgres = await phase(pg);
    await pg.close();
  }
  console.log(JSON.stringify(out));
  setTimeout(() => process.exit(0), 200);
}

void main();
