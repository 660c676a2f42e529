import type { NextConfig } from "next";
import { buildKeepsCache, buildSkipsTypecheck, isProductionServer } from "./lib/config";
import { securityHeaders } from "./server/security-headers";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // PGlite ships WASM and pg is a native-ish driver: keep both out of the server bundle.
  serverExternalPackages: ["@electric-sql/pglite", "pg"],
  typescript: { ignoreBuildErrors: buildSkipsTypecheck() },
  experimental: { turbopackFileSystemCacheForBuild: buildKeepsCache() },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: securityHeaders(isProductionServer()),
      },
    ];
  },
};

export default nextConfig;
