/**
 * Node's source-map support, off in production. tsx turns it on for the whole
 * process when it registers, and Node then reads and keeps the source map of
 * every module loaded after: each package's .map files and Next's server chunks.
 * That held about 60 MB of the production server's memory (RSS at start on
 * PostgreSQL: 321–340 MB with it, 260–264 without), for stack traces that plain
 * `next start` does not map either. `npm run dev` keeps the support. (`npm start`
 * and `npm run gateway` run the server compiled, without tsx, where the support is
 * off anyway; this covers main.ts run under tsx with those commands.)
 *
 * server/main.ts imports this before it loads anything else (server/runtime.ts).
 */
const PRODUCTION_COMMANDS = new Set(["start", "gateway"]);

/** Whether the runtime command (`start`, `gateway`, `dev`) keeps source maps. */
export function keepsSourceMaps(command: string | undefined): boolean {
  return !PRODUCTION_COMMANDS.has(command ?? "");
}

if (!keepsSourceMaps(process.argv[2])) process.setSourceMapsEnabled(false);
