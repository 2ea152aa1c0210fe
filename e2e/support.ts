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
    count === 1 ? "The call's one session loaded" : `All ${count.toLocaleString("en-US")} sessions loaded`,
    { timeout: 60_000 },
  );
  // The pages are in; the findings describe the whole call once the analysis has caught up with them.
  await expect(page.getByTestId("load-status")).toHaveAttribute("data-state", "done", { timeout: 30_000 });
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

/**
 * Words of our own that a narrow screen split across lines ("Stat e", "Outboun d"): in table headers, buttons,
 * links and the cells marked `data-words` (statuses, directions). Graph's own strings (names, addresses) may
 * break anywhere; these may not.
 */
export async function brokenWords(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const broken: string[] = [];
    const elements = document.querySelectorAll("th, button, nav a, summary, [data-words]");
    for (const element of elements) {
      if (!(element instanceof HTMLElement) || element.offsetParent === null) continue;
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? "";
        for (const match of text.matchAll(/[A-Za-z]{3,}/g)) {
          const range = document.createRange();
          range.setStart(node, match.index ?? 0);
          range.setEnd(node, (match.index ?? 0) + match[0].length);
          const lines = new Set(
            [...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)),
          );
          if (lines.size > 1) broken.push(`${element.tagName.toLowerCase()}: ${match[0]}`);
        }
      }
    }
    return [...new Set(broken)].slice(0, 20);
  });
}

/** How far the page is wider than the window (0 when it fits). */
export const horizontalOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
