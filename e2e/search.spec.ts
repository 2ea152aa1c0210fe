import { expect, test } from "@playwright/test";
import { demoPeople } from "../lib/demo/people";
import { cspViolations, demoCall, screenshot, setFaults } from "./support";

test.afterEach(async ({ request }) => setFaults(request, {}));

const priya = demoPeople[0];
const owen = demoPeople[1];

test("find a person's calls from the home page, open a poor one, and come back to the same search", async ({
  page,
}) => {
  const csp = await cspViolations(page);
  await page.goto("/");
  await page.getByLabel(/^Call ID/).fill(priya?.userPrincipalName ?? "");
  await page.getByRole("button", { name: "Open", exact: true }).click();
  await expect(page).toHaveURL(/\/calls\?participant=priya\.raman%40contoso\.example$/);
  await expect(page.getByTestId("search-window")).toContainText("Priya Raman");
  await expect(page.getByTestId("search-status")).toContainText("Done");
  const rows = page.getByTestId("call-row");
  expect(await rows.count()).toBeGreaterThan(10);
  // Newest first: each row's UTC start is no later than the one above it.
  const starts = await rows.evaluateAll((trs) =>
    trs.map((tr) => Date.parse((tr.querySelector("td span.block")?.textContent ?? "").replace(" UTC", "Z"))),
  );
  expect(starts.every((start, i) => i === 0 || start <= (starts[i - 1] ?? start))).toBe(true);
  const poorRow = rows.filter({ has: page.getByTestId("row-verdict").filter({ hasText: "Poor" }) }).first();
  await expect(poorRow).toBeVisible({ timeout: 30_000 });
  await screenshot(page, "find-calls");
  const link = poorRow.getByRole("link").first();
  const href = (await link.getAttribute("href")) ?? "";
  await link.click();
  await expect(page).toHaveURL(new RegExp(`${href}$`));
  await expect(page.getByTestId("verdict-card")).toContainText("Poor");
  // Nothing on these pages trips the Content-Security-Policy (no eval in the browser bundle).
  expect(await csp()).toEqual([]);
  await page.goBack();
  await expect(page).toHaveURL(/participant=priya\.raman%40contoso\.example/);
  await expect(page.getByLabel("Person")).toHaveValue(priya?.userPrincipalName ?? "");
  await expect(page.getByTestId("call-row").first()).toBeVisible();
});

test("a person's search says their part in each call, the other party, and what their poor calls share", async ({
  page,
}) => {
  await page.goto(`/calls?participant=${encodeURIComponent(priya?.userPrincipalName ?? "")}`);
  await expect(page.getByTestId("search-status")).toContainText("Done");
  const rows = page.getByTestId("call-row");
  const count = await rows.count();
  // Every row is judged, not only those on screen, and the summary counts them all.
  await expect(page.getByTestId("row-person").filter({ hasText: "…" })).toHaveCount(0, { timeout: 30_000 });
  const summary = page.getByTestId("person-summary");
  await expect(summary).toContainText(new RegExp(`of ${count} calls judged were poor for Priya Raman`));
  await expect(summary).not.toContainText("Judging");
  // A poor 1:1 names the other party, and Priya's part is the one the call's page shows.
  const oneToOne = rows
    .filter({ hasText: "Peer-to-peer" })
    .filter({ has: page.locator('[data-testid="person-part"][data-part="impacted"]') })
    .first();
  await expect(oneToOne.getByTestId("other-party")).toContainText(/with .+ \(impacting\)/);
  const other =
    ((await oneToOne.getByTestId("other-party").innerText()).match(/with (.+) \(/) ?? [])[1] ?? "";
  await oneToOne.getByRole("link").first().click();
  await expect(page.getByTestId("likely-side")).toContainText(`${other}'s side`);
  await page.goBack();
  // A meeting says how many were affected.
  await expect(rows.filter({ hasText: "Group call" }).first().getByTestId("other-party")).toContainText(
    /\d+ of \d+ people affected/,
  );
  await screenshot(page, "find-calls-person");
});

test("type and media filters narrow the list, and live in the URL", async ({ page }) => {
  await page.goto(`/calls?participant=${encodeURIComponent(priya?.id ?? "")}`);
  await expect(page.getByTestId("search-status")).toContainText("Done");
  const all = await page.getByTestId("call-row").count();
  await page.getByLabel("Type").selectOption("groupCall");
  await page.getByRole("button", { name: "Find calls" }).click();
  await expect(page).toHaveURL(/type=groupCall/);
  await expect(page.getByTestId("call-row").first()).toContainText("Group call");
  const meetings = await page.getByTestId("call-row").count();
  expect(meetings).toBeGreaterThan(0);
  expect(meetings).toBeLessThan(all);
  for (const row of await page.getByTestId("call-row").all()) await expect(row).toContainText("Group call");
});

test("bad searches say what is wrong and what to do", async ({ page }) => {
  await page.goto("/calls?participant=nobody%40contoso.example");
  await expect(page.getByRole("main").getByRole("alert")).toContainText("No such person");
  await expect(page.getByRole("main").getByRole("alert")).toContainText("object ID");
  // Asking again would give the same answer: no "Try again", the message says what to change.
  await expect(page.getByRole("main").getByRole("button", { name: "Try again" })).toHaveCount(0);
  // A reversed window is answered with the swap to make; a browser's zone-less time is read in its zone.
  await page.goto(
    `/calls?participant=${encodeURIComponent(priya?.userPrincipalName ?? "")}&from=2026-11-26T00:00:00Z&to=2026-11-25T00:00:00Z`,
  );
  await expect(page.getByRole("main").getByRole("alert")).toContainText(
    "Swap them: from 2026-11-25T00:00:00Z to 2026-11-26T00:00:00Z",
  );
  const local = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 16);
  await page.goto(`/calls?participant=${encodeURIComponent(priya?.userPrincipalName ?? "")}&from=${local}`);
  await expect(page.getByTestId("search-status")).toContainText("Done");
  await page.goto(
    `/calls?participant=${encodeURIComponent(priya?.userPrincipalName ?? "")}&from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z`,
  );
  await expect(page.getByRole("main").getByRole("alert")).toContainText("longer than 30 days");
  // 28 days that reach 3 days past Graph's retention: the rest is searched, the lost part is named.
  const from = new Date(Date.now() - 33 * 86_400_000).toISOString();
  const to = new Date(Date.now() - 5 * 86_400_000).toISOString();
  await page.goto(
    `/calls?participant=${encodeURIComponent(priya?.userPrincipalName ?? "")}&from=${from}&to=${to}`,
  );
  await expect(page.getByTestId("retention-notice")).toContainText(
    "Graph deletes call records 30 days after the call",
  );
  await expect(page.getByTestId("call-row").first()).toBeVisible();
});

