import { defineConfig } from "@playwright/test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { npmScriptArgs } from "../../tests/support/npm-scripts";
import { DEMO_OUTPUT_DIR, DEMO_PORT, DEMO_SANDBOX_PORT, DEMO_URL } from "./demo-env";

const root = path.resolve(import.meta.dirname, "..", "..");
const slow = process.env.DEMO_SLOW === "1";

/**
 * The demo: the production build and the built-in sandbox (only), started here
 * with a fresh embedded ledger, so every run begins from the same state.
 */
export default defineConfig({
  testDir: ".",
  testMatch: "*.story.ts",
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 180_000,
  expect: { timeout: 15_000 },
  outputDir: path.join(DEMO_OUTPUT_DIR, ".playwright"),
  reporter: [
    ["list"],
    ["./demo-reporter.ts", { outputDir: DEMO_OUTPUT_DIR, readmeDir: process.env.DEMO_README === "1" ? path.join(root, "docs", "demo") : undefined }],
  ],
  use: {
    baseURL: DEMO_URL,
    viewport: { width: 1280, height: 800 },
    video: { mode: "on", size: { width: 1280, height: 800 } },
    colorScheme: "light",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      slowMo: slow ? 350 : 0,
      args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  webServer: {
    command: ["node", ...npmScriptArgs("start", root)].join(" "),
    cwd: root,
    url: `${DEMO_URL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      PORT: String(DEMO_PORT),
      SANDBOX_PORT: String(DEMO_SANDBOX_PORT),
      SANDBOX_RATE_LIMIT: "0",
      ETORO_API_BASE_URL: "",
      DATABASE_URL: "",
      NODE_ENV: "production",
      PGLITE_DATA_DIR: mkdtempSync(path.join(tmpdir(), "apc-demo-ledger-")),
    },
  },
});
