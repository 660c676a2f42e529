// `npm start` and `npm run gateway`: the server `npm run build` compiled
// (scripts/build-server.mjs), without tsx, so its loader does not stay in the
// process for its whole life.
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const compiled = path.join(process.cwd(), "dist", "server", "main.mjs");
if (!existsSync(compiled)) {
  console.error("No production build found. Run `npm run build` first.");
  process.exit(1);
}
await import(pathToFileURL(compiled).href);
