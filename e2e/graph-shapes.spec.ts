import { expect, test, type Page } from "@playwright/test";
import { ODD_SHAPES_SESSIONS, oddSessionId } from "../emulator/data/odd-shapes";
import { demoPeople } from "../lib/demo/people";
import { demoCall, screenshot, waitForAllSessions } from "./support";

// The demo call "Every shape Graph may send" (emulator/data/odd-shapes.ts, issue #41): valid by Graph's schema,
// odd as real tenants send. One odd value never loses the call, and every label says what Graph means.

/** Session n of the call, opened by its link (the sessions table draws only the rows in view). */
async function openSession(page: Page, callId: string, n: number) {
  await page.goto(`/calls/${callId}?session=${oddSessionId(n)}`);
  const detail = page.getByTestId("session-detail");
  await expect(detail).toBeVisible();
  return detail;
}

for (const scheme of ["light", "dark"] as const) {
  test.describe(`${scheme} mode`, () => {
    test.beforeEach(async ({ page }) => page.emulateMedia({ colorScheme: scheme }));

    test("string floats on the second page, a session without an ID and odd people: the whole call shows, and says what it could not read", async ({
      page,
    }) => {
      const call = demoCall("odd-shapes");
      await page.goto(`/calls/${call.id}`);
      await waitForAllSessions(page, ODD_SHAPES_SESSIONS - 1);
      const notice = page.getByTestId("unreadable-notice");
      await expect(notice).toContainText("1 session unreadable and left out (first: value[3].id");
      await expect(notice).toContainText('1 stream had averagePacketLossRate "NaN", not a number');
      await expect(notice).toContainText('1 network had sentQualityEventRatio "INF", not a number');
      await expect(notice).toContainText("1 network had wifiSignalStrength -1, not a valid value");
      await expect(page.getByRole("region", { name: "Verdict" })).toContainText("packet loss 25% > 10%");
      await expect(page.getByText("Try again")).toHaveCount(0);
      await expect(page.getByTestId("load-status")).toContainText(
        "1 more session Graph sent could not be read (see above)",
      );

      await page.getByRole("button", { name: /^Show all \d+ participants$/ }).click();
      const people = page.getByTestId("participants");
      await expect(people).toContainText("Reception phone");
      await expect(people).toContainText("Presented identity only (assertedIdentity)");
      await expect(people).toContainText("Anonymous guest");
      await expect(people).toContainText("hidden from the roster");
      await expect(people).toContainText("Teams conversation (team, channel or chat)");
      await expect(people).toContainText("participant not identified by Graph");
      await expect(people).not.toContainText("unknown participant");
      await expect(page.getByTestId("participants-source")).toContainText(
        "1 participant without an ID or identity",
      );
      await screenshot(page, `odd-shapes-${scheme}`);

      const tick = await openSession(page, call.id, 5);
      await expect(tick).toContainText("jitter 30.0001 ms > 30 ms");

      const failed = await openSession(page, call.id, 3);
      await expect(failed.getByRole("alert")).toContainText("Session failed; Graph gave no stage or reason.");

      const network = await openSession(page, call.id, 7);
      const panel = network.getByTestId("media-panel").first();
      if (!(await panel.evaluate((element) => (element as HTMLDetailsElement).open)))
        await panel.locator(":scope > summary").click();
      await expect(
        panel.getByTestId("compare-network").getByRole("row").filter({ hasText: "Wi-Fi signal" }),
      ).toContainText("not a valid value (Graph sent -1)");
      await expect(panel.getByTestId("traceroute-caller")).toContainText("not numbered");
      await screenshot(page, `odd-shapes-session-${scheme}`);

      await page.setViewportSize({ width: 390, height: 844 });
      await expect(page.getByTestId("unreadable-notice")).toBeVisible();
      await screenshot(page, `odd-shapes-390-${scheme}`);
    });
  });
}

test("a report of the odd-shapes call keeps what Graph sent and says again what could not be read", async ({
  page,
}) => {
  const call = demoCall("odd-shapes");
  await page.goto(`/calls/${call.id}`);
  await waitForAllSessions(page, ODD_SHAPES_SESSIONS - 1);
  await page.getByRole("button", { name: "Create report" }).click();
  await page.getByLabel("Title").fill(`Odd shapes ${Date.now()}`);
  await page.getByRole("dialog").getByRole("button", { name: "Create report" }).click();
  const link = page.getByTestId("report-link");
  await expect(link).toBeVisible({ timeout: 30_000 });
  await page.goto(new URL((await link.getAttribute("href")) ?? "").pathname);
  await waitForAllSessions(page, ODD_SHAPES_SESSIONS - 1);
  const notice = page.getByTestId("unreadable-notice");
  await expect(notice).toContainText("1 session unreadable and left out (first: value[3].id");
  await expect(notice).toContainText('1 stream had averagePacketLossRate "NaN", not a number');
});

test("a Calling Plan row shows who measured its duration, the number type and the two countries (pstnCallLogRow)", async ({
  page,
}) => {
  await page.goto("/phone-logs");
  await page.getByRole("combobox", { name: /^Log/ }).selectOption("pstn");
  await page.getByLabel(/^Person/).fill(demoPeople[0]?.userPrincipalName ?? "");
  await page.getByRole("button", { name: "Search the log" }).click();
  await expect(page.getByTestId("search-status")).toContainText("Done");
  const row = page.getByTestId("phone-log-row").first();
  await expect(row).toContainText("Duration measured by Microsoft");
  await expect(row).toContainText("Number type: Subscriber");
  await expect(row).toContainText("User's country US, tenant's US");
  await screenshot(page, "phone-logs-pstn");
});
