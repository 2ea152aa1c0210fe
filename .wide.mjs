import { chromium } from "@playwright/test";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium" });
for (const path of (process.env.PAGES ?? "/alerts").split(",")) {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await ctx.newPage();
  await page.goto("http://localhost:3300" + path, { waitUntil: "networkidle" });
  await page.waitForTimeout(1500);
  if (process.env.OPEN) {
    await page.getByTestId("sessions-table").getByRole("button").nth(Number(process.env.OPEN)).click();
    await page.waitForTimeout(1000);
    for (const s of await page.locator("[data-testid=media-panel] > summary").all()) await s.click();
    await page.waitForTimeout(500);
  }
  const wide = await page.evaluate(() => {
    const out = [];
    for (const el of document.querySelectorAll("body *")) {
      const r = el.getBoundingClientRect();
      if (r.right > window.innerWidth + 1) {
        // only the outermost offenders whose parent fits
        const p = el.parentElement?.getBoundingClientRect();
        if (!p || p.right <= window.innerWidth + 1 || getComputedStyle(el).position === 'absolute') out.push(`${el.tagName}.${(el.className || "").toString().slice(0, 80)} right=${Math.round(r.right)} text=${(el.textContent || "").slice(0, 40)}`);
      }
    }
    return out.slice(0, 10);
  });
  console.log(path, wide);
  await ctx.close();
}
await browser.close();
