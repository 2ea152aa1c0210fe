import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { APPS } from "../emulator/entra/registry";
import { COMPILE_HINT } from "../scripts/startup-compile-hints.mjs";

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

test("the built client assets hold no secret, token or Graph URL", () => {
  const assets = files(join(__dirname, "..", ".next", "static")).filter((path) =>
    /\.(js|css|html|json|txt)$/.test(path),
  );
  expect(assets.length).toBeGreaterThan(5);
  const text = assets.map((path) => readFileSync(path, "utf8")).join("\n");
  for (const app of APPS) expect(text).not.toContain(app.secret);
  if (process.env.AZURE_CLIENT_SECRET) expect(text).not.toContain(process.env.AZURE_CLIENT_SECRET);
  expect(text).not.toMatch(/client_secret=|AZURE_CLIENT_SECRET|CALLSCOPE_CURSOR_SECRET/);
  // A JWT is three base64url parts starting with {"alg"… ("eyJhbGciOi").
  expect(text).not.toMatch(/eyJhbGciOi[\w-]{10,}\.[\w-]{20,}\.[\w-]{20,}/);
  expect(text).not.toMatch(/graph\.microsoft\.(com|us)\/v1\.0|communications\/callRecords\//);
});

test("the framework's start scripts, and only they, are served marked for compiling while they download", async ({
  request,
}) => {
  const manifest = JSON.parse(
    readFileSync(join(__dirname, "..", ".next", "build-manifest.json"), "utf8"),
  ) as {
    rootMainFiles: string[];
  };
  const page = await request.get("/calls/e7f9a1b3-c5d7-4e9f-8a1b-3c5d7e9f1a06");
  expect(page.ok()).toBe(true);
  const scripts = [
    ...new Set(
      [...(await page.text()).matchAll(/src="\/_next\/(static\/chunks\/[^"?]+\.js)"/g)].map((m) => m[1]),
    ),
  ];
  expect(scripts.length).toBeGreaterThan(manifest.rootMainFiles.length);
  const hinted: string[] = [];
  for (const script of scripts) {
    const body = await (await request.get(`/_next/${script}`)).text();
    if (body.startsWith(COMPILE_HINT)) hinted.push(script ?? "");
    expect(body.indexOf(COMPILE_HINT, 1)).toBe(-1);
  }
  expect(hinted.sort()).toEqual([...manifest.rootMainFiles].sort());
});
