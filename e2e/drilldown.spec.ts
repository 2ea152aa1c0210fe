import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { sizedCallId } from "../emulator/data/store";
import { demoCalls } from "../lib/demo/calls";
import { demoCall, emulatorStats, screenshot, setFaults, waitForAllSessions } from "./support";

test.afterEach(async ({ request }) => setFaults(request, {}));

test("home lists the demo calls, opens one by pasted URL and remembers it", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByText("Demo mode:")).toBeVisible();
  for (const call of demoCalls.filter((c) => c.featured))
    await expect(page.getByRole("link", { name: new RegExp(call.title) })).toBeVisible();
  await screenshot(page, "home");
  const wifi = demoCall("poor-wifi");
  await page
    .getByLabel(/^Call ID/)
    .fill(`https://graph.microsoft.com/v1.0/communications/callRecords/${wifi.id}?$expand=sessions`);
  await page.getByRole("button", { name: "Open", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/calls/${wifi.id}$`));
  await expect(page.getByRole("heading", { name: wifi.id })).toBeVisible();
  await page.goto("/");
  await expect(
    page.getByRole("region", { name: "Recent lookups" }).getByRole("link", { name: wifi.id }),
  ).toBeVisible();
});

test("a pasted text without a call ID gets an inline message and stays put", async ({ page }) => {
  await page.goto("/");
  const input = page.getByLabel(/^Call ID/);
  await input.fill("the call from yesterday at 3pm");
  await page.getByRole("button", { name: "Open", exact: true }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText(
    "neither a call ID, a Teams meeting link nor a person",
  );
  await expect(input).toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL(/\/$/);
});

test("poor Wi-Fi call: verdict, findings, session charts with thresholds, comparison and feedback", async ({
  page,
}) => {
  const wifi = demoCall("poor-wifi");
  // Graph's list of people is one of the large bodies sent gzip-compressed (lib/api/large-json.ts).
  const people = page.waitForResponse(
    (response) => response.url().endsWith(`/api/calls/${wifi.id}/participants`) && response.ok(),
  );
  await page.goto(`/calls/${wifi.id}`);
  expect((await people).headers()["content-type"]).toBe("application/gzip");
  await expect(page.getByRole("region", { name: "Verdict" })).toContainText("Poor");
  await expect(page.getByRole("region", { name: "Verdict" })).toContainText("jitter 61 ms > 30 ms");
  await expect(page.getByTestId("findings")).toContainText("on Wi-Fi 2.4 GHz with");
  await expect(page.getByTestId("findings")).toContainText("2× the 30 ms threshold");
  await expect(page.getByTestId("participants")).toContainText("impacting");
  await expect(page.getByTestId("participants")).toContainText("impacted");

  await page.getByTestId("sessions-table").getByRole("button").first().click();
  await expect(page).toHaveURL(/session=/);
  const detail = page.getByTestId("session-detail");
  await expect(detail).toBeVisible();
  await expect(detail.getByTestId("chart-jitter").first().locator(".recharts-reference-line")).toHaveCount(1);
  await expect(detail.getByTestId("chart-jitter").first()).toContainText("poor above 30 ms");
  await expect(detail.getByTestId("compare-network").first()).toContainText("▲ worse");
  await expect(detail.getByTestId("compare-network").first()).toContainText(
    "frequency2.4 GHz".replace("frequency", ""),
  );
  const feedback = detail.getByTestId("feedback");
  await expect(feedback).toContainText("Poor");
  // What the person ticked, in words, then what they did not (no struck-through chips).
  const tokens = feedback.getByTestId("feedback-tokens");
  await expect(tokens).toContainText(
    /Reported: .*Frozen video.*Interruptions|Reported: .*Interruptions.*Frozen video/,
  );
  await expect(tokens).toContainText(/Not reported: .*Echo/);
  await expect(tokens.getByText(/^Reported:/).locator("xpath=..")).not.toContainText("Echo");
  await expect(detail.getByRole("tab")).toHaveCount(2);
  await screenshot(page, "session-poor-wifi");

  // The URL alone reopens the session.
  const url = page.url();
  const fresh = await page.context().newPage();
  await fresh.goto(url);
  await expect(fresh.getByTestId("session-detail")).toBeVisible();
});

test("a 3,000-session town hall loads completely with progress shown, and filters to poor sessions", async ({
  page,
  request,
}) => {
  const townHall = demoCall("town-hall");
  // Every page comes gzip-compressed for the page to inflate (lib/api/large-json.ts).
  const forms: string[] = [];
  page.on("response", (response) => {
    const large = /^\/api\/calls\/[^/]+(\/sessions)?$/.test(new URL(response.url()).pathname);
    if (large) forms.push(response.headers()["content-type"] ?? "none");
  });
  await page.goto(`/calls/${townHall.id}`);
  await expect(page.getByTestId("load-status")).toContainText(/Page \d+, [\d,]+ sessions so far/);
  await waitForAllSessions(page, 3000);
  // 3,000 sessions, two of which Graph sends twice (as real data does): 3,002 entries, 51 pages.
  await expect(page.getByTestId("load-status")).toContainText("(51 pages)");
  await expect(page.getByTestId("sessions-count")).toHaveText("3,000 of 3,000 sessions shown");
  await page.getByLabel("Poor only").click();
  await expect(page.getByLabel("Poor only")).toBeChecked();
  const poor = Number(
    (await page.getByTestId("sessions-count").innerText()).split(" ")[0]?.replace(/,/g, ""),
  );
  expect(poor).toBeGreaterThan(20);
  expect(poor).toBeLessThan(1000);
  await expect(page.getByTestId("sessions-table")).toContainText("Poor");
  await expect(page.getByTestId("sessions-table")).not.toContainText("Good");
  // The timeline draws what the table keeps, each row named, and a bar opens its session in view.
  await expect(page.getByTestId("timeline-filtered")).toContainText(
    `${poor.toLocaleString("en-US")} of 3,000 sessions`,
  );
  await expect(page.getByTestId("timeline-names").first()).toContainText("→ the meeting");
  // The chart spans the whole meeting on round ticks, none repeated, with no chart library behind it (the stream
  // charts of an opened session are the only ones that use one).
  const ticks = await page.getByTestId("chart-tick").allTextContents();
  expect(ticks.length).toBeGreaterThan(2);
  expect(new Set(ticks).size).toBe(ticks.length);
  await expect(page.locator(".recharts-wrapper")).toHaveCount(0);
  const bar = page.getByTestId("timeline").getByRole("button").first();
  await expect(bar).toHaveAccessibleName(/, poor/);
  await bar.click();
  await expect(page.getByTestId("session-detail")).toBeInViewport();
  const stats = await emulatorStats(request);
  expect(stats.calls[townHall.id]).toEqual({ firstPage: 1, laterPage: 50 });
  expect(forms).toEqual(Array.from({ length: 51 }, () => "application/gzip"));
  await screenshot(page, "call-town-hall");
  await page.emulateMedia({ colorScheme: "dark" });
  await screenshot(page, "call-town-hall-dark");
});

test("unknown and malformed call IDs explain what happened and what to do", async ({ page }) => {
  // Looked up from the home page, an ID Graph does not have is not kept among the recent lookups.
  await page.goto("/");
  await page.getByLabel(/^Call ID/).fill("00000000-0000-4000-8000-0000000000aa");
  await page.getByRole("button", { name: "Open", exact: true }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("Call record not found");
  await expect
    .poll(() => page.evaluate(() => window.localStorage.getItem("callscope.recentLookups") ?? "[]"))
    .not.toContain("0000000000aa");
  await page.goto("/calls/00000000-0000-4000-8000-0000000000aa");
  await expect(page.getByRole("main").getByRole("alert")).toContainText("Call record not found");
  await expect(page.getByRole("main").getByRole("alert")).toContainText("30 days");
  await expect(page.getByRole("main").getByRole("alert")).toContainText("Request ID:");
  await page.goto("/calls/not-a-call");
  await expect(page.getByRole("main").getByRole("alert")).toContainText("That is not a call ID");
  await expect(page.getByRole("link", { name: "Paste another call ID" })).toBeVisible();
});

test("a throttled Graph says when to retry", async ({ page, request }) => {
  await setFaults(request, { rate429: 1, retryAfterSeconds: 120 });
  await page.goto(`/calls/${sizedCallId(7)}`);
  await expect(page.getByRole("main").getByRole("alert")).toContainText("Graph is busy with this call");
  await expect(page.getByRole("main").getByRole("alert")).toContainText("Try again in 120 seconds");
});

test("a failing later page keeps what arrived and resumes", async ({ page, request }) => {
  await setFaults(request, { rate503: 1, pages: "later" });
  await page.goto(`/calls/${sizedCallId(150)}`);
  await expect(page.getByTestId("load-status")).toContainText("Loading stopped after 60 sessions", {
    timeout: 30_000,
  });
  await expect(page.getByTestId("sessions-count")).toHaveText("60 of 60 sessions shown");
  await setFaults(request, {});
  await page.getByRole("button", { name: "Resume loading" }).click();
  await waitForAllSessions(page, 150);
});

test("a failed PSTN leg is never a plain Good: the verdict, a finding with what to check, the Failed filter", async ({
  page,
}) => {
  await page.goto(`/calls/${demoCall("failed-pstn").id}`);
  const verdict = page.getByRole("region", { name: "Verdict" });
  await expect(verdict.getByTestId("verdict-badges")).toContainText("1 failed");
  await expect(verdict.getByTestId("failure-summary")).toContainText(
    "1 of 2 sessions failed at call setup; the retry was good",
  );
  const findings = page.getByTestId("findings");
  await expect(findings).toContainText("1 session failed at call setup: Gateway rejected the call");
  await expect(findings).toContainText("The retry at");
  await expect(findings).toContainText("Next: check the trunk and SBC");
  // Controlled by the URL: the box is ticked once the address says so.
  await page.getByLabel("Failed only").click();
  await expect(page.getByLabel("Failed only")).toBeChecked();
  await expect(page).toHaveURL(/failed=1/);
  await expect(page.getByTestId("sessions-count")).toHaveText("1 of 2 sessions shown");
  await expect(page.getByTestId("failure-cell").first()).toHaveText("failed at call setup");
  // Searching the table for "failed" finds the same session.
  await page.getByLabel("Failed only").click();
  await expect(page.getByLabel("Failed only")).not.toBeChecked();
  await page.getByPlaceholder("name or session ID").fill("failed");
  await expect(page.getByTestId("sessions-count")).toHaveText("1 of 2 sessions shown");
  await screenshot(page, "failed-pstn");
});

test("the call view fits a tablet without sideways scrolling", async ({ page }) => {
  await page.setViewportSize({ width: 820, height: 1180 });
  await page.goto(`/calls/${demoCall("poor-wifi").id}`);
  await page.getByTestId("sessions-table").getByRole("button").first().click();
  await expect(page.getByTestId("session-detail")).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await screenshot(page, "session-poor-wifi-tablet");
});

test("pages are accessible (axe, colour contrast included), light and dark", async ({ page }) => {
  // Eight pages, each analysed by axe with colour contrast (several seconds each on two cores).
  test.setTimeout(150_000);
  for (const colorScheme of ["light", "dark"] as const)
    for (const path of [
      "/",
      `/calls/${demoCall("poor-wifi").id}`,
      `/calls/${demoCall("team-meeting").id}`,
      "/alerts",
    ]) {
      await page.emulateMedia({ colorScheme });
      await page.goto(path);
      await expect(page.getByRole("heading").first()).toBeVisible();
      if (path.startsWith("/calls/")) {
        // The charts draw when near the screen: bring them in, then open a session with its stream charts.
        await page.getByTestId("sessions-table").scrollIntoViewIfNeeded();
        await page.getByTestId("sessions-table").getByRole("button").first().click();
        await expect(page.getByTestId("session-detail")).toBeVisible();
      }
      const results = await new AxeBuilder({ page }).analyze();
      expect(
        results.violations.map(
          (v) =>
            `${v.id}: ${v.nodes
              .map((n) => n.target.join(" "))
              .slice(0, 3)
              .join(", ")}`,
        ),
        `${path} (${colorScheme})`,
      ).toEqual([]);
    }
});

test("a session opens where the person is looking: from a row far down, and from a link", async ({
  page,
}) => {
  const call = demoCall("town-hall");
  await page.goto(`/calls/${call.id}`);
  await waitForAllSessions(page, 3000);
  const table = page.getByTestId("sessions-table");
  await table.scrollIntoViewIfNeeded();
  await table.getByRole("button").nth(3).click();
  const detail = page.getByTestId("session-detail");
  await expect(detail).toBeInViewport();
  await expect(detail.getByRole("heading", { level: 2 })).toBeFocused();
  // A link that carries ?session= opens it in view too.
  const url = page.url();
  await page.goto("/");
  await page.goto(url);
  await expect(page.getByTestId("session-detail")).toBeInViewport({ timeout: 30_000 });
});

test("on a phone the navigation is one Menu button whose links open as a list, and close on navigating", async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/");
  const menu = page.getByTestId("nav-menu");
  await expect(
    page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Quality" }),
  ).toBeHidden();
  await menu.getByText("Menu").click();
  for (const name of ["Find calls", "Quality", "Alerts", "Phone logs", "Reports", "Sites"]) {
    const box = await menu.getByRole("link", { name }).boundingBox();
    // One line of 14 px text is about 20 px high (with its padding, under 40); two lines would be more.
    expect(box?.height ?? 0, name).toBeLessThan(40);
  }
  await menu.getByRole("link", { name: "Reports" }).click();
  await expect(page).toHaveURL(/\/reports$/);
  await expect(menu.getByRole("link", { name: "Reports" })).toBeHidden();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
