// Compiles the production server (server/main.ts and what it imports from lib/;
// packages stay imports) into dist/server/main.mjs, which `npm start` and
// `npm run gateway` run as plain JavaScript (server/start.mjs). Under tsx the
// server kept its loader for life: a module-hooks thread and the transformed
// sources (about 70 MB of RSS), and a name wrapper on every closure it creates.
// `npm run dev` still runs the TypeScript through tsx.
//
//   node scripts/build-server.mjs [entry.ts outfile.mjs]
// compiles another entry the same way (the bench's gateway and bare proxy), from
// the working directory's tsconfig.json.
import { build } from "esbuild";

const [entry = "server/main.ts", outfile = "dist/server/main.mjs"] = process.argv.slice(2);

await build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  packages: "external",
  platform: "node",
  format: "esm",
  target: "node20",
  tsconfig: "tsconfig.json",
  logLevel: "warning",
});
