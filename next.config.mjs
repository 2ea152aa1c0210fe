import { markStartupScripts } from "./scripts/startup-compile-hints.mjs";

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  typedRoutes: false,
  serverExternalPackages: ["better-sqlite3", "pg", "pg-cursor"],
  compiler: {
    // The framework's start scripts compile while they download, not in the task that starts the page
    // (scripts/startup-compile-hints.mjs says why and what).
    runAfterProductionCompile: async ({ distDir }) => {
      markStartupScripts(distDir);
    },
  },
  experimental: {
    // proxy.ts runs for /api too (not for Graph's webhook, which it skips), and Next buffers bodies for it,
    // cutting them at this size without an error. Above the largest route limit (a 4 MB building file,
    // lib/api/body.ts), a body cut here is still over that route's limit, so the route answers 413 instead of
    // parsing a truncated body; below Next's default 10 MB, so a flood is cut early. Checked by a unit test.
    proxyClientMaxBodySize: "5mb",
  },
};

export default nextConfig;
