// Two callscope instances sharing one Redis and one SQLite file, beside their own emulator: started as
// separate processes, as a tenant would run them behind a load balancer.
import { spawn, type ChildProcess } from "node:child_process";
import { KEEP_ALIVE } from "../../scripts/keep-alive";
import { rmSync } from "node:fs";
import { request as httpsRequest } from "node:https";
import { resolve } from "node:path";
import { DEMO_APP, DEMO_TENANT_ID } from "../../emulator/entra/registry";
import { ensureCertificate } from "../../emulator/tls";
import { signalGroup } from "./process-group";
import { freePort, startRedis, type TestRedis } from "./redis-server";

const root = resolve(__dirname, "../..");

export interface Cluster {
  redis: TestRedis;
  emulatorUrl: string;
  /** The emulator's certificate, for talking to it over HTTPS. */
  ca: string;
  apps: { url: string; process: ChildProcess }[];
  /** Starts one more instance on `port` (same Redis, database and emulator), with extra settings. */
  launch(port: number, env?: Record<string, string>): Promise<{ url: string; process: ChildProcess }>;
  /** kill -9 of an instance and everything it started. */
  kill(app: { process: ChildProcess }): void;
  stop(): Promise<void>;
}

async function waitFor(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not come up`);
    await new Promise((done) => setTimeout(done, 200));
  }
}

/**
 * Starts the processes in groups of their own (tsx runs the emulator in a child process), so that
 * stopping one stops all it started, and a failed start leaves nothing running.
 */
function start(command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(command, args, { cwd: root, stdio: "ignore", env, detached: true });
}

const kill = (child: ChildProcess) => signalGroup(child, "SIGKILL");

/** Free ports for the emulator and `instances` apps. */
export async function clusterPorts(instances: number): Promise<{ emulator: number; apps: number[] }> {
  const emulator = await freePort();
  const apps: number[] = [];
  while (apps.length < instances) {
    const port = await freePort();
    if (port !== emulator && !apps.includes(port)) apps.push(port);
  }
  return { emulator, apps };
}

export async function startCluster(
  ports: { emulator: number; apps: number[] },
  options: { name?: string; env?: Record<string, string>; emulatorEnv?: Record<string, string> } = {},
): Promise<Cluster> {
  const name = options.name ?? "e2e-cluster";
  const stateDir = resolve(root, `.emulator/${name}`);
  const dataDir = resolve(root, `.data/${name}`);
  rmSync(dataDir, { recursive: true, force: true });
  const tls = await ensureCertificate(stateDir);
  const redis = await startRedis();
  const children: ChildProcess[] = [];
  const stop = async () => {
    for (const child of children) kill(child);
    await redis.stop();
  };
  try {
    const emulatorUrl = `https://localhost:${ports.emulator}`;
    const emulator = start(resolve(root, "node_modules/.bin/tsx"), [resolve(root, "emulator/server.ts")], {
      ...process.env,
      EMULATOR_PORT: String(ports.emulator),
      EMULATOR_STATE_DIR: stateDir,
      EMULATOR_THROTTLE: "off",
      ...options.emulatorEnv,
    });
    children.push(emulator);
    const emulatorHealth = `${emulatorUrl}/_emulator/health`;
    const deadline = Date.now() + 30_000;
    for (;;) {
      const ok = await new Promise<boolean>((done) => {
        const req = httpsRequest(emulatorHealth, { ca: tls.cert }, (res) => {
          res.resume();
          done(res.statusCode === 200);
        });
        req.on("error", () => done(false));
        req.end();
      });
      if (ok) break;
      if (Date.now() > deadline) throw new Error("the emulator did not come up");
      await new Promise((done) => setTimeout(done, 200));
    }
    const apps: Cluster["apps"] = [];
    const launch = async (port: number, env: Record<string, string> = {}) => {
      // Idle keep-alive sockets outlive any client's reuse of them (see scripts/serve.ts).
      const app = start(
        resolve(root, "node_modules/.bin/next"),
        ["start", "--port", String(port), ...KEEP_ALIVE],
        {
          ...process.env,
          NODE_ENV: "production",
          NEXT_TELEMETRY_DISABLED: "1",
          CALLSCOPE_LOG: "off",
          AZURE_TENANT_ID: DEMO_TENANT_ID,
          AZURE_CLIENT_ID: DEMO_APP.clientId,
          AZURE_CLIENT_SECRET: DEMO_APP.secret,
          GRAPH_BASE_URL: emulatorUrl,
          AUTHORITY_HOST: emulatorUrl,
          CALLSCOPE_DEMO: "true",
          CALLSCOPE_DATA_DIR: dataDir,
          CALLSCOPE_RATE_LIMIT: "100000",
          REDIS_URL: redis.url,
          CALLSCOPE_CURSOR_SECRET: "cluster-test-secret-0123456789abcdef",
          NODE_EXTRA_CA_CERTS: tls.bundlePath,
          ...options.env,
          ...env,
        },
      );
      children.push(app);
      const url = `http://localhost:${port}`;
      await waitFor(`${url}/api/me`, 60_000);
      return { url, process: app };
    };
    // One after the other: the second finds the SQLite schema already migrated.
    for (const port of ports.apps) apps.push(await launch(port));
    return { redis, emulatorUrl, ca: tls.cert, apps, launch, kill: (app) => kill(app.process), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
