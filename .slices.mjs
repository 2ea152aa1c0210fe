import { chromium } from "@playwright/test";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium" });
const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme: process.env.SCHEME ?? "light" });
const page = await ctx.newPage();
await page.goto("http://localhost:3300" + process.env.PAGE, { waitUntil: "networkidle" });
await page.waitForTimeout(2000);
if (process.env.CLICK) { await page.getByRole("button", { name: process.env.CLICK }).first().click(); await page.waitForTimeout(2000); }
const h = await page.evaluate(() => document.documentElement.scrollHeight);
const n = Math.min(Number(process.env.N ?? 8), Math.ceil(h / 844));
for (let i = 0; i < n; i++) {
  await page.screenshot({ path: `/tmp/shots/slice-${i}.png`, clip: { x: 0, y: i * 1400, width: 390, height: 1400 }, fullPage: true });
}
console.log("height", h, "slices", n);
await browser.close();
