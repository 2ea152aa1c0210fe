import { expect, test } from "@playwright/test";
import { demoCall, emulatorStats, screenshot, setFaults, waitForAllSessions } from "./support";

test.afterEach(async ({ request }) => setFaults(request, {}));

test("a report of the 3,000-session town hall opens without Graph and shows the same diagnosis", async ({
  page,
  browser,
  request,
}) => {
  const townHall = demoCall("town-hall");
  await page.goto(`/calls/${townHall.id}`);
  await waitForAllSessions(page, 3000);
  // Graph's list of people comes after the sessions: the live page's participants are read once it is in.
  await expect(page.getByTestId("participants-source")).toContainText("participants_v2", { timeout: 30_000 });
  const live = {
    share: await page.getByTestId("poor-share").innerText(),
    finding: await page.getByTestId("finding-text").first().innerText(),
    sessions: await page.getByTestId("sessions-count").innerText(),
    participants: await page.getByTestId("participants").locator("tbody tr").count(),
  };
  await page.getByRole("button", { name: "Create report" }).click();
  const title = `Town hall escalation ${Date.now()}`;
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Note").fill("Wi-Fi on floor 3 again");
  await page.getByRole("dialog").getByRole("button", { name: "Create report" }).click();
  const link = page.getByTestId("report-link");
  await expect(link).toBeVisible({ timeout: 30_000 });
  // An absolute link (to paste anywhere) that carries the page's view.
  const reportUrl = new URL((await link.getAttribute("href")) ?? "");
  expect(reportUrl.origin).toBe(new URL(page.url()).origin);
  expect(reportUrl.pathname).toMatch(/^\/reports\/[A-Za-z0-9_-]{22}$/);
  const reportPath = reportUrl.pathname;

  // Graph is now down, and any request to it would show in its counters.
  await setFaults(request, { rate503: 1 });
  const before = await emulatorStats(request);
  const other = await browser.newContext();
  const reportPage = await other.newPage();
  // The snapshot is one large body, sent gzip-compressed for the page to inflate (lib/api/large-json.ts).
  const snapshot = reportPage.waitForResponse((response) =>
    new URL(response.url()).pathname.startsWith(`/api${reportPath}`),
  );
  await reportPage.goto(reportPath);
  expect((await snapshot).headers()["content-type"]).toBe("application/gzip");
  await expect(reportPage.getByTestId("report-banner")).toContainText(title);
  await expect(reportPage.getByTestId("report-banner")).toContainText(`Snapshot of call ${townHall.id}`);
  await expect(reportPage.getByTestId("report-banner")).toContainText("Wi-Fi on floor 3 again");
  await expect(reportPage.getByTestId("load-status")).toContainText(
    "All 3,000 sessions loaded from the saved snapshot",
  );
  await expect(reportPage.getByTestId("poor-share")).toHaveText(live.share);
  await expect(reportPage.getByTestId("finding-text").first()).toHaveText(live.finding);
  await expect(reportPage.getByTestId("sessions-count")).toHaveText(live.sessions);
  await expect(reportPage.getByTestId("participants").locator("tbody tr")).toHaveCount(live.participants);
  await expect(reportPage.getByTestId("chart-jitter")).toHaveCount(0);
  expect(await emulatorStats(request)).toEqual(before);
  await screenshot(reportPage, "report-town-hall");

  // Listed, deletable, and gone after deletion.
  await reportPage.goto("/reports");
  await expect(reportPage.getByTestId("reports")).toContainText(title);
  // The list searches title, call, note and creator as you type.
  await reportPage.getByLabel("Search reports").fill("floor 3 again");
  await expect(reportPage.getByTestId("reports").locator("tbody tr")).toHaveCount(1);
  // The row says which call it is and how it went, with the verdict the call page showed.
  await expect(reportPage.getByTestId("report-call")).toContainText("Group call (meeting)");
  await expect(reportPage.getByTestId("report-call")).toContainText(/\d{4}, \d\d:\d\d UTC/);
  await expect(reportPage.getByTestId("report-verdict")).toContainText("Poor");
  await expect(reportPage.getByTestId("report-verdict")).toContainText(`${live.share} of streams poor`);
  await expect(reportPage.getByTestId("reports-count")).toContainText(/^1 of \d+ reports? match/);
  await reportPage.getByLabel("Search reports").fill("");
  await reportPage.getByRole("button", { name: `Delete report ${title}` }).click();
  await expect(reportPage.getByRole("main")).not.toContainText(title);
  await reportPage.goto(reportPath);
  await expect(reportPage.getByRole("main").getByRole("alert")).toContainText("Report not found");
  await other.close();
});

