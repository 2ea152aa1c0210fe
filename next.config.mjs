/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  typedRoutes: false,
  serverExternalPackages: ["better-sqlite3", "pg"],
  experimental: {
    // proxy.ts runs for /api too, and Next buffers bodies for it: the largest API body is a building
    // file (4 MB, lib/api/body.ts), so a flood is cut there instead of at Next's default 10 MB.
    proxyClientMaxBodySize: "4mb",
  },
};

export default nextConfig;
