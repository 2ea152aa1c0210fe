import { expect, test, type APIRequestContext } from "@playwright/test";
import { request as httpsRequest } from "node:https";
import { sizedCallId } from "../emulator/data/store";
import { clusterPorts, startCluster, type Cluster } from "../lib/testing/cluster";

// Two app instances behind no load balancer at all: each viewer spreads its requests over both.
let cluster: Cluster;

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({}, testInfo) => {
  testInfo.setTimeout(150_000);
  cluster = await startCluster(await clusterPorts(2));
});
test.afterAll(async () => cluster?.stop());

/** The emulator's control endpoints, over HTTPS with its own certificate. */
function control(path: string, method = "GET", body?: unknown): Promise<unknown> {
  const ca = cluster.ca;
  return new Promise((done, fail) => {
    const req = httpsRequest(
      `${cluster.emulatorUrl}${path}`,
      { method, ca, headers: body ? { "Content-Type": "application/json" } : {} },
      (res) => {
        let text = "";
        res.on("data", (chunk: Buffer) => (text += chunk.toString()));
        res.on("end", () => done(text ? (JSON.parse(text) as unknown) : null));
      },
    );
    req.on("error", fail);
    if (body) req.write(JSON.stringify(body));
    req.end();
  });
}

async function upstream(callId: string): Promise<number> {
  const stats = (await control("/_emulator/stats")) as {
    calls: Record<string, { firstPage: number; laterPage: number }>;
  };
  const used = stats.calls[callId] ?? { firstPage: 0, laterPage: 0 };
  return used.firstPage + used.laterPage;
}

/** One viewer reading every session, page after page, alternating between the instances it is given. */
async function view(
  request: APIRequestContext,
  callId: string,
  apps: string[],
  start: number,
): Promise<number> {
  let turn = start;
  const first = await request.get(`${apps[turn % apps.length]}/api/calls/${callId}`);
  expect(first.status()).toBe(200);
  let page = (await first.json()) as { sessions: unknown[]; nextCursor: string | null };
  let sessions = page.sessions.length;
  while (page.nextCursor) {
    turn += 1;
    const next = await request.get(
      `${apps[turn % apps.length]}/api/calls/${callId}/sessions?cursor=${encodeURIComponent(page.nextCursor)}`,
    );
    expect(next.status()).toBe(200);
    page = (await next.json()) as typeof page;
    sessions += page.sessions.length;
  }
  return sessions;
}

test("50 viewers on two instances read an uncached 600-session call with one upstream page sequence", async ({
  request,
}) => {
  await control("/_emulator/faults", "PUT", { latencyMs: 100 });
  const callId = sizedCallId(600);
  const apps = cluster.apps.map((app) => app.url);
  const counts = await Promise.all(Array.from({ length: 50 }, (_, i) => view(request, callId, apps, i)));
  expect(counts.every((count) => count === 600)).toBe(true);
  expect(await upstream(callId)).toBe(Math.ceil(600 / 60));
});

test("when the instance fetching a call dies mid-sequence, the other finishes the load", async ({
  page,
  request,
}) => {
  await control("/_emulator/faults", "PUT", { latencyMs: 250 });
  const callId = sizedCallId(661);
  const [a, b] = cluster.apps;
  if (!a || !b) throw new Error("two instances expected");
  // A opens the call and reads ahead through its pages; it dies a few pages in.
  expect((await request.get(`${a.url}/api/calls/${callId}`)).status()).toBe(200);
  await expect.poll(() => upstream(callId), { timeout: 20_000, intervals: [100] }).toBeGreaterThanOrEqual(4);
  a.process.kill("SIGKILL");
  const before = await upstream(callId);
  expect(before).toBeLessThan(12);
  await page.goto(`${b.url}/calls/${callId}`);
  await expect(page.getByTestId("load-status")).toContainText("All 661 sessions loaded", { timeout: 60_000 });
  // Pages A stored stay shared; only what A had in flight is asked again.
  expect(await upstream(callId)).toBeLessThanOrEqual(Math.ceil(661 / 60) + 1);
});

test("an instance whose REDIS_URL does not answer refuses to start, and says which variable", async () => {
  const { spawn } = await import("node:child_process");
  const { freePort } = await import("../lib/testing/redis-server");
  const { DEMO_APP, DEMO_TENANT_ID } = await import("../emulator/entra/registry");
  const port = await freePort();
  const closed = await freePort();
  const child = spawn("node_modules/.bin/next", ["start", "--port", String(port)], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      AZURE_TENANT_ID: DEMO_TENANT_ID,
      AZURE_CLIENT_ID: DEMO_APP.clientId,
      AZURE_CLIENT_SECRET: DEMO_APP.secret,
      GRAPH_BASE_URL: cluster.emulatorUrl,
      AUTHORITY_HOST: cluster.emulatorUrl,
      CALLSCOPE_DEMO: "true",
      CALLSCOPE_CURSOR_SECRET: "cluster-test-secret-0123456789abcdef",
      REDIS_URL: `redis://127.0.0.1:${closed}`,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((done) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      done(null);
    }, 30_000);
    child.on("exit", (exit) => {
      clearTimeout(timer);
      done(exit);
    });
  });
  expect(code).toBe(1);
  expect(output).toContain("callscope cannot start: REDIS_URL");
  expect(output).toContain(`redis://127.0.0.1:${closed}`);
});
