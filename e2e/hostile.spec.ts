import { expect, test, type Page } from "@playwright/test";
import { cspViolations, demoCall, waitForAllSessions } from "./support";

// A record whose every free-form string is hostile (emulator/data/hostile.ts): script and markup,
// spreadsheet formulas, bidi overrides, control characters, prototype names and 100 KB runs.

/** Records CSP violations, dialogs and page errors from the first script on. */
async function watch(page: Page) {
  const problems: string[] = [];
  const csp = await cspViolations(page);
  page.on("dialog", (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  return async () => {
    const state = await page.evaluate(() => ({
      pwned: (window as unknown as { __pwned?: number }).__pwned ?? null,
      overflow: document.documentElement.scrollWidth - window.innerWidth,
    }));
    expect(problems, "no script ran, nothing crashed").toEqual([]);
    expect(await csp(), "no CSP violation").toEqual([]);
    expect(state.pwned).toBeNull();
    expect(state.overflow, "no horizontal overflow").toBeLessThanOrEqual(0);
  };
}

test("hostile strings stay inert, bounded and readable across the drill-down", async ({ page }) => {
  const check = await watch(page);
  const call = demoCall("hostile");
  await page.goto(`/calls/${call.id}`);
  await waitForAllSessions(page, 3);
  await expect(page.getByTestId("findings")).toContainText("rated the call poor");
  await check();

  // Bidi overrides in names stay inside their own isolate: none leaks into the sentence around it.
  const leaks = await page.getByTestId("findings").evaluate((root) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const out: string[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (/[\u202A-\u202E]/.test(node.textContent ?? "") && !node.parentElement?.closest("bdi"))
        out.push(node.textContent ?? "");
    }
    return out;
  });
  expect(leaks).toEqual([]);
  expect(await page.getByTestId("findings").locator("bdi").count()).toBeGreaterThan(0);

  // Every session, every media panel, every participant.
  const rows = page
    .getByTestId("sessions-table")
    .getByRole("row")
    .filter({ has: page.getByRole("button") });
  const sessions = await rows.count();
  expect(sessions).toBeGreaterThanOrEqual(2);
  for (let index = 0; index < sessions; index++) {
    await rows.nth(index).getByRole("button").first().click();
    const detail = page.getByTestId("session-detail");
    await expect(detail).toBeVisible();
    for (const panel of await detail.getByTestId("media-panel").all()) {
      if (!(await panel.evaluate((element) => (element as HTMLDetailsElement).open)))
        await panel.locator(":scope > summary").click();
    }
    await check();
  }
  const showAll = page.getByRole("button", { name: /Show all \d+ participants/ });
  if (await showAll.isVisible()) await showAll.click();
  await expect(page.getByTestId("participants")).toBeVisible();
  await check();

  // A snapshot of it opens the same way.
  await page.getByRole("button", { name: "Create report" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Create report" }).click();
  const link = page.getByTestId("report-link");
  await expect(link).toBeVisible({ timeout: 30_000 });
  await page.goto((await link.getAttribute("href")) ?? "");
  await expect(page.getByTestId("load-status")).toContainText("from the saved snapshot");
  await expect(page.getByTestId("findings")).toContainText("rated the call poor");
  await check();
});

test("malformed and unknown addresses answer clearly, in JSON for the API", async ({ page, request }) => {
  for (const path of ["/api/calls/%", "/api/calls/%E0%A4%A"]) {
    const response = await request.get(path);
    expect(response.status()).toBe(400);
    expect(response.headers()["content-type"]).toContain("application/json");
    expect((await response.json()).error.code).toBe("malformed_url");
  }
  // Decoded once: %252e%252e%252f is the text "%2e%2e%2f", never "../".
  const doubled = await request.get("/api/calls/%252e%252e%252f");
  expect(doubled.status()).toBe(400);
  expect((await doubled.json()).error.message).toContain('"%2e%2e%2f" is not a call ID');
  const unknown = await request.get("/api/no-such-endpoint");
  expect(unknown.status()).toBe(404);
  expect((await unknown.json()).error.code).toBe("not_found");
  const plain = await request.post("/api/reports", {
    headers: { "Content-Type": "text/plain" },
    data: '{"callId":"x"}',
  });
  expect(plain.status()).toBe(415);
  const huge = await request.post("/api/reports", {
    headers: { "Content-Type": "application/json" },
    data: JSON.stringify({ callId: demoCall("poor-wifi").id, note: "x".repeat(10 * 1024 * 1024) }),
  });
  expect(huge.status()).toBe(413);

  const malformed = await page.goto("/calls/%E0%A4%A");
  expect(malformed?.status()).toBe(400);
  await expect(page.getByRole("heading", { name: "This address cannot be read" })).toBeVisible();
  const missing = await page.goto("/no-such-page");
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "There is no page at this address" })).toBeVisible();
  // Inside the app's layout: the navigation and the demo banner are still there.
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  await expect(page.getByText("Demo mode:")).toBeVisible();
  await page.getByRole("link", { name: "Look up a call" }).click();
  await expect(page).toHaveURL(/\/$/);
});

/** Elements a string made wider than they may be: the page past the viewport, a table past its own box. */
async function layoutProblems(page: Page) {
  return page.evaluate(() => {
    const problems: string[] = [];
    if (document.documentElement.scrollWidth > window.innerWidth)
      problems.push(
        `page ${document.documentElement.scrollWidth} px wide in a ${window.innerWidth} px window`,
      );
    for (const table of document.querySelectorAll("table")) {
      let box = table.parentElement;
      while (box && !["auto", "scroll", "hidden"].includes(getComputedStyle(box).overflowX))
        box = box.parentElement;
      const limit = (box ?? document.documentElement).getBoundingClientRect().width;
      const width = table.getBoundingClientRect().width;
      // A table may scroll in its box for its columns, but no single string may blow it up.
      if (width > Math.max(limit, 1280) + 1)
        problems.push(
          `${table.getAttribute("data-testid") ?? "table"} ${Math.round(width)} px in ${Math.round(limit)} px`,
        );
    }
    return problems;
  });
}

for (const width of [1280, 390]) {
  test(`hostile strings never make anything wider than its box, at ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`/calls/${demoCall("hostile").id}`);
    await waitForAllSessions(page, 3);
    expect(await layoutProblems(page)).toEqual([]);
    const rows = page
      .getByTestId("sessions-table")
      .getByRole("row")
      .filter({ has: page.getByRole("button") });
    for (let index = 0; index < (await rows.count()); index++) {
      await rows.nth(index).getByRole("button").first().click();
      const detail = page.getByTestId("session-detail");
      for (const panel of await detail.getByTestId("media-panel").all()) {
        if (!(await panel.evaluate((element) => (element as HTMLDetailsElement).open)))
          await panel.locator(":scope > summary").click();
      }
      expect(await layoutProblems(page)).toEqual([]);
    }
    const showAll = page.getByRole("button", { name: /Show all \d+ participants/ });
    if (await showAll.isVisible()) await showAll.click();
    expect(await layoutProblems(page)).toEqual([]);
  });
}
