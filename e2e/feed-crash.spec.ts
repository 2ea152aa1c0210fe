import { expect, test } from "@playwright/test";
import { request as httpsRequest } from "node:https";
import { clusterPorts, startCluster, type Cluster } from "../lib/testing/cluster";

// kill -9 between Graph hearing 202 and the calls being judged: nothing acknowledged is lost.
let cluster: Cluster;
let port: number;

test.describe.configure({ mode: "serial" });
test.beforeAll(async ({}, testInfo) => {
  testInfo.setTimeout(120_000);
  const ports = await clusterPorts(1);
  port = ports.apps[0] ?? 0;
  cluster = await startCluster({ emulator: ports.emulator, apps: [] }, { name: "e2e-feed-crash" });
});
test.afterAll(async () => cluster?.stop());

function control(path: string, body?: unknown): Promise<Record<string, unknown>> {
  return new Promise((done, fail) => {
    const req = httpsRequest(
      `${cluster.emulatorUrl}${path}`,
      {
        method: body ? "POST" : "GET",
        ca: cluster.ca,
        headers: body ? { "Content-Type": "application/json" } : {},
      },
      (res) => {
        let text = "";
        res.on("data", (chunk: Buffer) => (text += chunk.toString()));
        res.on("end", () => done(JSON.parse(text) as Record<string, unknown>));
      },
    );
    req.on("error", fail);
    if (body) req.write(JSON.stringify(body));
    req.end();
  });
}

test("notifications acknowledged before a kill -9 are judged after the restart", async ({ request }) => {
  test.setTimeout(120_000);
  const feedEnv = { CALLSCOPE_PUBLIC_URL: `http://localhost:${port}`, CALLSCOPE_FEED_TICK_SECONDS: "2" };
  // This instance stores notifications but judges none (no workers): it dies with all of them waiting.
  const first = await cluster.launch(port, { ...feedEnv, CALLSCOPE_FEED_WORKERS: "0" });
  await expect
    .poll(async () => ((await control("/_emulator/feed")).subscriptions as unknown[]).length, {
      timeout: 30_000,
    })
    .toBe(1);
  const { ids } = (await control("/_emulator/feed/publish", { count: 10, overSeconds: 0, poorEvery: 2 })) as {
    ids: string[];
  };
  await expect.poll(async () => (await control("/_emulator/feed")).delivered, { timeout: 20_000 }).toBe(20);
  const waiting = (await (await request.get(`${first.url}/api/feed`)).json()) as {
    feed: { pending: number };
    calls: unknown[];
  };
  expect(waiting.feed.pending).toBe(10);
  expect(waiting.calls).toHaveLength(0);

  cluster.kill(first);
  const second = await cluster.launch(port, feedEnv);
  await expect
    .poll(
      async () => {
        const page = (await (await request.get(`${second.url}/api/feed?order=newest`)).json()) as {
          calls: { callId: string }[];
        };
        return page.calls.filter((call) => ids.includes(call.callId)).length;
      },
      { timeout: 30_000 },
    )
    .toBe(10);
  // The restart reused the subscription it had (kept in the database), without a second one.
  const feed = await control("/_emulator/feed");
  expect(feed.created).toBe(1);
  expect(feed.subscriptions as unknown[]).toHaveLength(1);
});
