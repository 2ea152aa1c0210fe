import { expect, test, type Page } from "@playwright/test";
import { DEMO_APP, DEMO_TENANT_ID, GRAPH_RESOURCE } from "../emulator/entra/registry";
import { AUTH_APP_URL, AUTH_EMULATOR_URL } from "../playwright.config";
import { personalValues as valuesIn } from "../lib/testing/personal-values";
import { signedIn, signInAs } from "./sign-in";
import { demoCall, screenshot } from "./support";

test.use({ baseURL: AUTH_APP_URL });

/** Every personal value in the emulator's copy of a call: names, UPNs, user IDs, IPs, MACs, device names. */
async function personalValues(page: Page, callId: string): Promise<string[]> {
  const tokenResponse = await page.request.post(`${AUTH_EMULATOR_URL}/${DEMO_TENANT_ID}/oauth2/v2.0/token`, {
    form: {
      grant_type: "client_credentials",
      client_id: DEMO_APP.clientId,
      client_secret: DEMO_APP.secret,
      scope: `${GRAPH_RESOURCE}/.default`,
    },
  });
  const { access_token: token } = (await tokenResponse.json()) as { access_token: string };
  const record = await (
    await page.request.get(
      `${AUTH_EMULATOR_URL}/v1.0/communications/callRecords/${callId}?$expand=sessions($expand=segments)`,
      { headers: { Authorization: `Bearer ${token}` } },
    )
  ).json();
  return valuesIn(record);
}

test("an investigator signs in, opens a call and signs out", async ({ page }) => {
  await signInAs(page, "Ada Investigator");
  await expect(page.getByTestId("account")).toContainText("Ada Investigator");
  await expect(page.getByTestId("account")).toContainText(DEMO_TENANT_ID);
  const wifi = demoCall("poor-wifi");
  await page.getByLabel(/^Call ID/).fill(wifi.id);
  await page.getByRole("button", { name: "Open", exact: true }).click();
  await expect(page.getByRole("region", { name: "Verdict" })).toContainText("Poor");
  await expect(page.getByTestId("masked-notice")).toHaveCount(0);
  const values = await personalValues(page, wifi.id);
  const text = await page.content();
  expect(values.some((value) => text.includes(value))).toBe(true);
  await screenshot(page, "signed-in-investigator");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("button", { name: "Sign in with Microsoft" })).toBeVisible();
});

test("a reader sees call quality with every personal value masked, in the page and the API", async ({
  browser,
}) => {
  const { context, page } = await signedIn(browser, "reader");
  const apiBodies: string[] = [];
  page.on("response", async (response) => {
    if (response.url().includes("/api/")) apiBodies.push(await response.text().catch(() => ""));
  });
  await expect(page.getByTestId("account")).toContainText("personal data masked");
  // The inbox is there for Readers; the watch list (names) is not.
  await expect(page.getByTestId("inbox").getByTestId("feed-status")).toBeVisible();
  await expect(page.getByTestId("watch-list")).toHaveCount(0);
  const meeting = demoCall("team-meeting");
  await page.goto(`/calls/${meeting.id}`);
  await expect(page.getByTestId("load-status")).toContainText("All 12 sessions loaded");
  // The page says what was hidden and why, from the one list of personal data.
  await expect(page.getByTestId("masked-notice")).toContainText("Personal data is hidden for your role");
  await expect(page.getByTestId("masked-notice")).toContainText("feedback text (free text can name people)");
  await page.getByTestId("sessions-table").getByRole("button").first().click();
  await expect(page.getByTestId("session-detail")).toBeVisible();
  const values = await personalValues(page, meeting.id);
  expect(values.length).toBeGreaterThan(20);
  const seen = [await page.content(), ...apiBodies].join("\n");
  expect(apiBodies.length).toBeGreaterThan(1);
  for (const value of values) expect(seen, `leaked ${value}`).not.toContain(value);
  await expect(page.getByTestId("participants")).toContainText("Participant ");
  await screenshot(page, "signed-in-reader");
  await context.close();
});

test("the ID token a sign-in leaves in the browser is refused by the API; the access token is accepted", async ({
  page,
  request,
}) => {
  let accessToken = "";
  page.on("request", (sent) => {
    const header = sent.headers().authorization;
    if (header && sent.url().includes("/api/me")) accessToken = header;
  });
  await signInAs(page, "Ada Investigator");
  await expect(page.getByTestId("account")).toContainText("Ada Investigator");
  // MSAL keeps the ID token in sessionStorage; it carries the app's audience and Ada's roles, but no scope.
  const idToken = await page.evaluate(() => {
    for (let i = 0; i < sessionStorage.length; i++) {
      const value = sessionStorage.getItem(sessionStorage.key(i) ?? "") ?? "";
      if (value.includes('"credentialType":"IdToken"'))
        return (JSON.parse(value) as { secret: string }).secret;
    }
    return "";
  });
  expect(idToken.split(".")).toHaveLength(3);
  const refused = await request.get("/api/me", { headers: { Authorization: `Bearer ${idToken}` } });
  expect(refused.status()).toBe(401);
  expect((await refused.json()).error.message).toContain("not an access token");
  expect(accessToken).toMatch(/^Bearer /);
  expect((await request.get("/api/me", { headers: { Authorization: accessToken } })).status()).toBe(200);
});

