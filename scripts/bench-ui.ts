// Browser phase of `npm run bench`: loads a 5,000-session call in Chromium and records long tasks.
// BENCH_BURN=1 runs it beside a CPU burner: one process per core spinning for the whole run, so Chromium shares
// the CPU as it does on a busy laptop.
// BENCH_SLOWDOWN=N has Chromium slow the page's main thread N times (DevTools' CPU throttling): the same load on a
// machine N times slower, which tells how much room the figures of this machine leave.
// BENCH_TRACE=1 also records a trace of the page's main thread (the `toplevel` category only) and gives each task
// over 50 ms its CPU time beside its wall time: a task is long either because the page worked that long or because
// the thread waited for a core, and only the trace tells which. Tracing costs the page a little, so the counted runs
// are not traced (scripts/bench.ts runs a traced one apart).
import { spawn, type ChildProcess } from "node:child_process";
import { cpus } from "node:os";
import { chromium } from "@playwright/test";
import { CHROMIUM_ARGS } from "../playwright.config";
import { longTasksOnTheCpu } from "./trace-tasks";

const APP = process.env.BENCH_APP ?? "http://localhost:3200";
const CALL = "e7f9a1b3-c5d7-4e9f-8a1b-3c5d7e9f1a06";

const BURN = process.env.BENCH_BURN === "1";
const TRACE = process.env.BENCH_TRACE === "1";
const SLOWDOWN = Number(process.env.BENCH_SLOWDOWN ?? 1);
const BURNER = "for(;;){let x=0;for(let i=0;i<1e7;i++)x+=i;}";

/**
 * Playwright turns on DevTools' Runtime domain in every page, and while it is on V8 records a detailed stack trace,
 * with line and column, for each `Error` created. React DOM creates five as its module runs (made once, thrown
 * later), so V8 parses the one function the bundler wraps React DOM's module in again, on the page's thread, for
 * its source positions: 24–32 ms of the 43–49 ms of CPU the app's start took in traces, which a person's browser
 * (DevTools closed) never does. With this flag V8 builds source positions as it compiles instead, a little more
 * work in every compile, so the page is measured without the automation's reparse, not with less work than a
 * person's.
 * docs/benchmarks.md, "Run of 7 December 2026, morning", has the traces and the runs with and without.
 */
const V8_FLAGS = "--no-enable-lazy-source-positions";

function startBurner(): ChildProcess[] {
  if (!BURN) return [];
  return cpus().map(() => spawn(process.execPath, ["-e", BURNER], { stdio: "ignore" }));
}

async function main() {
  const burners = startBurner();
  try {
    await measure();
  } finally {
    for (const burner of burners) burner.kill("SIGKILL");
  }
}

async function measure() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [...CHROMIUM_ARGS, `--js-flags=${V8_FLAGS}`],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  if (SLOWDOWN > 1) {
    const devtools = await page.context().newCDPSession(page);
    await devtools.send("Emulation.setCPUThrottlingRate", { rate: SLOWDOWN });
  }
  await page.addInitScript((callId: string) => {
    const w = window as unknown as { longTasks: [number, number][]; headingPaintedAt?: number };
    w.longTasks = [];
    new PerformanceObserver((list) =>
      list.getEntries().forEach((e) => w.longTasks.push([e.startTime, Math.round(e.duration)])),
    ).observe({ type: "longtask", buffered: true });
    // When the call's heading is first painted: the frame after the DOM first holds it.
    const watch = new MutationObserver(() => {
      const heading = [...document.querySelectorAll("h1")].some((h) => h.textContent?.includes(callId));
      if (!heading) return;
      watch.disconnect();
      requestAnimationFrame(() => (w.headingPaintedAt = performance.now()));
    });
    document.addEventListener("DOMContentLoaded", () =>
      watch.observe(document.body, { childList: true, subtree: true, characterData: true }),
    );
  }, CALL);
  if (TRACE) await browser.startTracing(page, { categories: ["toplevel"] });
  let firstApiMs = 0;
  const started = Date.now();
  page.on("response", (response) => {
    if (!firstApiMs && response.url().endsWith(`/api/calls/${CALL}`)) firstApiMs = Date.now() - started;
  });
  await page.goto(`${APP}/calls/${CALL}`);
  await page.getByRole("heading", { name: CALL }).waitFor();
  const firstScreenMs = Date.now() - started;
  // Every page in and judged: the findings describe the whole call.
  await page
    .locator('[data-testid="load-status"][data-state="done"]')
    .filter({ hasText: "All 5,000 sessions loaded" })
    .waitFor({ timeout: 180_000 });
  const allMs = Date.now() - started;
  const table = page.getByTestId("sessions-table");
  for (let i = 0; i < 20; i++) await table.evaluate((el, y) => el.scrollTo(0, y), i * 4000);
  const timeline = page.getByTestId("timeline");
  for (let i = 0; i < 20; i++) await timeline.evaluate((el, y) => el.scrollTo(0, y), i * 2000);
  const timed = await page.evaluate(() => (window as unknown as { longTasks: [number, number][] }).longTasks);
  const tasks = timed.map(([, duration]) => duration);
  // The app's own start (the framework's script evaluated and the page hydrated) comes before the page asks for
  // the call: counted apart as well as in the total, so the figure for the call's loading reads on its own.
  const callAskedAt = await page.evaluate(
    (callId: string) =>
      performance.getEntriesByType("resource").find((entry) => entry.name.endsWith(`/api/calls/${callId}`))
        ?.startTime ?? Infinity,
    CALL,
  );
  const beforeCallAsked = timed.filter(([start]) => start < callAskedAt).map(([, duration]) => duration);
  const whileCallLoads = timed.filter(([start]) => start >= callAskedAt).map(([, duration]) => duration);
  // In the page's own clock: from the last byte of the first API response to the heading on screen.
  const afterResponse = await page.evaluate((callId: string) => {
    const api = performance
      .getEntriesByType("resource")
      .find((entry) => entry.name.endsWith(`/api/calls/${callId}`)) as PerformanceResourceTiming | undefined;
    const painted = (window as unknown as { headingPaintedAt?: number }).headingPaintedAt;
    return api && painted !== undefined ? Math.round(painted - api.responseEnd) : null;
  }, CALL);
  const trace = TRACE ? longTasksOnTheCpu(JSON.parse((await browser.stopTracing()).toString("utf8"))) : null;
  await browser.close();
  console.log(
    JSON.stringify({
      sessions: 5000,
      burner: BURN ? `${cpus().length} node processes spinning (one per core)` : "none",
      v8Flags: V8_FLAGS,
      slowdown: SLOWDOWN,
      firstApiResponseMs: firstApiMs,
      firstScreenMs,
      firstScreenOverFirstApiResponse: +(firstScreenMs / Math.max(1, firstApiMs)).toFixed(2),
      firstScreenAfterApiResponseMs: afterResponse,
      allLoadedMs: allMs,
      longTasks: tasks.length,
      longTasksOver100ms: tasks.filter((t) => t > 100).length,
      maxLongTaskMs: Math.max(0, ...tasks),
      // Each long task's length, in order: those of the app's start, then those while the call loaded and scrolled.
      longTasksAppStartMs: beforeCallAsked,
      longTasksCallMs: whileCallLoads,
      // BENCH_TRACE=1: every task of the page's main thread over 50 ms, as [wall, CPU] milliseconds.
      ...(trace && { tracedTasksWallCpuMs: trace }),
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
