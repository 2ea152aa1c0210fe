// `npm run bench`, history phase (its own process: node --expose-gc --conditions=react-server --import tsx).
// Facts written per second into SQLite and PostgreSQL through the path a judged call takes; the overview of
// 30 days from the rollups against the same answer computed from the raw facts; the CSV export's rows per
// second with the heap sampled. Prints one JSON line. BENCH_HISTORY_SQLITE_CALLS (2,000 a workday) and
// BENCH_HISTORY_PG_CALLS (20,000) size the month, BENCH_HISTORY_SQLITE_PEOPLE (800) and BENCH_HISTORY_PG_PEOPLE
// (8,000) its people; TEST_DATABASE_URL (or BENCH_DATABASE_URL) for PostgreSQL. The overview's count of people is
// timed from the people kept per day against the UNION over the window's facts it replaced, in the same run.
import { createHmac, randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { openDatabase, type Db } from "../lib/db/open";
import { demoHistory } from "../lib/history/demo-history";
import { DIMENSIONS } from "../lib/history/dimensions";
import { factsCsv } from "../lib/history/export";
import { overviewOf } from "../lib/history/overview";
import { dayOf, HOUR, TOTAL } from "../lib/history/rollup";
import { createHistoryStore } from "../lib/history/store";

const NOW = Date.now();
const pseudonym = (id: string) => createHmac("sha256", "bench").update(id).digest("base64url").slice(0, 22);
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

async function phase(db: Db, callsPerWorkday: number, people: number) {
  const store = createHistoryStore(db);
  const tenant = `bench-${randomBytes(4).toString("hex")}`;
  // 1. Ingestion, the feed's path: one transaction per call (replacement check, facts, rollups, the call row).
  const sample = demoHistory(NOW, pseudonym, { days: 1, callsPerWorkday: 500 });
  let t = process.hrtime.bigint();
  for (const { call, facts } of sample) await store.saveCall(tenant, call, facts);
  const ingestMs = ms(t);
  const sampleFacts = sample.reduce((n, c) => n + c.facts.length, 0);
  // 2. A month of a busy tenant, loaded a day per transaction, then the overview read two ways.
  // Made a day at a time: a month of a big tenant does not fit in memory as objects at once.
  t = process.hrtime.bigint();
  let calls = 0;
  let facts = 0;
  for (let ago = 31; ago >= 2; ago--) {
    const day = demoHistory(NOW - ago * 86_400_000 + 86_400_000, pseudonym, {
      days: 1,
      callsPerWorkday,
      people,
    });
    calls += day.length;
    facts += day.reduce((n, c) => n + c.facts.length, 0);
    for (let i = 0; i < day.length; i += 2_000) await store.addNew(tenant, day.slice(i, i + 2_000));
  }
  const loadMs = ms(t);
  const [from, to] = [dayOf(NOW) - 31, dayOf(NOW)];
  // The statistics autovacuum keeps for a table that grows all day, taken now that the month went in at once.
  if (db.dialect === "postgres") await sql`ANALYZE`.execute(await db.ready());
  const dims = [TOTAL, HOUR, ...DIMENSIONS.map((d) => d.name)];
  // Every rollup row summed here (as the overview did), and the sums made by the database (as it does now).
  const overviewOnce = async () => overviewOf(await store.rollups(tenant, from, to, dims), from, to);
  const overviewSummed = async () =>
    overviewOf(await store.overviewRows(tenant, from, from, to, null), from, to);
  await overviewOnce();
  await overviewSummed();
  t = process.hrtime.bigint();
  const overview = await overviewOnce();
  const rollupMs = ms(t);
  t = process.hrtime.bigint();
  await overviewSummed();
  const summedMs = ms(t);
  // The same numbers straight from the facts: per day and media, then per value of every dimension and side.
  const q = await db.ready();
  t = process.hrtime.bigint();
  await sql`SELECT day, media, count(*) AS n, sum(CASE WHEN quality = 1 THEN 1 ELSE 0 END) AS poor FROM history_streams WHERE tenant_id = ${tenant} AND day BETWEEN ${from} AND ${to} AND quality IN (0, 1) GROUP BY day, media`.execute(
    q,
  );
  for (const dimension of DIMENSIONS)
    for (const side of ["sender", "receiver"])
      await sql`SELECT ${sql.ref(`${side}_${dimension.column}`)} AS v, count(*) AS n, sum(CASE WHEN quality = 1 THEN 1 ELSE 0 END) AS poor FROM history_streams WHERE tenant_id = ${tenant} AND day BETWEEN ${from} AND ${to} AND quality IN (0, 1) GROUP BY 1`.execute(
        q,
      );
  const rawMs = ms(t);
  // The count of people: from the days kept (what the overview reads) and from the window's facts (what it read).
  const median = async (run: () => Promise<unknown>) => {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const start = process.hrtime.bigint();
      await run();
      times.push(ms(start));
    }
    return times.sort((a, b) => a - b)[2] ?? 0;
  };
  // A dimension page's 100 calls: walked along the time index (now) and grouped over the window (before).
  const [site, rareIsp] = ["Lisbon HQ", "Example Cable (AS64501)"];
  const grouped = (column: string, value: string) =>
    sql`SELECT call_id, min(start_at) AS s, sum(CASE WHEN quality IN (0, 1) THEN 1 ELSE 0 END), sum(CASE WHEN quality = 1 THEN 1 ELSE 0 END) FROM history_streams WHERE tenant_id = ${tenant} AND day BETWEEN ${from} AND ${to} AND (${sql.ref(`sender_${column}`)} = ${value} OR ${sql.ref(`receiver_${column}`)} = ${value}) GROUP BY call_id ORDER BY s DESC LIMIT 100`.execute(
      q,
    );
  const callLists = {
    commonWalkMs: +(await median(() => store.callsWith(tenant, "site", site, from, to, 100))).toFixed(1),
    commonGroupedMs: +(await median(() => grouped("site", site))).toFixed(1),
    rareWalkMs: +(await median(() => store.callsWith(tenant, "isp", rareIsp, from, to, 100))).toFixed(1),
    rareGroupedMs: +(await median(() => grouped("isp", rareIsp))).toFixed(1),
  };
  const peopleCounted = (await store.counts(tenant, from, to)).people;
  const peopleFromDaysMs = await median(() => store.counts(tenant, from, to));
  const peopleFromFactsMs = await median(() =>
    sql`SELECT COUNT(*) FROM (SELECT sender_person AS p FROM history_streams WHERE tenant_id = ${tenant} AND day BETWEEN ${from} AND ${to} AND sender_person IS NOT NULL UNION SELECT receiver_person FROM history_streams WHERE tenant_id = ${tenant} AND day BETWEEN ${from} AND ${to} AND receiver_person IS NOT NULL) AS people`.execute(
      q,
    ),
  );
  // 3. The export: rows a second, the heap sampled while it streams.
  // Garbage is collected before each sample (node --expose-gc), so the peak is what the export holds.
  const collect = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
  collect();
  let peakHeap = 0;
  let chunks = 0;
  const baseHeap = process.memoryUsage().heapUsed;
  t = process.hrtime.bigint();
  let bytes = 0;
  const reader = factsCsv(store, tenant, from, to, false).getReader();
  for (;;) {
    const chunk = await reader.read();
    if (chunk.done) break;
    bytes += chunk.value.byteLength;
    if (++chunks % 50 === 0) {
      collect();
      peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed - baseHeap);
    }
  }
  const exportMs = ms(t);
  return {
    ingest: {
      calls: sample.length,
      facts: sampleFacts,
      callsPerSecond: Math.round(sample.length / (ingestMs / 1000)),
      factsPerSecond: Math.round(sampleFacts / (ingestMs / 1000)),
    },
    month: {
      callsPerWorkday,
      calls,
      facts,
      loadFactsPerSecond: Math.round(facts / (loadMs / 1000)),
    },
    overview: {
      fromRollupsMs: Math.round(rollupMs),
      fromSqlSumsMs: Math.round(summedMs),
      rollupsOverSqlSums: +(rollupMs / summedMs).toFixed(1),
      fromRawFactsMs: Math.round(rawMs),
      rawOverRollups: +(rawMs / rollupMs).toFixed(1),
      where: overview.where.length,
    },
    callLists,
    people: {
      counted: peopleCounted,
      fromDaysMs: +peopleFromDaysMs.toFixed(1),
      fromRawFactsMs: +peopleFromFactsMs.toFixed(1),
      factsOverDays: +(peopleFromFactsMs / peopleFromDaysMs).toFixed(1),
    },
    export: {
      rows: facts,
      rowsPerSecond: Math.round(facts / (exportMs / 1000)),
      megabytes: +(bytes / 1e6).toFixed(1),
      peakHeapGrowthMb: +(peakHeap / 1e6).toFixed(1),
    },
  };
}

async function main() {
  const out: Record<string, unknown> = {};
  const sqlite = openDatabase({
    sqlitePath: join(mkdtempSync(join(tmpdir(), "callscope-bench-history-")), "h.db"),
  });
  out.sqlite = await phase(
    sqlite,
    Number(process.env.BENCH_HISTORY_SQLITE_CALLS ?? 2000),
    Number(process.env.BENCH_HISTORY_SQLITE_PEOPLE ?? 800),
  );
  await sqlite.close();
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (url) {
    const pg = openDatabase({ databaseUrl: url });
    out.postgres = await phase(
      pg,
      Number(process.env.BENCH_HISTORY_PG_CALLS ?? 20000),
      Number(process.env.BENCH_HISTORY_PG_PEOPLE ?? 8000),
    );
    await pg.close();
  } else out.postgres = "skipped: set TEST_DATABASE_URL or BENCH_DATABASE_URL";
  console.log(JSON.stringify(out));
}

void main();