test("a phone call's log rows appear on its call page, matched by user and number", async ({ page }) => {
  const failed = demoCall("failed-pstn");
  await page.goto(`/calls/${failed.id}`);
  const legs = page.getByTestId("phone-legs");
  await expect(legs).toBeVisible({ timeout: 30_000 });
  await expect(legs.getByTestId("phone-log-row")).toHaveCount(2);
  await expect(legs).toContainText("Failed: SIP 503 Service Unavailable");
  await expect(legs).toContainText("sbc1.contoso.example");
  await expect(legs.getByTestId("phone-match").first()).toContainText(
    "same Teams user and same phone number",
  );
  // Microsoft's codes in words: who answered (560…: the SBC) and what to check next.
  await expect(legs.getByTestId("sip-words").first()).toContainText("Your SBC sent the final answer");
  await expect(legs.getByTestId("sip-words").first()).toContainText("Next: Check the SBC's health");
  // The log masks the dialled number; the record has it whole, so the page shows one number, not two spellings.
  await expect(legs).not.toContainText("***");
  await expect(legs.getByTestId("phone-match").first()).toContainText("shown whole from the call record");
  await screenshot(page, "phone-legs");
  // A Teams-only call has no phone legs section at all.
  await page.goto(`/calls/${demoCall("clean-one-to-one").id}`);
  await expect(page.getByTestId("verdict-card")).toBeVisible();
  await expect(page.getByTestId("phone-legs")).toHaveCount(0);
});

test("a failed phone call with no call record is found in the phone-log search", async ({ page }) => {
  const csp = await cspViolations(page);
  await page.goto("/phone-logs");
  await page.getByRole("combobox", { name: /^Log/ }).selectOption("directRouting");
  await page.getByLabel(/^Person/).fill(owen?.userPrincipalName ?? "");
  await page.getByLabel("Failed calls only").check();
  await page.getByRole("button", { name: "Search the log" }).click();
  await expect(page).toHaveURL(/kind=directRouting.*failed=1/);
  await expect(page.getByTestId("search-status")).toContainText("Done");
  const rows = page.getByTestId("phone-log-row");
  expect(await rows.count()).toBeGreaterThan(2);
  for (const row of await rows.all()) {
    await expect(row).toContainText("Owen Franklin");
    await expect(row).toContainText("Failed: SIP");
  }
  await screenshot(page, "phone-logs");
  expect(await csp()).toEqual([]);
});

test("a screen of verdicts comes in one request; a bad ID in it fails alone", async ({ request }) => {
  const good = demoCall("poor-wifi").id;
  const unknown = "00000000-0000-4000-8000-00000000abcd";
  const response = await request.get(`/api/calls/summaries?ids=${good},${unknown}`);
  expect(response.status()).toBe(200);
  const body = (await response.json()) as {
    summaries: Record<string, { quality?: string; error?: { status: number; code: string } }>;
  };
  expect(body.summaries[good]?.quality).toBe("poor");
  expect(body.summaries[unknown]?.error).toMatchObject({ status: 404, code: "call_not_found" });
  expect((await request.get("/api/calls/summaries?ids=../../etc")).status()).toBe(400);
  expect((await request.get("/api/calls/summaries")).status()).toBe(400);
});

test("a pasted Teams join link opens its meeting, found among the organizer's calls", async ({
  page,
  request,
}) => {
  const meeting = demoCall("team-meeting");
  const { call } = (await (await request.get(`/api/calls/${meeting.id}`)).json()) as {
    call: { joinWebUrl: string | null };
  };
  expect(call.joinWebUrl).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\/19%3ameeting_/);
  await page.goto("/");
  await page.getByLabel(/^Call ID/).fill(call.joinWebUrl ?? "");
  await page.getByRole("button", { name: "Open", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/calls/${meeting.id}$`), { timeout: 30_000 });
  await expect(page.getByTestId("meeting-causes")).toBeVisible();
  // A link without its context cannot name the organizer: said, and nothing searched.
  await page.goto("/");
  await page.getByLabel(/^Call ID/).fill((call.joinWebUrl ?? "").split("?")[0] ?? "");
  await page.getByRole("button", { name: "Open", exact: true }).click();
  await expect(page.getByText("does not say who organized the meeting")).toBeVisible();
  await expect(page).toHaveURL(/\/$/);
});