test("a copied link reopens the same view in a fresh browser", async ({ page, browser, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const meeting = demoCall("team-meeting");
  await page.goto(`/calls/${meeting.id}`);
  await expect(page.getByTestId("load-status")).toContainText("All 12 sessions loaded");
  await expect(page.getByTestId("findings")).toContainText("is the likely cause for");
  await page.getByLabel("Poor only").click();
  await expect(page.getByLabel("Poor only")).toBeChecked();
  await page.getByRole("button", { name: "Zoom in" }).click();
  await page.getByTestId("sessions-table").getByRole("button").first().click();
  await expect(page.getByTestId("session-detail")).toBeVisible();
  await page.getByRole("button", { name: "Copy link" }).click();
  await expect(page.getByTestId("toast")).toContainText("Link copied");
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(page.url());
  expect(copied).toMatch(/poor=1/);
  const detailTitle = await page.getByTestId("session-detail").getByRole("heading").first().innerText();
  const count = await page.getByTestId("sessions-count").innerText();

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(copied);
  await expect(other.getByLabel("Poor only")).toBeChecked();
  await expect(other.getByTestId("sessions-count")).toHaveText(count);
  await expect(other.getByTestId("session-detail").getByRole("heading").first()).toHaveText(detailTitle);
  await expect(other.getByText("200%")).toBeVisible();
  await fresh.close();
});

test("invalid link parameters fall back to defaults with a notice", async ({ page }) => {
  await page.goto(`/calls/${demoCall("poor-wifi").id}?sort=sideways&zoom=77&poor=1&sesion=x`);
  await expect(page.getByTestId("view-notice")).toContainText("sort, zoom, sesion (not a callscope setting)");
  await expect(page.getByLabel("Poor only")).toBeChecked();
  await expect(page.getByRole("heading", { name: demoCall("poor-wifi").id })).toBeVisible();
});

test("exports the streams as CSV and the Graph payload as JSON", async ({ page }) => {
  const wifi = demoCall("poor-wifi");
  await page.goto(`/calls/${wifi.id}`);
  await expect(page.getByTestId("load-status")).toContainText("The call's one session loaded");
  const [csv] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Export streams CSV" }).click(),
  ]);
  const text = await (
    await csv.createReadStream()
  )
    .toArray()
    .then((chunks) => Buffer.concat(chunks).toString());
  // The history's columns: a BOM for Excel, both times, the direction in words, units in the names, networks.
  expect(text.startsWith("\uFEFFstart_time,end_time,call_id,call_version,direction_words,session_id")).toBe(
    true,
  );
  const lines = text.slice(1).trim().split("\r\n");
  const header = lines[0]?.split(",") ?? [];
  for (const column of [
    "packet_loss_percent",
    "sender_connection",
    "receiver_wifi_band",
    "sender_isp",
    "receiver_vpn",
  ])
    expect(header).toContain(column);
  expect(lines).toHaveLength(9);
  expect(text).toContain("jitter 61 ms > 30 ms");
  expect(text).toContain("Clara Aziz → Mateo Alvarez");
  expect(text).toMatch(/,wifi,/);
  const [json] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Export JSON", exact: true }).click(),
  ]);
  const payload = JSON.parse(
    await (await json.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString()),
  );
  expect(payload.id).toBe(wifi.id);
  expect(payload.sessions[0].segments).toHaveLength(2);
  expect(payload.sessions[0].caller["@odata.type"]).toBe("#microsoft.graph.callRecords.participantEndpoint");
});
