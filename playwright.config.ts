import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { APP_URL, LANES } from "./e2e/support/ports";

/**
 * The longest files, handed out first (Playwright hands out whole files in the order of its
 * projects, then alphabetically): the lanes then end together instead of one of them
 * finishing a long file alone.
 */
const LONG_SPECS = ["accessibility.spec.ts", "accessibility-dialogs.spec.ts", "demo-stories.spec.ts", "playground.spec.ts", "token-form-kit.spec.ts", "token-lifecycle.spec.ts"];

/**
 * The specs that use the consoles which exist once (e2e/support/consoles.ts) or start their own:
 * one file at a time, beside the lanes.
 */
const SHARED_SPECS = ["approvals.spec.ts", "instances.spec.ts", "ledger-safety.spec.ts", "policy.spec.ts", "production-runtime.spec.ts", "sessions.spec.ts"];

/**
 * Debian's headless shell when it is there (scripts/ensure-chromium.mjs installs it):
 * the same Blink as the full browser for about half the CPU per page, headless.
 */
const HEADLESS_SHELL = "/usr/bin/chromium-headless-shell";
const CHROMIUM = process.env.CHROMIUM_PATH || (existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : "/usr/bin/chromium");

/**
 * Browser tests against the production build and the built-in sandbox, both
 * started here on 127.0.0.1 and stopped afterwards. Debian's Chromium only.
 */
export default defineConfig({
  testDir: "e2e",
  // One lane (console + sandbox) per worker; a file's tests run in order on its lane.
  workers: LANES,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  outputDir: "test-results",
  use: {
    // Each worker loads this file again with its parallel index set: its own lane's console.
    baseURL: APP_URL,
    // A trace's screencast keeps the browser encoding frames all test long (a quarter of its CPU on
    // token-form-kit): traces keep the DOM snapshots, network and console, which say what failed.
    // With retries (CI) the first run records nothing and a retried test records its retry.
    trace: process.env.CI ? { mode: "on-first-retry", screenshots: false } : { mode: "retain-on-failure", screenshots: false },
    // The console honours the preference (app/globals.css): dialogs and toasts appear and go at once,
    // so no test waits for an animation to settle, and the browser paints no frames for them.
    reducedMotion: "reduce",
    launchOptions: {
      executablePath: CHROMIUM,
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
  projects: [
    // Its files run one after another on one worker (they share those consoles and their
    // sandbox), on whichever lane is free: that lane's console and sandbox are its own meanwhile,
    // since two workers never hold one parallel index. First, so that chain starts at once
    // instead of trailing after the lanes.
    { name: "shared", testMatch: SHARED_SPECS, workers: 1, use: { ...devices["Desktop Chrome"], channel: undefined } },
    { name: "lanes-long", testMatch: LONG_SPECS, use: { ...devices["Desktop Chrome"], channel: undefined } },
    { name: "lanes", testIgnore: [...SHARED_SPECS, ...LONG_SPECS], use: { ...devices["Desktop Chrome"], channel: undefined } },
  ],
  globalTeardown: "./e2e/support/global-teardown.ts",
  // Every console (each lane's, and those that exist once), started side by side.
  globalSetup: "./e2e/support/consoles.ts",
});
