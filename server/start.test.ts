import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, it } from "vitest";

const run = promisify(execFile);
const START = path.join(import.meta.dirname, "start.mjs");

it("npm start without a build says to build first and exits 1", async () => {
  // A project directory with no dist/: what a fresh clone is before `npm run build`.
  const dir = await mkdtemp(path.join(os.tmpdir(), "apc-no-build-"));
  try {
    const failed = await run(process.execPath, [START, "start"], { cwd: dir }).then(
      () => null,
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr.trim()).toBe("No production build found. Run `npm run build` first.");
    expect(failed?.stdout).toBe("");
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
