import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { keepsSourceMaps } from "./source-maps";

const run = promisify(execFile);
const PROBE = path.join(import.meta.dirname, "..", "tests", "support", "source-maps-probe.ts");

async function enabledUnder(command: string): Promise<boolean> {
  const { stdout } = await run(process.execPath, ["--import", "tsx", PROBE, command], { cwd: path.join(import.meta.dirname, "..") });
  return (JSON.parse(stdout) as { enabled: boolean }).enabled;
}

describe("source maps", () => {
  it("are kept by npm run dev only", () => {
    expect(keepsSourceMaps("start")).toBe(false);
    expect(keepsSourceMaps("gateway")).toBe(false);
    expect(keepsSourceMaps("dev")).toBe(true);
    expect(keepsSourceMaps(undefined)).toBe(true);
  });

  it("stay off under tsx in production, for modules loaded after, and on in development", async () => {
    expect(await enabledUnder("start")).toBe(false);
    expect(await enabledUnder("gateway")).toBe(false);
    // tsx turns them on: the probe would pass for "start" without source-maps.ts doing anything otherwise.
    expect(await enabledUnder("dev")).toBe(true);
  });
});
