import { readFileSync, readdirSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { KEEP_ALIVE_SECONDS } from "../server/keep-alive";
import { npmScriptArgs } from "../tests/support/npm-scripts";
import { startConsole, waitUntilServing } from "./support/console-process";
import { APP_PORT } from "./support/ports";

// What `npm start` keeps in memory for its whole life (Linux: read from /proc).
test.describe("the production server", () => {
  test.skip(process.platform !== "linux", "reads /proc");

  test("runs the server the build compiled, with the configuration the build wrote: no TypeScript loader, Next's SWC compiler never loaded, the security headers there", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "apc-e2e-runtime-"));
    const server = startConsole(APP_PORT + 5, { PGLITE_DATA_DIR: dir });
    try {
      await waitUntilServing(server);
      // What npm start runs: the server npm run build compiled, with no TypeScript loader (tsx) in the process.
      const cmdline = readFileSync(`/proc/${server.pid}/cmdline`, "utf8").split("\0").filter(Boolean);
      expect(cmdline.slice(1)).toEqual(npmScriptArgs("start"));
      expect(cmdline.join(" ")).not.toContain("tsx");
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

  // A pooled client connection must not be closed under it by Node's 5 s default.
  test("the console and the gateway alone keep an idle connection open longer than a load balancer does", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "apc-e2e-keep-alive-"));
    expect(KEEP_ALIVE_SECONDS).toBeGreaterThan(60);
    try {
      const served = { start: ["/login", "/gateway/api/v1/watchlists"], gateway: ["/gateway/api/v1/watchlists"] };
      for (const command of ["start", "gateway"] as const) {
        const server = startConsole(APP_PORT + 5, { PGLITE_DATA_DIR: dir }, command);
        try {
          await waitUntilServing(server);
          expect(readFileSync(`/proc/${server.pid}/cmdline`, "utf8"), `npm run ${command} runs compiled`).not.toContain("tsx");
          for (const where of served[command]) {
            const answer = await fetch(`${server.url}${where}`);
            await answer.arrayBuffer();
            expect(answer.headers.get("keep-alive"), `${command} ${where}`).toBe(`timeout=${KEEP_ALIVE_SECONDS}`);
          }
        } finally {
          await server.stop();
        }
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
