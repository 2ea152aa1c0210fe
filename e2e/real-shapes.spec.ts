import { expect, test, type Locator, type Page } from "@playwright/test";
import { demoCall, screenshot } from "./support";

// Records in the shapes Graph really sends: a tenant's record without metadata, a record from before
// participants_v2, and Microsoft's own documentation example. Each in light and dark.

/** The first media panel of a session, unfolded (panels with nothing over a threshold start folded). */
async function firstMedia(detail: Locator) {
  const panel = detail.getByTestId("media-panel").first();
  if (!(await panel.evaluate((element) => (element as HTMLDetailsElement).open)))
    await panel.locator(":scope > summary").click();
  return panel;
}

async function openSession(page: Page, who: string) {
  await page
    .getByTestId("sessions-table")
    .getByRole("row")
    .filter({ hasText: who })
    .getByRole("button")
    .first()
    .click();
  const detail = page.getByTestId("session-detail");
  await expect(detail).toBeVisible();
  return detail;
}

for (const scheme of ["light", "dark"] as const) {
  test.describe(`${scheme} mode`, () => {
    test.beforeEach(async ({ page }) => page.emulateMedia({ colorScheme: scheme }));

    test("a real tenant's record: people from participants_v2, services by shape, not-reported values, no phantom feedback", async ({
      page,
    }) => {
      const call = demoCall("real-tenant");
      await page.goto(`/calls/${call.id}`);
      await expect(page.getByTestId("fact-participants")).toHaveText("4");
      await expect(page.getByTestId("fact-organizer")).toHaveText("Rui Alves");
      const source = page.getByTestId("participants-source");
      await expect(source).toContainText(
        "4 people, from Graph's participants_v2; 1 joined without a media session",
      );
      // Only impacting and impacted people show at first; Mei Chen's poor uplink makes her the one.
      await page.getByRole("button", { name: "Show all 4 participants" }).click();
      const people = page.getByTestId("participants");
      await expect(people.getByRole("row").filter({ hasText: "Ana Costa" })).toContainText(
        "no media session",
      );
      await expect(people).not.toContainText("conferencing server");
      await expect(people).not.toContainText("unknown participant");
      // notRated with no tokens everywhere: nothing counts as feedback.
      await page.getByLabel("Has feedback").click();
      await expect(page.getByText("0 of 3 sessions shown")).toBeVisible();
      await page.getByLabel("Has feedback").click();
      await expect(page.getByText("3 of 3 sessions shown")).toBeVisible();

      const detail = await openSession(page, "Rui Alves");
      await expect(detail.getByRole("heading", { level: 2 })).toContainText(
        "Rui Alves → Teams conferencing server",
      );
      const clients = detail.getByTestId("compare-clients");
      await expect(clients.getByRole("row").filter({ hasText: "Sign-in name" })).toContainText(
        "rui.alves@contoso.com",
      );
      await expect(clients.getByRole("row").filter({ hasText: "Identity" })).toContainText(
        "Microsoft service",
      );
      await expect(detail.getByTestId("feedback")).toHaveCount(0);
      const audio = await firstMedia(detail);
      const network = audio.getByTestId("compare-network");
      // Link speed 0 on one side and 0 on the server's: not reported on both, so no row at all.
      await expect(network.getByRole("row").filter({ hasText: "Link speed" })).toHaveCount(0);
      await expect(network.getByRole("row").filter({ hasText: "Path" })).toContainText("direct");
      await expect(network).not.toContainText("0 Mbit/s");
      await expect(audio.getByTestId("traceroute-caller").getByRole("row")).toHaveCount(4);
      await expect(audio.getByTestId("traceroute-caller")).toContainText("52.114.188.40");
      await expect(audio.getByTestId("traceroute-caller")).toContainText("31 ms");
      await screenshot(page, `real-tenant-${scheme}`);

      // The segment without caller or callee is between the session's: Mei Chen, not "unknown endpoint".
      await page.getByRole("button", { name: "Close" }).click();
      const mei = await openSession(page, "Mei Chen");
      // Her session's far end has nothing but an empty user agent: in a group call, the meeting's service.
      await expect(mei.getByRole("heading", { level: 2 })).toContainText(
        "Mei Chen → meeting service (not identified by Graph)",
      );
      await expect(mei).not.toContainText("unknown endpoint");
      await expect(mei).not.toContainText("unknown participant");
      await page.getByRole("button", { name: "Close" }).click();
      const jonas = await openSession(page, "Jonas Berg");
      await expect(jonas.getByTestId("test-session")).toHaveText("test call");
    });

    test("a record from before participants_v2: the legacy organizer and people, said so", async ({
      page,
    }) => {
      const call = demoCall("legacy-only");
      await page.goto(`/calls/${call.id}`);
      await expect(page.getByTestId("fact-organizer")).toHaveText("Rui Alves (legacy organizer)");
      await expect(page.getByTestId("fact-participants")).toHaveText("2");
      await expect(page.getByTestId("participants-source")).toContainText(
        "the record's legacy participants property",
      );
      await expect(page.getByTestId("participants")).toContainText("Phone number");
      await screenshot(page, `legacy-only-${scheme}`);
    });

    test("Microsoft's documentation example: names, sign-in names, network jitter and the 54 Mbit/s Wi-Fi", async ({
      page,
    }) => {
      const call = demoCall("docs-example");
      await page.goto(`/calls/${call.id}`);
      await expect(page.getByTestId("fact-organizer")).toHaveText("Abbie Wilkins");
      await expect(page.getByTestId("fact-participants")).toHaveText("2");
      await expect(page.getByTestId("participants")).toContainText("owen.franklin@contoso.com");
      const detail = await openSession(page, "Abbie Wilkins");
      const audio = await firstMedia(detail);
      const streams = audio.getByTestId("stream-details");
      await expect(streams.getByRole("row").filter({ hasText: "Network jitter" })).toContainText(
        "266 ms / 474 ms",
      );
      await expect(streams.getByRole("row").filter({ hasText: "Bandwidth estimate" })).toContainText(
        "15.64 Mbit/s",
      );
      await expect(streams.getByRole("row").filter({ hasText: "Forward error correction" })).toContainText(
        "yes",
      );
      const network = audio.getByTestId("compare-network");
      await expect(network.getByRole("row").filter({ hasText: "Link speed" })).toContainText("54 Mbit/s");
      await expect(network.getByRole("row").filter({ hasText: "Link speed" })).toContainText("not reported");
      await expect(network.getByRole("row").filter({ hasText: "Connection" })).toContainText("wifi");
      const devices = audio.getByTestId("compare-devices");
      await expect(devices.getByRole("row").filter({ hasText: "Speaker glitches" })).toContainText("3830");
      const feedback = detail.getByTestId("feedback");
      await expect(feedback).toContainText("Poor");
      await expect(feedback.getByTestId("feedback-tokens")).toContainText(/Reported: .*Noisy/);
      await screenshot(page, `docs-example-${scheme}`);
    });
  });
}
