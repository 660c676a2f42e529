// Compiles the production server (server/main.ts and what it imports from lib/;
// packages stay imports) into dist/server/main.mjs, which `npm start` runs as
// plain JavaScript (server/start.mjs). Under tsx the server kept its loader for
// life: a module-hooks thread and the transformed sources, about 70 MB of RSS.
// `npm run dev` and `npm run gateway` still run the TypeScript through tsx.
import { build } from "esbuild";

await build({
  entryPoints: ["server/main.ts"],
  outfile: "dist/server/main.mjs",
  bundle: true,
  packages: "external",
  platform: "node",
  format: "esm",
  target: "node20",
  tsconfig: "tsconfig.json",
  logLevel: "warning",
});
