import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { demoCall, screenshot, waitForAllSessions } from "./support";

test("a 1:1 call opens with caller and callee side by side, naming the callee's weak Wi-Fi", async ({
  page,
}) => {
  const call = demoCall("poor-wifi");
  await page.goto(`/calls/${call.id}`);
  const sides = page.getByTestId("side-by-side");
  // No click: it is the first thing under the call's facts.
  await expect(sides).toBeVisible();
  // The side whose sent streams arrived poor, weighed by its own network: one story on the whole page.
  const likely = page.getByTestId("likely-side");
  await expect(likely).toContainText(/\(the callee\) is the likely cause: what .+ sent arrived poor/);
  await expect(likely).toContainText("network shows why: Wi-Fi 2.4 GHz");
  await expect(page.getByTestId("findings").getByRole("listitem").first()).toContainText(
    await likely.innerText(),
  );
  await expect(
    page.getByTestId("participants").getByRole("row").filter({ hasText: "impacting" }),
  ).toHaveCount(1);
  await expect(sides.getByTestId("side-caller")).toContainText("What they received");
  await expect(sides.getByTestId("side-callee").getByText("What they sent").locator("..")).toContainText(
    "Poor",
  );
  const network = sides.getByTestId("sides-network");
  await expect(network.getByRole("row", { name: /Connection/ })).toContainText("wired");
  await expect(network.getByRole("row", { name: /Connection/ })).toContainText("wifi▲ worse");
  // Only what differs at first; every line on request.
  const lines = await network.getByRole("row").count();
  await sides.getByRole("button", { name: "Show every line, not only what differs" }).click();
  expect(await network.getByRole("row").count()).toBeGreaterThan(lines);
  await expect(page.getByTestId("meeting-causes")).toHaveCount(0);
  await screenshot(page, "side-by-side-poor-wifi");
});

test("the town hall's top cause is the planted one, and it filters the sessions table", async ({ page }) => {
  const call = demoCall("town-hall");
  await page.goto(`/calls/${call.id}`);
  await waitForAllSessions(page, 3000);
  await expect(page.getByTestId("side-by-side")).toHaveCount(0);
  // The demo planted two causes, weak 2.4 GHz Wi-Fi and a VPN: they lead, in whichever order the data ranks them.
  const causes = page.getByTestId("cause");
  const leaders = (await causes.nth(0).innerText()) + (await causes.nth(1).innerText());
  expect(leaders).toContain("of streams on Wi-Fi 2.4 GHz were poor");
  // The VPN and TCP are the same people: one line that names both.
  expect(leaders).toContain("of streams on a VPN tunnel, which are also the streams over TCP, were poor");
  await expect(causes.filter({ hasText: "streams over TCP" })).toHaveCount(1);
  const wifi = causes.filter({ hasText: "Wi-Fi 2.4 GHz" }).first();
  await wifi.getByRole("button", { name: "Show these sessions" }).click();
  await expect(page).toHaveURL(/cause=factor%3AWi-Fi\+band%3Afrequency24GHz/);
  await expect(page).toHaveURL(/poor=1/);
  const shown = await page.getByTestId("sessions-count").innerText();
  const [visible] = shown.replace(/,/g, "").match(/\d+/) ?? [];
  expect(Number(visible)).toBeGreaterThan(0);
  expect(Number(visible)).toBeLessThan(3000);
  // Exactly the 2.4 GHz sessions, said in a column of their own: not every Wi-Fi session.
  await expect(page.getByTestId("cause-column")).toHaveText("Wi-Fi band");
  const cells = await page.getByTestId("cause-cell").allInnerTexts();
  expect(cells.length).toBeGreaterThan(0);
  expect(new Set(cells)).toEqual(new Set(["Wi-Fi 2.4 GHz"]));
  await screenshot(page, "town-hall-cause-sessions");
});

test("a meeting whose presenter's uplink hurt the audience tells one story: that sender first", async ({
  page,
}) => {
  await page.goto(`/calls/${demoCall("team-meeting").id}`);
  await waitForAllSessions(page, 12);
  const panel = page.getByTestId("meeting-causes");
  await expect(panel.getByTestId("no-cause")).toHaveCount(0);
  const first = panel.getByTestId("cause").first();
  await expect(first.getByTestId("cause-kind")).toHaveText("One sender");
  await expect(first).toContainText(/poor video uplink .+ is the likely cause for \d+ of \d+ participants/);
  await expect(page.getByTestId("findings").getByRole("listitem").first()).toContainText(
    "is the likely cause for",
  );
  await first.getByRole("button", { name: "Show these sessions" }).click();
  await expect(page).toHaveURL(/cause=sender%3A/);
  const cells = await page.getByTestId("cause-cell").allInnerTexts();
  expect(cells.length).toBeGreaterThan(2);
  expect(cells).toContain("sent poor");
  expect(cells.filter((cell) => cell === "received poor").length).toBeGreaterThan(1);
  await screenshot(page, "team-meeting-cause-panel");
});

