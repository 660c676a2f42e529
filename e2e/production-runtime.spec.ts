import { readFileSync, readdirSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { startConsole, waitUntilServing } from "./support/console-process";
import { APP_PORT } from "./support/ports";

// What `npm start` keeps in memory for its whole life (Linux: read from /proc).
test.describe("the production server", () => {
  test.skip(process.platform !== "linux", "reads /proc");

  test("serves with the configuration the build wrote: Next's SWC compiler is never loaded, and the security headers are there", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "apc-e2e-runtime-"));
    const server = startConsole(APP_PORT + 5, { PGLITE_DATA_DIR: dir });
    try {
      await waitUntilServing(server);
      const login = await fetch(`${server.url}/login`);
      expect(login.headers.get("x-frame-options")).toBe("DENY");
      expect(login.headers.get("strict-transport-security")).toContain("max-age=");
      const maps = readFileSync(`/proc/${server.pid}/maps`, "utf8");
      expect(maps).not.toContain("next-swc");
      const threads = readdirSync(`/proc/${server.pid}/task`).map((task) => readFileSync(`/proc/${server.pid}/task/${task}/comm`, "utf8").trim());
      expect(threads).not.toContain("tokio-rt-worker");
    } finally {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
