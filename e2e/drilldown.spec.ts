import { expect, test } from "@playwright/test";
import { demoCalls } from "../lib/demo/calls";

const byScenario = (scenario: string) => {
  const call = demoCalls.find((c) => c.scenario === scenario);
  if (!call) throw new Error(`no demo call ${scenario}`);
  return call;
};

test("home lists the demo calls and opens one by pasted URL", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByText("Demo mode:")).toBeVisible();
  for (const call of demoCalls.filter((c) => c.featured)) await expect(page.getByRole("link", { name: new RegExp(call.title) })).toBeVisible();
  const wifi = byScenario("poor-wifi");
  await page.getByLabel("Call ID, or a link or text containing one").fill(`https://graph.microsoft.com/v1.0/communications/callRecords/${wifi.id}?$expand=sessions`);
  await page.getByRole("button", { name: "Open call" }).click();
  await expect(page).toHaveURL(new RegExp(`/calls/${wifi.id}$`));
  await expect(page.getByRole("heading", { name: wifi.id })).toBeVisible();
  await page.screenshot({ path: "e2e/screenshots/call-poor-wifi.png", fullPage: true });
});
