// `npm run bench`, history phase (its own process: node --expose-gc --conditions=react-server --import tsx).
// Facts written per second into SQLite and PostgreSQL through the path a judged call takes; the overview of
// 30 days from the rollups against the same answer computed from the raw facts; the CSV export's rows per
// second with the heap sampled. Prints one JSON line. BENCH_HISTORY_SQLITE_CALLS (2,000 a workday) and
// BENCH_HISTORY_PG_CALLS (20,000) size the month, BENCH_HISTORY_SQLITE_PEOPLE (800) and BENCH_HISTORY_PG_PEOPLE
// (8,000) its people; TEST_DATABASE_URL (or BENCH_DATABASE_URL) for PostgreSQL. The overview's count of people is
// timed from the people kept per day against the UNION over the window's facts it replaced, in the same run.
import { spawnSync } from "node:child_process";
import { createHmac, randomBytes } from "node:crypto";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { CompiledQuery, sql } from "kysely";
import { openDatabase, type Db } from "../lib/db/open";
import { demoHistory } from "../lib/history/demo-history";
import { DIMENSIONS } from "../lib/history/dimensions";
import { factsCsv, factsParquet } from "../lib/history/export";
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
  let loadMs = 0;
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
    // The store's load alone, not the generator's making of the day.
    t = process.hrtime.bigint();
    for (let i = 0; i < day.length; i += 2_000) await store.addNew(tenant, day.slice(i, i + 2_000));
    loadMs += ms(t);
  }
  const load = await loadAgainstPlainInsert(db, store, callsPerWorkday, people);
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
  // 3. The exports of the month's last 7 days: rows a second on their own thread, the process's memory and the
  // longest the server's thread was held while they ran, against the engine's own dump of the same rows.
  const exportFrom = to - 7;
  const exportRows = Number(
    (
      await q
        .selectFrom("history_streams")
        .select((eb) => eb.fn.countAll().as("n"))
        .where("tenant_id", "=", tenant)
        .where("day", ">=", exportFrom)
        .where("day", "<=", to)
        .executeTakeFirst()
    )?.n ?? 0,
  );
  const exports = {
    rows: exportRows,
    csv: await timeExport(factsCsv(store, tenant, exportFrom, to, false)),
    parquet: await timeExport(factsParquet(store, tenant, exportFrom, to, false)),
    engineDump: await engineDump(db, await store.exportQuery(tenant, exportFrom, to)),
  };
  // The bench's tenants (all named bench-…) leave nothing behind: on PostgreSQL the database is the tests' too.
  for (const name of ["history_streams", "history_daily", "history_people_daily", "history_calls"] as const)
    await q.deleteFrom(name).where("tenant_id", "like", "bench-%").execute();
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
    load,
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
      ...exports,
      csvRowsPerSecond: Math.round(exportRows / (exports.csv.ms / 1000)),
      parquetRowsPerSecond: Math.round(exportRows / (exports.parquet.ms / 1000)),
      engineRowsPerSecond: exports.engineDump
        ? Math.round(exportRows / (exports.engineDump.ms / 1000))
        : null,
      csvOverEngine: exports.engineDump ? +(exports.engineDump.ms / exports.csv.ms).toFixed(2) : null,
      parquetOverEngine: exports.engineDump ? +(exports.engineDump.ms / exports.parquet.ms).toFixed(2) : null,
    },
  };
}

/**
 * A workday's facts loaded by the store (facts, rollups, people, calls) against the same facts written the plain
 * way, into the same table and indexes under another tenant: multi-row INSERTs of 700 rows on PostgreSQL (the
 * most its 65,535 parameters allow at ~90 columns), one prepared INSERT per row in one transaction on SQLite.
 */
