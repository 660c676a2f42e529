import { defineConfig, devices } from "@playwright/test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { APP_PORT, APP_URL, SANDBOX_PORT } from "./e2e/support/ports";

/**
 * Browser tests against the production build and the built-in sandbox, both
 * started here on 127.0.0.1 and stopped afterwards. Debian's Chromium only.
 */
export default defineConfig({
  testDir: "e2e",
  // One sandbox and one app are shared: run files one at a time, in order.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  outputDir: "test-results",
  use: {
    baseURL: APP_URL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-default-apps",
        "--no-first-run",
        "--disable-quic",
        "--metrics-recording-only",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: {
    command: "node scripts/launch.mjs start",
    url: `${APP_URL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      PORT: String(APP_PORT),
      SANDBOX_PORT: String(SANDBOX_PORT),
      // The suite makes far more than 60 calls a minute; the quota has its own tests.
      SANDBOX_RATE_LIMIT: "0",
      ETORO_API_BASE_URL: "",
      NODE_ENV: "production",
      // A fresh embedded ledger per run, away from the developer's .data/.
      PGLITE_DATA_DIR: process.env.E2E_PGLITE_DATA_DIR || mkdtempSync(path.join(tmpdir(), "apc-e2e-ledger-")),
      DATABASE_URL: "",
    },
  },
});
