import { expect, test } from "@playwright/test";
import { AUTH_APP_URL, EMULATOR_URL } from "../playwright.config";
import { signedIn } from "./sign-in";
import { screenshot } from "./support";

// The demo ships alerts wired to its own stand-ins (the emulator's Teams-channel webhook and SMTP mailbox).
test("an investigator adds a destination and a rule, sends a test, and sees it delivered", async ({
  page,
  request,
}) => {
  test.setTimeout(60_000);
  await page.goto("/alerts");
  await expect(page.getByRole("heading", { name: "Alerts", exact: true })).toBeVisible();
  // The demo's rules are there from the start.
  await expect(page.getByTestId("alert-rules")).toContainText("Mateo Alvarez had a poor call");

  const form = page.getByRole("form", { name: "Add a destination" });
  // An address callscope will not post to is refused with the reason, and nothing is added.
  await form.getByLabel("Name").fill("Somewhere inside");
  await form.getByLabel("Webhook URL").fill("https://10.1.2.3/hook");
  await form.getByRole("button", { name: "Add destination" }).click();
  await expect(page.getByTestId("destination-error")).toContainText("10.1.2.3 is an IP address");
  await form.getByLabel("Webhook URL").fill(`${EMULATOR_URL}/_emulator/teams/workflows/e2e-channel`);
  await form.getByRole("button", { name: "Add destination" }).click();
  const row = page.getByTestId("alert-destinations").getByRole("row", { name: /Somewhere inside/ });
  await expect(row).toContainText("https://localhost:4110/…");
  // The URL is a secret: the page never shows its path again.
  await expect(page.getByRole("main")).not.toContainText("e2e-channel");

  // A rule with a named mistake, then the same rule right, previewed and saved.
  const rule = page.getByRole("form", { name: "New alert rule" });
  await rule.getByLabel("Name", { exact: true }).fill("Sites over a band");
  await rule.getByLabel("Alert when").selectOption("band");
  await rule.getByLabel("Poor streams over (%)").fill("140");
  await rule.getByRole("button", { name: "Create rule" }).click();
  await expect(page.getByTestId("rule-error")).toContainText("spec.bandPercent: from 0 to 100 (%)");
  await rule.getByLabel("Poor streams over (%)").fill("10");
  await rule.getByLabel("Somewhere inside").check();
  await rule.getByRole("button", { name: "Preview the last 7 days" }).click();
  await expect(page.getByTestId("rule-preview")).toContainText(/would (not )?have fired/);
  await rule.getByRole("button", { name: "Create rule" }).click();
  await expect(page.getByTestId("alert-rules").getByRole("row", { name: /Sites over a band/ })).toContainText(
    "Any site over 10 % poor streams in the last 24 hours",
  );

  // "Send a test": it goes through the outbox and shows in the log as delivered.
  await row.getByRole("button", { name: "Send a test" }).click();
  const logged = page
    .getByTestId("alert-deliveries")
    .getByRole("row", { name: /Test alert from callscope to Somewhere inside/ });
  await expect(logged).toContainText("Delivered");
  await expect(logged).toContainText("202");
  const caught = (await (await request.get(`${EMULATOR_URL}/_emulator/alerts/messages`)).json()) as {
    teams: { channel: string; card: { type: string; version: string } }[];
  };
  const card = caught.teams.find((message) => message.channel === "e2e-channel")?.card;
  expect(card).toMatchObject({ type: "AdaptiveCard", version: "1.4" });
  await expect(page.getByTestId("caught-teams")).toContainText(
    "Test alert from callscope to Somewhere inside",
  );
  await screenshot(page, "alerts");
});

test("a reader cannot see alerts at all", async ({ browser }) => {
  const { context, page } = await signedIn(browser, "reader");
  await page.goto(`${AUTH_APP_URL}/alerts`);
  await expect(page.getByRole("main")).toContainText(
    "Only an investigator (CallQuality.Investigator) can see alert rules",
  );
  await context.close();
});
