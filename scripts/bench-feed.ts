// `npm run bench`, feed phase: Graph (the emulator, with its per-record limits and latency L) publishes N
// calls, then a later version of each; one instance judges them from change notifications within the
// record budget. Baseline in the same run: reading the same records' first pages one after another.
import { setTimeout as sleep } from "node:timers/promises";
import { clusterPorts, startCluster } from "../lib/testing/cluster";
import { appToken, percentile } from "./bench-support";

type Get = (
  url: string,
  headers?: Record<string, string>,
  method?: string,
  body?: string,
) => Promise<{ status: number; text: string }>;

interface Entry {
  callId: string;
  version: number;
  notifiedAt: number;
  judgedAt: number;
}

export async function feedPhase(options: {
  get: Get;
  cas: Record<string, string>;
  latencyMs: number;
  calls?: number;
}) {
  const { get } = options;
  const count = options.calls ?? 200;
  const ports = await clusterPorts(1);
  const port = ports.apps[0] ?? 0;
  const cluster = await startCluster(
    { emulator: ports.emulator, apps: [] },
    {
      name: "bench-feed",
      // Graph's per-record limits on (the emulator's throttle), and callscope's own record budget (the default).
      emulatorEnv: {
        EMULATOR_THROTTLE: "on",
        EMULATOR_FAULTS: JSON.stringify({ latencyMs: options.latencyMs }),
      },
    },
  );
  options.cas[cluster.emulatorUrl] = cluster.ca;
  const control = (path: string, body?: unknown) =>
    get(
      `${cluster.emulatorUrl}${path}`,
      body ? { "Content-Type": "application/json" } : {},
      body ? "POST" : "GET",
      body ? JSON.stringify(body) : undefined,
    );
  try {
    const app = await cluster.launch(port, {
      CALLSCOPE_PUBLIC_URL: `http://localhost:${port}`,
      CALLSCOPE_FEED_TICK_SECONDS: "5",
    });
    for (let i = 0; i < 150; i++) {
      const feed = JSON.parse((await control("/_emulator/feed")).text) as { subscriptions: unknown[] };
      if (feed.subscriptions.length > 0) break;
      await sleep(200);
    }
    const started = Date.now();
    const { ids } = JSON.parse(
      (
        await control("/_emulator/feed/publish", {
          count,
          overSeconds: 0,
          updateAfterSeconds: 40,
          poorEvery: 3,
        })
      ).text,
    ) as { ids: string[] };
    // Every call judged at its later version.
    const entries = new Map<string, Entry>();
    const judgedAtVersion: Entry[] = [];
    const firstVersion = new Map<string, number>();
    for (;;) {
      let cursor: string | null = null;
      do {
        const response = await get(`${app.url}/api/feed?order=newest${cursor ? `&cursor=${cursor}` : ""}`);
        const page = JSON.parse(response.text) as { calls: Entry[]; nextCursor: string | null };
        for (const call of page.calls) {
          const seen = entries.get(call.callId);
          if (!firstVersion.has(call.callId)) firstVersion.set(call.callId, call.version);
          if (!seen || seen.version !== call.version) judgedAtVersion.push(call);
          entries.set(call.callId, call);
        }
        cursor = page.nextCursor;
      } while (cursor);
      const done = ids.every((id) => (entries.get(id)?.version ?? 0) > (firstVersion.get(id) ?? Infinity));
      if (done || Date.now() - started > 240_000) break;
      await sleep(500);
    }
    const elapsedMs = Date.now() - started;
    const waves = ids.map((id) => judgedAtVersion.filter((entry) => entry.callId === id));
    const firsts = waves.flatMap((wave) => wave.slice(0, 1));
    const laters = waves.flatMap((wave) => wave.slice(1, 2));
    // The first wave: all N published at once; how fast one instance works through them.
    const firstWaveMs = Math.max(...firsts.map((entry) => entry.judgedAt)) - started;
    const delays = firsts.map((entry) => entry.judgedAt - entry.notifiedAt);
    const laterDelays = laters.map((entry) => entry.judgedAt - entry.notifiedAt);
    const stats = JSON.parse((await control("/_emulator/stats")).text) as {
      calls: Record<string, { firstPage: number; laterPage: number }>;
    };
    const perRecord = ids.map((id) => (stats.calls[id]?.firstPage ?? 0) + (stats.calls[id]?.laterPage ?? 0));

    // A quiet moment: one call at a time, a second apart; the delay is the settle pause plus one read.
    const quiet = (
      JSON.parse(
        (await control("/_emulator/feed/publish", { count: 5, overSeconds: 5, poorEvery: 2 })).text,
      ) as {
        ids: string[];
      }
    ).ids;
    const quietDelays: number[] = [];
    for (let i = 0; i < 100 && quietDelays.length < quiet.length; i++) {
      await sleep(500);
      const page = JSON.parse((await get(`${app.url}/api/feed?order=newest`)).text) as { calls: Entry[] };
      quietDelays.splice(
        0,
        quietDelays.length,
        ...page.calls
          .filter((call) => quiet.includes(call.callId))
          .map((call) => call.judgedAt - call.notifiedAt),
      );
    }

    // Baseline: the same records' first pages read one after another, straight from the emulator.
    const token = await appToken(get, cluster.emulatorUrl);
    const sample = ids.slice(0, 50);
    const baselineStart = performance.now();
    for (const id of sample)
      await get(
        `${cluster.emulatorUrl}/v1.0/communications/callRecords/${id}?$expand=sessions($expand=segments)`,
        {
          Authorization: `Bearer ${token}`,
        },
      );
    const sequentialPerMinute = (sample.length / (performance.now() - baselineStart)) * 60_000;
    const judgedPerMinute = (count / firstWaveMs) * 60_000;
    return {
      calls: count,
      firstWaveMs,
      judgedPerMinute: Math.round(judgedPerMinute),
      sequentialGraphReadsPerMinute: Math.round(sequentialPerMinute),
      judgedOverSequentialReads: +(judgedPerMinute / sequentialPerMinute).toFixed(2),
      notificationToVerdictMs: {
        p50: percentile(delays, 50),
        p95: percentile(delays, 95),
        max: Math.max(...delays),
      },
      quietNotificationToVerdictMs: { p50: percentile(quietDelays, 50), max: Math.max(...quietDelays) },
      settleMs: 2000,
      laterVersionToVerdictMs: { p50: percentile(laterDelays, 50), p95: percentile(laterDelays, 95) },
      rejudged: laters.length,
      allJudgedAtLaterVersionMs: elapsedMs,
      graphRequestsPerRecord: { max: Math.max(...perRecord), total: perRecord.reduce((a, b) => a + b, 0) },
    };
  } finally {
    await cluster.stop();
  }
}