async function loadAgainstPlainInsert(
  db: Db,
  store: ReturnType<typeof createHistoryStore>,
  callsPerWorkday: number,
  people: number,
) {
  // A Wednesday a year back: a workday, and no month the month's load used.
  const day = demoHistory(Date.parse("2025-12-10T23:00:00Z"), pseudonym, {
    days: 1,
    callsPerWorkday,
    people,
  });
  const rows = day.flatMap(({ call, facts }) =>
    facts.map((fact) => ({
      call_id: call.callId,
      version: call.version,
      start_at: fact.startAt,
      day: dayOf(fact.startAt),
      ...fact.values,
    })),
  );
  let t = process.hrtime.bigint();
  for (let i = 0; i < day.length; i += 2_000)
    await store.addNew(`bench-load-${randomBytes(4).toString("hex")}`, day.slice(i, i + 2_000));
  const storeMs = ms(t);
  const plainTenant = `bench-plain-${randomBytes(4).toString("hex")}`;
  const columns = ["tenant_id", ...Object.keys(rows[0] ?? {})];
  const valuesOf = (row: Record<string, unknown>) =>
    columns.map((c) => (c === "tenant_id" ? plainTenant : (row[c] ?? null)));
  t = process.hrtime.bigint();
  if (db.dialect === "postgres") {
    const q = await db.ready();
    await q.transaction().execute(async (tx) => {
      for (let i = 0; i < rows.length; i += 700) {
        const slice = rows.slice(i, i + 700);
        const params: unknown[] = [];
        const tuples = slice.map(
          (row) =>
            `(${valuesOf(row)
              .map((value) => `$${params.push(value)}`)
              .join(", ")})`,
        );
        await tx.executeQuery(
          CompiledQuery.raw(
            `INSERT INTO history_streams (${columns.map((c) => `"${c}"`).join(", ")}) VALUES ${tuples.join(", ")}`,
            params,
          ),
        );
      }
    });
  } else {
    const raw = new Database(db.sqlitePath ?? "");
    const insert = raw.prepare(
      `INSERT INTO history_streams (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`,
    );
    raw.transaction(() => {
      for (const row of rows) insert.run(valuesOf(row));
    })();
    raw.close();
  }
  const plainMs = ms(t);
  return {
    facts: rows.length,
    storeFactsPerSecond: Math.round(rows.length / (storeMs / 1000)),
    plainInsertFactsPerSecond: Math.round(rows.length / (plainMs / 1000)),
    storeOverPlain: +(plainMs / storeMs).toFixed(2),
  };
}

/**
 * An export read to its end as a download would be: its time, bytes, the process's peak resident memory over
 * what it was before, and the longest the event loop (the server's thread) was held meanwhile.
 */
async function timeExport(stream: ReadableStream<Uint8Array>) {
  const loop = monitorEventLoopDelay({ resolution: 5 });
  const baseRss = process.memoryUsage().rss;
  let peakRss = baseRss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
  loop.enable();
  const start = process.hrtime.bigint();
  let bytes = 0;
  const reader = stream.getReader();
  for (;;) {
    const chunk = await reader.read();
    if (chunk.done) break;
    bytes += chunk.value.byteLength;
  }
  const took = ms(start);
  loop.disable();
  clearInterval(sampler);
  return {
    ms: Math.round(took),
    megabytes: +(bytes / 1e6).toFixed(1),
    peakRssGrowthMb: +((peakRss - baseRss) / 1e6).toFixed(1),
    longestEventLoopDelayMs: +(loop.max / 1e6).toFixed(1),
  };
}

/** The same rows dumped as CSV by the engine's own client (psql's \copy, the sqlite3 shell), to /dev/null. */
async function engineDump(db: Db, query: { sql: string; parameters: readonly unknown[] }) {
  // Both shells take the query as text: parameters (a tenant, two days) written in as literals.
  let text = query.sql;
  const literal = (value: unknown) =>
    typeof value === "number" ? String(value) : `'${String(value).replace(/'/g, "''")}'`;
  if (db.dialect === "postgres")
    text = text.replace(/\$(\d+)/g, (_, n: string) => literal(query.parameters[Number(n) - 1]));
  else {
    let i = 0;
    text = text.replace(/\?/g, () => literal(query.parameters[i++]));
  }
  const [command, args] =
    db.dialect === "postgres"
      ? ["psql", [db.databaseUrl ?? "", "-qc", `\\copy (${text}) TO '/dev/null' WITH CSV HEADER`]]
      : ["sqlite3", ["-readonly", "-csv", "-header", db.sqlitePath ?? "", text]];
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { stdio: ["ignore", "ignore", "pipe"], maxBuffer: 1e6 });
  if (result.error || result.status !== 0) {
    console.error(
      `[bench] engine dump skipped: ${command}: ${result.error?.message ?? result.stderr.toString().slice(0, 200)}`,
    );
    return null;
  }
  return { command, ms: Math.round(ms(start)) };
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
