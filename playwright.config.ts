import { defineConfig, devices } from "@playwright/test";

const APP_PORT = Number(process.env.E2E_APP_PORT ?? 3100);
const EMULATOR_PORT = Number(process.env.E2E_EMULATOR_PORT ?? 4110);
export const EMULATOR_URL = `https://localhost:${EMULATOR_PORT}`;
// A second app and emulator with sign-in on (demo mode off), for the sign-in and access tests.
export const AUTH_APP_URL = "http://localhost:3101";
export const AUTH_EMULATOR_URL = "https://localhost:4111";

const serverEnv = {
  CALLSCOPE_LOG: process.env.E2E_SERVER_LOG ?? "off",
  // Fault-injection tests should not wait out production-sized backoffs.
  GRAPH_RETRY_BASE_MS: "50",
  // The feed's renewer looks every 2 s: a lease left by a killed run of the suite lapses in 6 s, not 3 minutes.
  CALLSCOPE_FEED_TICK_SECONDS: "2",
  NEXT_TELEMETRY_DISABLED: "1",
};

/** Debian's Chromium as CI runs it: no sandbox (containers), no GPU, nothing reaching the network by itself. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
] as const;

/** One app + emulator pair, with its own state and data directories. */
function stack({
  appPort,
  emulatorPort,
  name,
  env = {},
}: {
  appPort: number;
  emulatorPort: number;
  name: string;
  env?: Record<string, string>;
}) {
  return {
    // A fresh data directory each run, as CI's clean clone has: reports, rules and destinations left by an earlier
    // local run would otherwise meet this run's tests.
    command: `node -e "require('fs').rmSync('.data/${name}', { recursive: true, force: true })" && tsx scripts/serve.ts`,
    url: `http://localhost:${appPort}/`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe" as const,
    stderr: "pipe" as const,
    env: {
      ...serverEnv,
      APP_PORT: String(appPort),
      EMULATOR_PORT: String(emulatorPort),
      EMULATOR_STATE_DIR: `.emulator/${name}`,
      CALLSCOPE_DATA_DIR: `.data/${name}`,
      ...env,
    },
  };
}

export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: `http://localhost:${APP_PORT}`,
    trace: "retain-on-failure",
    ignoreHTTPSErrors: true,
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [...CHROMIUM_ARGS],
    },
  },
  projects: [
    // Signs in once per role against the emulator; tests that need a role start from that state.
    { name: "setup", testMatch: /auth\.setup\.ts/, use: { ...devices["Desktop Chrome"] } },
    {
      name: "chromium",
      dependencies: ["setup"],
      use: { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 900 } },
    },
  ],
  webServer: [
    // The built app and the emulator over real HTTP(S), exactly as `npm run demo` runs them.
    stack({ appPort: APP_PORT, emulatorPort: EMULATOR_PORT, name: "e2e" }),
    stack({ appPort: 3101, emulatorPort: 4111, name: "e2e-auth", env: { CALLSCOPE_DEMO: "false" } }),
  ],
});
