// What the tests run besides Node: Debian's Chromium (Playwright cannot download a browser here) and
// redis-server (the shared-cache tests and the two-instance test start their own). Installed from
// Debian when missing and running as root; otherwise the command to run is printed.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const onPath = (name) => {
  try {
    execFileSync("sh", ["-c", `command -v ${name}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
};

const missing = [];
if (!existsSync(chromium)) missing.push("chromium");
if (!onPath("redis-server")) missing.push("redis-server");

if (missing.length > 0) {
  const root = typeof process.getuid === "function" && process.getuid() === 0;
  if (!root) {
    console.error(
      `The tests need ${missing.join(" and ")}. Install with:\n  sudo apt-get update && sudo apt-get install -y ${missing.join(" ")}\n(or set CHROMIUM_PATH to a Chromium or Chrome binary).`,
    );
    process.exit(1);
  }
  console.log(`[test] installing ${missing.join(" and ")} from Debian (a few minutes, once)…`);
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
  execFileSync("apt-get", ["install", "-y", "-qq", ...missing], {
    stdio: "inherit",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
}
