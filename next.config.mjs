/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  typedRoutes: false,
  serverExternalPackages: ["better-sqlite3", "pg"],
  experimental: {
    // proxy.ts runs for /api too, and Next buffers bodies for it: no API body needs more than 16 KB
    // (lib/api/body.ts), so a flood is cut at 64 KB instead of Next's default 10 MB.
    proxyClientMaxBodySize: "64kb",
  },
};

export default nextConfig;
