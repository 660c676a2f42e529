import type { ChildProcess } from "node:child_process";

// A test that times out never reaches its finally; its worker's exit still stops
// what it started, so a retry finds the port free.
const running = new Set<ChildProcess>();
process.on("exit", () => {
  for (const child of running) child.kill("SIGTERM");
});

/** Stops `child` (SIGTERM) when this process exits, unless it has exited first. */
export function stopOnExit(child: ChildProcess): void {
  running.add(child);
  child.once("exit", () => running.delete(child));
}
