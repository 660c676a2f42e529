import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { expect, it } from "vitest";

const run = promisify(execFile);

/** Running, and not a zombie: an orphan killed here may wait a while for whoever adopted it to reap it. */
const alive = (pid: number) => {
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, "utf8"));
  } catch {
    return false;
  }
};

// A process that starts a long child, registers it, and exits without stopping it (as a timed-out test's worker does).
const script = (register: boolean) => `
  import { spawn } from "node:child_process";
  import { stopOnExit } from "./tests/support/stop-on-exit.ts";
  const child = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"], { stdio: "ignore" });
  ${register ? "stopOnExit(child);" : ""}
  console.log(child.pid);
  process.exit(0);
`;

async function childLeftBy(register: boolean): Promise<number> {
  const { stdout } = await run(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script(register)], { cwd: process.cwd() });
  return Number(stdout.trim());
}

it.skipIf(process.platform !== "linux")("stops a registered child when the process that started it exits", async () => {
  const stopped = await childLeftBy(true);
  await expect.poll(() => alive(stopped)).toBe(false);
  // And without it the child outlives its parent: what the helper is for.
  const orphan = await childLeftBy(false);
  try {
    expect(alive(orphan)).toBe(true);
  } finally {
    process.kill(orphan, "SIGKILL");
  }
});