test("the home workers' meeting is explained by their ISP, named from the offline database", async ({
  page,
}) => {
  await page.goto(`/calls/${demoCall("isp-meeting").id}`);
  await waitForAllSessions(page, 80);
  await expect(page.getByTestId("cause").first()).toContainText("ISP");
  await expect(page.getByTestId("cause").first()).toContainText(
    "streams through Example Cable, Inc. (AS64501)",
  );
  await page.getByTestId("cause").first().getByRole("button", { name: "Show these sessions" }).click();
  await expect(page.getByTestId("cause-column")).toHaveText("ISP");
  const isps = await page.getByTestId("cause-cell").allInnerTexts();
  expect(isps.length).toBeGreaterThan(0);
  expect(new Set(isps)).toEqual(new Set(["Example Cable, Inc. (AS64501)"]));
  // And any two-person view says which ISP each side reached Teams through.
  await page.goto(`/calls/${demoCall("poor-wifi").id}`);
  await page.getByRole("button", { name: "Show every line, not only what differs" }).click();
  await expect(
    page.getByTestId("sides-network").getByRole("row", { name: /^ISP \(public address\)/ }),
  ).toContainText(/Example (Fiber|Mobile|Cable)/);
});

test("a participant on an IPv6 mobile network gets the ISP and country of their IPv6 address", async ({
  page,
}) => {
  await page.goto(`/calls/${demoCall("town-hall").id}?conn=mobile`);
  await waitForAllSessions(page, 3000);
  await page.getByTestId("sessions-table").getByRole("button").first().click();
  const detail = page.getByTestId("session-detail");
  await expect(detail).toBeVisible();
  const panel = detail.getByTestId("media-panel").first();
  if (!(await panel.evaluate((element) => (element as HTMLDetailsElement).open)))
    await panel.locator(":scope > summary").click();
  const network = panel.getByTestId("compare-network");
  await expect(network.getByRole("row", { name: /^Reflexive \(public\) address/ })).toContainText(
    "2001:db8:64:",
  );
  await expect(network.getByRole("row", { name: /^ISP \(public address\)/ })).toContainText(
    "Example Mobile (AS64502), PT",
  );
});

test("two people of a meeting are compared the same way, and the pair lives in the URL", async ({ page }) => {
  const call = demoCall("team-meeting");
  await page.goto(`/calls/${call.id}`);
  await waitForAllSessions(page, 12);
  const people = page.getByTestId("participants");
  await people.getByRole("button", { name: "Compare" }).first().click();
  await people.getByRole("button", { name: "Compare with this one" }).first().click();
  const sides = page.getByTestId("side-by-side");
  await expect(
    sides.getByRole("heading", { name: /^Comparing .+ and .+, through the Teams conferencing server$/ }),
  ).toBeVisible();
  await expect(page).toHaveURL(/cmp=.+&cmp=.+/);
  await expect(sides.getByTestId("sides-network")).toBeVisible();
  // A shared link reopens the same comparison.
  await page.reload();
  await expect(page.getByTestId("side-by-side").getByRole("heading", { name: /^Comparing / })).toBeVisible();
  await page.getByRole("button", { name: "Close the comparison" }).click();
  await expect(page.getByTestId("side-by-side")).toHaveCount(0);
  await expect(page).not.toHaveURL(/cmp=/);

  // One person against the meeting's typical participant.
  await page.getByTestId("participants").getByRole("button", { name: "vs typical" }).first().click();
  await expect(
    page
      .getByTestId("side-by-side")
      .getByRole("heading", { name: /^Comparing .+ with the meeting's typical participant$/ }),
  ).toBeVisible();
  await expect(page).toHaveURL(/cmp=median/);
});

test("uploading the demo building file names the sites on a call; a bad file is refused with its line and column", async ({
  page,
}) => {
  await page.goto("/sites");
  await page
    .getByLabel("…or paste its lines")
    .fill("10.0.0.0\tLAN\t40\tHQ\t\t\t\tLisbon\t\tPortugal\t\t\t1\t0\t0");
  await page.getByRole("button", { name: "Upload and replace" }).click();
  await expect(page.getByTestId("sites-error")).toContainText(
    "Line 1, column NetworkRange: must be a prefix length from 1 to 32",
  );
  await expect(page.getByTestId("sites-error")).toContainText("Nothing was stored");

  await page
    .getByLabel("Building data file")
    .setInputFiles(join(__dirname, "..", "emulator", "data", "demo-sites.tsv"));
  await page.getByRole("button", { name: "Upload and replace" }).click();
  await expect(page.getByTestId("sites-saved")).toHaveText("Saved 4 networks.");
  await expect(page.getByTestId("sites")).toContainText("Oslo office");

  await page.goto(`/calls/${demoCall("poor-wifi").id}`);
  const site = page.getByTestId("sides-network").getByRole("row", { name: /^Site/ });
  await expect(site).toContainText(/(Lisbon HQ|Oslo office|Seattle office|Remote access \(VPN\))/);

  // The branch meeting's poor minority sits in one office: with the building data, that office is the top cause.
  await page.goto(`/calls/${demoCall("branch-meeting").id}`);
  await waitForAllSessions(page, 120);
  const top = page.getByTestId("cause").first();
  await expect(top).toContainText("Site");
  await expect(top).toContainText("of streams from Oslo office (Oslo, Norway) were poor");

  // The calls just read carried subnets the file does not cover: the sites page lists them, each with a call.
  await page.goto("/sites");
  const gaps = page.getByTestId("uncovered-subnets");
  await expect(gaps.getByRole("row").nth(1)).toBeVisible();
  await expect(gaps.getByRole("link").first()).toHaveAttribute("href", /^\/calls\/[0-9a-f-]{36}$/);
  await expect(gaps).not.toContainText("10.70.");
});
