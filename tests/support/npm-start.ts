import { readFileSync } from "node:fs";
import path from "node:path";

/**
 * What `npm start` hands node (package.json's "start" script without its leading
 * `node`), so the browser tests, the demos and the bench start the console exactly
 * as production does. Relative to the project root, which is their working directory.
 */
export function npmStartArgs(root: string = process.cwd()): string[] {
  const { scripts } = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: Record<string, string> };
  const [command, ...args] = scripts.start.split(/\s+/);
  if (command !== "node" || args.length === 0) throw new Error(`npm start is expected to be "node <entry> …", not "${scripts.start}"`);
  return args;
}
