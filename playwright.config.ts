import { defineConfig, devices } from "@playwright/test";

const APP_PORT = Number(process.env.E2E_APP_PORT ?? 3100);
const EMULATOR_PORT = Number(process.env.E2E_EMULATOR_PORT ?? 4110);
export const EMULATOR_URL = `https://localhost:${EMULATOR_PORT}`;

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
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 900 } } }],
  webServer: {
    // The built app and the emulator over real HTTP(S), exactly as `npm run demo` runs them.
    command: "tsx scripts/serve.ts",
    url: `http://localhost:${APP_PORT}/`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      APP_PORT: String(APP_PORT),
      EMULATOR_PORT: String(EMULATOR_PORT),
      EMULATOR_STATE_DIR: ".emulator/e2e",
      CALLSCOPE_LOG: process.env.E2E_SERVER_LOG ?? "off",
      // Fault-injection tests should not wait out production-sized backoffs.
      GRAPH_RETRY_BASE_MS: "50",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
