import { expect, test, type Page } from "@playwright/test";
import { demoPeople } from "../lib/demo/people";
import { brokenWords, demoCall, horizontalOverflow, screenshot, waitForAllSessions } from "./support";

// A Teams admin on a phone: every page fits the screen (tables scroll in their own box) and no word of the
// page's own is split across lines.
test.use({ viewport: { width: 390, height: 844 } });

async function fits(page: Page, what: string) {
  expect(await horizontalOverflow(page), `${what}: no horizontal overflow`).toBeLessThanOrEqual(0);
  expect(await brokenWords(page), `${what}: no word split across lines`).toEqual([]);
}

const priya = demoPeople.find((person) => person.displayName === "Priya Raman");

test("at 390 px every page fits the screen and keeps its words whole", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto("/");
  await expect(page.getByTestId("inbox")).toBeVisible();
  // The demo's watch list (Mateo Alvarez, for its alert rule) sits under the inbox on a phone.
  await expect(page.getByTestId("watch-list")).toContainText("Mateo Alvarez");
  await fits(page, "home");

  await page.goto(`/calls/${demoCall("poor-wifi").id}`);
  await waitForAllSessions(page, 1);
  await page.getByTestId("sessions-table").getByRole("button").first().click();
  await expect(page.getByTestId("session-detail")).toBeVisible();
  await fits(page, "a 1:1 call with its session open");
  await screenshot(page, "phone-one-to-one");

  await page.goto(`/calls/${demoCall("team-meeting").id}`);
  await waitForAllSessions(page, 12);
  await fits(page, "a meeting");

  await page.goto("/phone-logs");
  await page.getByRole("combobox", { name: /^Log/ }).selectOption("directRouting");
  await page.getByRole("button", { name: "Search the log" }).click();
  await expect(page.getByTestId("search-status")).toContainText("Done");
  await expect(page.getByTestId("phone-log-row").first()).toBeVisible();
  await fits(page, "phone logs");
  await screenshot(page, "phone-phone-logs");

  await page.goto(`/calls?participant=${encodeURIComponent(priya?.userPrincipalName ?? "")}`);
  await expect(page.getByTestId("search-status")).toContainText("Done");
  await fits(page, "find calls");

  await page.goto("/reports");
  await expect(page.getByRole("heading", { name: "Saved reports" })).toBeVisible();
  await fits(page, "reports");

  await page.goto("/quality");
  await expect(page.getByRole("heading", { name: "Quality over time" })).toBeVisible();
  await expect(page.getByTestId("where-table")).toBeVisible();
  await fits(page, "quality");

  await page.goto("/alerts");
  await expect(page.getByTestId("alert-rules")).toBeVisible();
  await fits(page, "alerts");
  await screenshot(page, "phone-alerts");
});
