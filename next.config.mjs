import { securityHeaders } from "./scripts/security-headers.mjs";

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // PGlite ships WASM and pg is a native-ish driver: keep both out of the server bundle.
  serverExternalPackages: ["@electric-sql/pglite", "pg"],
  // `npm test` has just run `npm run typecheck` (route types and tsc over the whole tree, a
  // superset of the build's own check); its build need not check the same code again.
  typescript: { ignoreBuildErrors: process.env.NEXT_BUILD_SKIP_TYPECHECK === "1" },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: securityHeaders(),
      },
    ];
  },
};

export default nextConfig;
