import { readFileSync } from "node:fs";
import path from "node:path";

/**
 * What an npm script of the production server hands node (package.json's "start" or
 * "gateway" without its leading `node`), so the browser tests, the demos and the
 * bench start the console or the gateway exactly as production does. Relative to the
 * project root, which is their working directory.
 */
export function npmScriptArgs(name: "start" | "gateway", root: string = process.cwd()): string[] {
  const { scripts } = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: Record<string, string> };
  const [command, ...args] = scripts[name].split(/\s+/);
  if (command !== "node" || args.length === 0) throw new Error(`npm run ${name} is expected to be "node <entry> …", not "${scripts[name]}"`);
  return args;
}
