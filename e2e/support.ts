import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { demoCalls, type DemoScenario } from "../lib/demo/calls";
import { EMULATOR_URL } from "../playwright.config";

export function demoCall(scenario: DemoScenario) {
  const call = demoCalls.find((c) => c.scenario === scenario);
  if (!call) throw new Error(`no demo call ${scenario}`);
  return call;
}

/** Sets the emulator's fault injection over its control endpoint (real HTTP, as a tester would). */
export async function setFaults(request: APIRequestContext, faults: Record<string, unknown>) {
  const response = await request.put(`${EMULATOR_URL}/_emulator/faults`, {
    data: faults,
    ignoreHTTPSErrors: true,
  });
  expect(response.ok()).toBe(true);
}

export async function emulatorStats(
  request: APIRequestContext,
): Promise<{ calls: Record<string, { firstPage: number; laterPage: number }> }> {
  return (await request.get(`${EMULATOR_URL}/_emulator/stats`, { ignoreHTTPSErrors: true })).json();
}

export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: `e2e/screenshots/${name}.png`, fullPage: true });
}

export async function waitForAllSessions(page: Page, count: number) {
  await expect(page.getByTestId("load-status")).toContainText(
    `All ${count.toLocaleString("en-US")} sessions loaded`,
    { timeout: 60_000 },
  );
}

/** Starts recording Content-Security-Policy violations on every page the tab opens; call the result to read them. */
export async function cspViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener("securitypolicyviolation", (event) =>
      seen.push(`${event.violatedDirective} ${event.blockedURI}`),
    );
  });
  return () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
}
