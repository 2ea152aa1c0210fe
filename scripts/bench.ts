// `npm run bench`: speed as ratios against baselines measured in the same run (see docs/benchmarks.md).
//   BENCH_LATENCY_MS (100), BENCH_SECONDS (5) per throughput phase, BENCH_UI=0 to skip the browser phase.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { Agent as HttpAgent, request as httpRequest } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { resolve } from "node:path";
import { sizedCallId } from "../emulator/data/store";
import { DEMO_APP, GRAPH_RESOURCE } from "../emulator/entra/registry";
import { ensureCertificate } from "../emulator/tls";

const root = resolve(__dirname, "..");
const L = Number(process.env.BENCH_LATENCY_MS ?? 100);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const APP = "http://localhost:3200";
const EMULATOR = "https://localhost:4210";
const stateDir = resolve(root, ".emulator/bench");
let ca = "";
const httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 64 });
const httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 64 });

function get(url: string, headers: Record<string, string> = {}, method = "GET", body?: string): Promise<{ status: number; text: string }> {
  const secure = url.startsWith("https:");
  return new Promise((done, fail) => {
    const req = (secure ? httpsRequest : httpRequest)(url, { method, headers, agent: secure ? httpsAgent : httpAgent, ...(secure ? { ca } : {}) }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => done({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
    });
    req.on("error", fail);
    if (body) req.write(body);
    req.end();
  });
}

async function json<T>(url: string, headers: Record<string, string> = {}): Promise<T> {
  const response = await get(url, headers);
  if (response.status !== 200) throw new Error(`${url} → ${response.status}: ${response.text.slice(0, 200)}`);
  return JSON.parse(response.text) as T;
}

const faults = (value: Record<string, unknown>) => get(`${EMULATOR}/_emulator/faults`, { "Content-Type": "application/json" }, "PUT", JSON.stringify(value));

async function graphToken(): Promise<string> {
  const form = new URLSearchParams({ grant_type: "client_credentials", client_id: DEMO_APP.clientId, client_secret: DEMO_APP.secret, scope: `${GRAPH_RESOURCE}/.default` }).toString();
  const response = await get(`${EMULATOR}/${DEMO_APP.tenantId}/oauth2/v2.0/token`, { "Content-Type": "application/x-www-form-urlencoded" }, "POST", form);
  return (JSON.parse(response.text) as { access_token: string }).access_token;
}

/** Every session of a call straight from the emulator, following nextLinks: the baseline. */
async function pageGraph(callId: string, token: string): Promise<number> {
  const headers = { Authorization: `Bearer ${token}`, Prefer: "odata.maxpagesize=60" };
  const first = await json<{ sessions: unknown[]; "sessions@odata.nextLink"?: string }>(`${EMULATOR}/v1.0/communications/callRecords/${callId}?$expand=sessions($expand=segments)`, headers);
  let count = first.sessions.length;
  let link = first["sessions@odata.nextLink"];
  while (link) {
    const page = await json<{ value: unknown[]; "@odata.nextLink"?: string }>(link, headers);
    count += page.value.length;
    link = page["@odata.nextLink"];
  }
  return count;
}

/** Every session through callscope's API, following its cursors. */
async function pageApi(callId: string): Promise<number> {
  const first = await json<{ sessions: unknown[]; nextCursor: string | null }>(`${APP}/api/calls/${callId}`);
  let count = first.sessions.length;
  let cursor = first.nextCursor;
  while (cursor) {
    const page = await json<{ sessions: unknown[]; nextCursor: string | null }>(`${APP}/api/calls/${callId}/sessions?cursor=${encodeURIComponent(cursor)}`);
    count += page.sessions.length;
    cursor = page.nextCursor;
  }
  return count;
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

/** Requests per second from `clients` concurrent loops over `seconds`. */
async function throughput(url: string, headers: Record<string, string>, clients: number, seconds: number): Promise<number> {
  const until = performance.now() + seconds * 1000;
  let done = 0;
  await Promise.all(Array.from({ length: clients }, async () => {
    while (performance.now() < until) {
      const response = await get(url, headers);
      if (response.status !== 200) throw new Error(`${url} → ${response.status}`);
      done++;
    }
  }));
  return done / seconds;
}

function waitForApp(timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((done, fail) => {
    const attempt = () => get(`${APP}/`).then((r) => (r.status === 200 ? done() : retry()), retry);
    const retry = () => (Date.now() > deadline ? fail(new Error("app did not start")) : setTimeout(attempt, 300));
    attempt();
  });
}

async function main() {
  if (!existsSync(resolve(root, ".next/BUILD_ID"))) execFileSync(resolve(root, "node_modules/.bin/next"), ["build"], { cwd: root, stdio: "inherit" });
  ca = (await ensureCertificate(stateDir)).cert;
  const server = spawn(resolve(root, "node_modules/.bin/tsx"), [resolve(root, "scripts/serve.ts")], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      APP_PORT: "3200",
      EMULATOR_PORT: "4210",
      EMULATOR_STATE_DIR: stateDir,
      EMULATOR_THROTTLE: "off",
      CALLSCOPE_LOG: "off",
      CALLSCOPE_DATA_DIR: ".data/bench",
      // The throughput phase measures serving, not the per-user limiter.
      CALLSCOPE_RATE_LIMIT: "1000000",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  const results: Record<string, unknown> = { latencyMs: L };
  try {
    await waitForApp(60_000);
    const token = await graphToken();
    await faults({ latencyMs: L });
    const bigCall = sizedCallId(3000);
    const pages = Math.ceil(3000 / 60);

    // 1. Every session of a 3,000-session call: through the API vs straight from Graph vs the sequential limit.
    await pageApi(sizedCallId(1)); // warm up: token, JIT
    await pageGraph(bigCall, token); // warm up: the emulator generates and serialises the call once
    const direct = await timed(() => pageGraph(bigCall, token));
    const viaApi = await timed(() => pageApi(bigCall));
    if (viaApi.value !== 3000 || direct.value !== 3000) throw new Error(`expected 3000 sessions, got ${viaApi.value} / ${direct.value}`);
    results.allSessions = {
      sequentialLimitMs: pages * L,
      graphDirectMs: Math.round(direct.ms),
      apiMs: Math.round(viaApi.ms),
      apiOverSequentialLimit: +(viaApi.ms / (pages * L)).toFixed(3),
      apiOverGraphDirect: +(viaApi.ms / direct.ms).toFixed(3),
    };

    // 2. 50 simultaneous viewers of one uncached call: how many upstream requests?
    await get(`${EMULATOR}/_emulator/reset`, {}, "POST");
    await faults({ latencyMs: L });
    const shared = sizedCallId(600);
    await Promise.all(Array.from({ length: 50 }, () => pageApi(shared)));
    const stats = await json<{ calls: Record<string, { firstPage: number; laterPage: number }> }>(`${EMULATOR}/_emulator/stats`);
    const used = stats.calls[shared] ?? { firstPage: 0, laterPage: 0 };
    results.fiftyViewers = { upstreamRequests: used.firstPage + used.laterPage, oneSequence: Math.ceil(600 / 60), sequences: +((used.firstPage + used.laterPage) / Math.ceil(600 / 60)).toFixed(2) };

    // 3. Throughput at 50 concurrent clients: a cached API page vs the same page from the emulator alone.
    const first = await json<{ nextCursor: string }>(`${APP}/api/calls/${bigCall}`);
    const apiPage = `${APP}/api/calls/${bigCall}/sessions?cursor=${encodeURIComponent(first.nextCursor)}`;
    await json(apiPage);
    const graphFirst = await json<{ "sessions@odata.nextLink": string }>(`${EMULATOR}/v1.0/communications/callRecords/${bigCall}?$expand=sessions($expand=segments)`, { Authorization: `Bearer ${token}` });
    const graphPage = graphFirst["sessions@odata.nextLink"];
    const emulatorRps = await throughput(graphPage, { Authorization: `Bearer ${token}`, Prefer: "odata.maxpagesize=60" }, 50, SECONDS);
    const apiRps = await throughput(apiPage, {}, 50, SECONDS);
    results.cachedThroughput = { clients: 50, emulatorRps: Math.round(emulatorRps), apiRps: Math.round(apiRps), apiOverEmulator: +(apiRps / emulatorRps).toFixed(2) };
    await faults({ latencyMs: 0 });
    const emulatorRps0 = await throughput(graphPage, { Authorization: `Bearer ${token}`, Prefer: "odata.maxpagesize=60" }, 50, SECONDS);
    results.cachedThroughputNoLatency = { emulatorRps: Math.round(emulatorRps0), apiOverEmulator: +(apiRps / emulatorRps0).toFixed(2) };

    // 4. The browser: long tasks while a 5,000-session call loads and scrolls.
    if (process.env.BENCH_UI !== "0") {
      const out = execFileSync(resolve(root, "node_modules/.bin/tsx"), [resolve(root, "scripts/bench-ui.ts")], { cwd: root, env: { ...process.env, BENCH_APP: APP } }).toString();
      results.ui = JSON.parse(out.trim().split("\n").pop() ?? "{}");
    }
  } finally {
    server.kill("SIGTERM");
  }
  mkdirSync(resolve(root, "bench-results"), { recursive: true });
  writeFileSync(resolve(root, "bench-results/latest.json"), JSON.stringify(results, null, 2));
  console.log(JSON.stringify(results, null, 2));
  setTimeout(() => process.exit(0), 500);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
