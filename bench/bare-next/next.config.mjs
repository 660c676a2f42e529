import path from "node:path";

// Built inside the console's checkout so it resolves the same node_modules.
const projectRoot = path.resolve(import.meta.dirname, "..", "..");

/** @type {import('next').NextConfig} */
export default {
  poweredByHeader: false,
  reactStrictMode: true,
  turbopack: { root: projectRoot },
  outputFileTracingRoot: projectRoot,
};
