// `npm run demo`: builds the app when its sources changed since the last build, then serves it on demo data.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

const root = resolve(__dirname, "..");
const buildId = join(root, ".next", "BUILD_ID");
const SOURCES = [
  "app",
  "components",
  "lib",
  "public",
  "next.config.mjs",
  "package.json",
  "tailwind.config.ts",
  "postcss.config.mjs",
];

function newestChange(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce(
    (newest, name) => Math.max(newest, newestChange(join(path, name))),
    stat.mtimeMs,
  );
}

const built = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
if (built < Math.max(...SOURCES.map((source) => newestChange(join(root, source))))) {
  console.log("[demo] building callscope (about a minute the first time)…");
  execFileSync(resolve(root, "node_modules/.bin/next"), ["build"], { cwd: root, stdio: "inherit" });
}
// The demo tenant keeps having calls, so the inbox on the home page fills while you watch.
process.env.EMULATOR_FEED_DEMO ??= "1";
void import("./serve");
