import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { parquetReadObjects } from "hyparquet";

// The demo's synthetic 90-day past (lib/history/demo-history.ts) with its planted stories.
test("the quality overview finds the demo's planted stories beyond Graph's 30 days", async ({
  page,
  request,
}) => {
  test.setTimeout(60_000);
  const day = (ago: number) => new Date(Date.now() - ago * 86_400_000).toISOString().slice(0, 10);
  // The Oslo office degraded 60 to 39 days ago: older than anything Graph still has.
  await page.goto(`/quality?from=${day(62)}&to=${day(37)}`);
  await expect(page.getByRole("heading", { name: "Quality over time" })).toBeVisible();
  await expect(page.getByTestId("demo-history-notice")).toBeVisible();
  const where = page.getByTestId("where-table");
  await expect(where.getByRole("row", { name: /^Site Oslo office/ })).toBeVisible();
  // Each share says how sure it is: its 95 % interval, around the share.
  await expect(
    where.getByRole("row", { name: /^Site Oslo office/ }).getByTestId("where-interval"),
  ).toHaveText(/^\(\d+\.\d–\d+\.\d %\)$/);
  await expect(page.getByTestId("history-counts")).toContainText(/\d+ calls/);

  // The client version regressed in the last 25 days; the window is in the URL.
  await page.getByLabel("From").fill(day(20));
  await page.getByLabel("To").fill(day(1));
  await expect(page).toHaveURL(new RegExp(`from=${day(20)}`));
  await expect(where.getByRole("row", { name: /^Client version teams 1\.7\.00\.33761/ })).toBeVisible();
  // (That the office is gone from the ranking after its fix is checked on the synthetic past alone in
  // lib/history/overview.test.ts: here the suite's own calls, opened under the demo's building file, add to it.)
  await expect(page.getByTestId("media-status").first()).toContainText(/Audio/);

  // The window's streams leave as CSV (a download, with the user's token) and as Parquet, read back here.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Export CSV" }).click(),
  ]);
  const csv = readFileSync((await download.path()) ?? "", "utf8");
  expect(csv.slice(0, 80)).toMatch(
    /^\uFEFFstart_time,end_time,call_id,call_version,direction_words,session_id/,
  );
  expect(csv.split("\r\n").length).toBeGreaterThan(1000);
  const parquet = await request.get(`/api/quality/streams.parquet?from=${day(20)}&to=${day(1)}`);
  expect(parquet.headers()["content-type"]).toBe("application/vnd.apache.parquet");
  const body = await parquet.body();
  const rows = (await parquetReadObjects({
    file: body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer,
  })) as { sender_client: string | null; quality: number }[];
  expect(rows.length).toBe(csv.trim().split("\r\n").length - 1);
  expect(rows.some((row) => row.sender_client === "teams 1.7.00.33761" && row.quality === 1)).toBe(true);

  // Bad input is a 400 that names the parameter; a window older than the history keeps too.
  const bad = await request.get("/api/quality/overview?from=last-week");
  expect(bad.status()).toBe(400);
  expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(
    /^from must be a date/,
  );
  const tooOld = await request.get(`/api/quality/overview?from=${day(2000)}`);
  expect(tooOld.status()).toBe(400);
  const tooLong = await request.get(`/api/quality/streams.csv?from=${day(200)}&to=${day(1)}`);
  expect(tooLong.status()).toBe(400);
  expect(((await tooLong.json()) as { error: { message: string } }).error.message).toMatch(/at most 93 days/);
});

test("a site's page compares two periods, and a person's page reaches past Graph's 30 days", async ({
  page,
}) => {
  const day = (ago: number) => new Date(Date.now() - ago * 86_400_000).toISOString().slice(0, 10);
  await page.goto(`/quality?from=${day(62)}&to=${day(37)}`);
  await page.getByTestId("where-table").getByRole("link", { name: "Oslo office" }).click();
  await expect(page.getByRole("heading", { name: "Site: Oslo office" })).toBeVisible();
  await expect(page.getByTestId("dimension-interval")).toHaveText(/95 % interval \d+\.\d–\d+\.\d %/);
  await expect(page.getByTestId("dimension-calls").getByText("past Graph's 30 days").first()).toBeVisible();
  // Before and after: the three bad weeks against the weeks after the fix.
  await page.getByLabel("Before: from").fill(day(58));
  await page.getByLabel("Before: to").fill(day(42));
  await page.getByLabel("After: from").fill(day(35));
  await page.getByLabel("After: to").fill(day(5));
  await page.getByRole("button", { name: "Compare" }).click();
  await expect(page).toHaveURL(/afterTo=/);
  await expect(page.getByTestId("periods-result")).toContainText("significantly better");

  // Priya's whole history: her calls older than 30 days are there as stored summaries, and what her poor
  // streams share is her home Wi-Fi.
  await page.goto(`/people/6a0c2e4f-1b3d-4e5f-8a7b-9c0d1e2f3a01?from=${day(89)}&to=${day(1)}`);
  await expect(page.getByRole("heading", { name: "Priya Raman" })).toBeVisible();
  await expect(page.locator('[data-testid="person-call"][data-in-graph="no"]').first()).toBeVisible();
  await expect(page.getByTestId("person-shared")).toContainText("Wi-Fi 2.4 GHz");
});

test("a corrected building file renames the history's past sites, weeks back, and the sites page says when it is done", async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  const day = (ago: number) => new Date(Date.now() - ago * 86_400_000).toISOString().slice(0, 10);
  const demoFile = readFileSync(join(__dirname, "..", "emulator", "data", "demo-sites.tsv"), "utf8");
  const upload = async (text: string) => {
    const response = await request.put("/api/sites", {
      data: text,
      headers: { "content-type": "text/tab-separated-values" },
    });
    expect(response.status()).toBe(200);
    const { uploadedAt } = (await response.json()) as { uploadedAt: number };
    // Applied in the background, newest day first: the list says how far.
    await expect
      .poll(
        async () => {
          const list = (await (await request.get("/api/sites")).json()) as {
            history: { uploadedAt: number; finishedAt: number | null } | null;
          };
          return list.history?.uploadedAt === uploadedAt && list.history.finishedAt !== null;
        },
        { timeout: 60_000 },
      )
      .toBe(true);
  };
  // The history is written on the first visit to its pages.
  await page.goto(`/quality?from=${day(62)}&to=${day(37)}`);
  const where = page.getByTestId("where-table");
  await expect(where.getByRole("row", { name: /^Site Oslo office/ })).toBeVisible();

  // The Oslo Wi-Fi subnet was the fjord building all along: a more specific line says so.
  await upload(
    `${demoFile.trimEnd()}\n10.70.1.0\tOslo fjord Wi-Fi\t24\tOslo fjord building\tContoso\tOffice\tBranch\tOslo\t0150\tNorway\t\tEMEA\t1\t0\t0\n`,
  );
  await page.goto(`/quality?from=${day(62)}&to=${day(37)}`);
  await expect(where.getByRole("row", { name: /^Site Oslo fjord building/ })).toBeVisible();
  await expect(where.getByRole("row", { name: /^Site Oslo office/ })).toHaveCount(0);
  await page.goto("/sites");
  await expect(page.getByTestId("sites-history")).toHaveText(
    "The history's past calls name the sites of this file.",
  );

  // The demo's own file again: the story is back where it was.
  await upload(demoFile);
  await page.goto(`/quality?from=${day(62)}&to=${day(37)}`);
  await expect(where.getByRole("row", { name: /^Site Oslo office/ })).toBeVisible();
});