test("a user without a role is told which role to ask for", async ({ page }) => {
  await signInAs(page, "Nia No-Role");
  const notice = page.getByRole("main").getByRole("alert");
  await expect(notice).toContainText("You need a callscope role");
  await expect(notice).toContainText("CallQuality.Reader");
  await expect(page.getByLabel(/^Call ID/)).toHaveCount(0);
});

test("the API refuses requests without a valid token, and pages carry security headers", async ({
  page,
  request,
}) => {
  const wifi = demoCall("poor-wifi");
  const none = await request.get(`/api/calls/${wifi.id}`);
  expect(none.status()).toBe(401);
  expect(none.headers()["www-authenticate"]).toContain('error="invalid_token"');
  expect((await none.json()).error.code).toBe("invalid_token");
  const forged = await request.get(`/api/calls/${wifi.id}`, {
    headers: { Authorization: "Bearer eyJhbGciOiJub25lIn0.eyJ0aWQiOiJ4In0." },
  });
  expect(forged.status()).toBe(401);
  // Nothing a request carries can turn demo mode on.
  const sneaky = await request.get(`/api/calls/${wifi.id}?demo=true`, {
    headers: { "x-callscope-demo": "true", Cookie: "callscope_demo=1; demo=true" },
  });
  expect(sneaky.status()).toBe(401);
  const response = await page.goto("/");
  const headers = response?.headers() ?? {};
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["content-security-policy"]).toContain(AUTH_EMULATOR_URL);
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
});

test("a redacted report keeps no personal value, and only its creator or an investigator may delete it", async ({
  browser,
}) => {
  const { context, page } = await signedIn(browser, "investigator");
  const meeting = demoCall("team-meeting");
  await page.goto(`/calls/${meeting.id}`);
  await expect(page.getByTestId("load-status")).toContainText("All 12 sessions loaded");
  await page.getByRole("button", { name: "Create report" }).click();
  const title = `Shared with the carrier ${Date.now()}`;
  await page.getByLabel("Title").fill(title);
  await page.getByLabel(/Redact personal data/).check();
  await page.getByRole("dialog").getByRole("button", { name: "Create report" }).click();
  // An absolute link (to paste anywhere) that carries the page's view.
  const reportUrl = new URL((await page.getByTestId("report-link").getAttribute("href")) ?? "");
  expect(reportUrl.pathname).toMatch(/^\/reports\/[A-Za-z0-9_-]{22}$/);
  const reportPath = reportUrl.pathname;

  const apiBodies: string[] = [];
  page.on("response", async (response) => {
    if (response.url().includes("/api/reports/")) apiBodies.push(await response.text().catch(() => ""));
  });
  await page.goto(reportPath);
  await expect(page.getByTestId("report-banner")).toContainText("personal data redacted");
  // The typed title was not confirmed free of names: the redacted report does not carry it.
  await expect(page.getByTestId("report-banner")).toContainText("Redacted report of call");
  await expect(page.getByTestId("report-banner")).not.toContainText(title);
  await expect(page.getByTestId("load-status")).toContainText("All 12 sessions loaded");
  await page.getByTestId("sessions-table").getByRole("button").first().click();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Export JSON", exact: true }).click(),
  ]);
  const exported = await (
    await download.createReadStream()
  )
    .toArray()
    .then((chunks) => Buffer.concat(chunks).toString());
  const values = await personalValues(page, meeting.id);
  const seen = [await page.content(), exported, ...apiBodies].join("\n");
  expect(exported).toContain("Participant A");
  for (const value of values) expect(seen, `leaked ${value}`).not.toContain(value);

  // A reader does not see Ada's report in their list, and may not delete it.
  const { context: readerContext, page: reader } = await signedIn(browser, "reader");
  let readerToken = "";
  reader.on("request", (request) => {
    const header = request.headers().authorization;
    if (header) readerToken = header;
  });
  await reader.goto("/reports");
  await expect(reader.getByRole("heading", { name: "Saved reports" })).toBeVisible();
  await expect(reader.getByRole("main")).not.toContainText(title);
  expect(readerToken).toMatch(/^Bearer /);
  const refused = await reader.request.delete(`/api/reports/${reportPath.split("/").pop()}`, {
    headers: { Authorization: readerToken },
  });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.message).toContain("Ada Investigator");
  const unknown = await reader.request.get("/api/reports/AAAAAAAAAAAAAAAAAAAAAA", {
    headers: { Authorization: readerToken },
  });
  expect(unknown.status()).toBe(404);
  const anonymous = await reader.request.get(`/api/reports/${reportPath.split("/").pop()}`);
  expect(anonymous.status()).toBe(401);
  await readerContext.close();
  await context.close();
});
