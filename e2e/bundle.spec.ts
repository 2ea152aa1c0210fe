import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { APPS } from "../emulator/entra/registry";

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
