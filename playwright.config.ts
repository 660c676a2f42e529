import { defineConfig, devices } from "@playwright/test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { e2eDatabaseUrl } from "./e2e/support/e2e-database";
import { APP_URL, ETORO_MODE_URL, INSTANCE_B_URL, INSTANCE_C_URL, LANES, lanePorts, POLICY_URL, SHARED_SANDBOX_URL } from "./e2e/support/ports";

const freshLedgerDir = () => mkdtempSync(path.join(tmpdir(), "apc-e2e-ledger-"));
const databaseUrl = e2eDatabaseUrl();

/** The specs that use the consoles which exist once (below) or start their own: one worker, after the lanes. */
const SHARED_SPECS = ["approvals.spec.ts", "instances.spec.ts", "ledger-safety.spec.ts", "policy.spec.ts", "sessions.spec.ts"];

/** A lane's console with its own embedded sandbox and its own fresh ledger. */
function laneServer(lane: number) {
  const { app, sandbox, appUrl } = lanePorts(lane);
  return {
    command: "node --import tsx server/main.ts start",
    url: `${appUrl}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore" as const,
    stderr: "pipe" as const,
    env: {
      PORT: String(app),
      SANDBOX_PORT: String(sandbox),
      // The suite makes far more than 60 calls a minute; the quota has its own tests.
      SANDBOX_RATE_LIMIT: "0",
      ETORO_API_BASE_URL: "",
      NODE_ENV: "production",
      // A fresh embedded ledger per run, away from the developer's .data/.
      PGLITE_DATA_DIR: (lane === 0 && process.env.E2E_PGLITE_DATA_DIR) || freshLedgerDir(),
      DATABASE_URL: "",
    },
  };
}

/**
 * The console pointed at an eToro-compatible API by ETORO_API_BASE_URL, exactly
 * as at eToro: here lane 0's sandbox stands in for it.
 */
function etoroModeServer(url: string, env: Record<string, string>) {
  return {
    command: "node --import tsx server/main.ts start",
    url: `${url}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore" as const,
    stderr: "pipe" as const,
    env: {
      PORT: new URL(url).port,
      ETORO_API_BASE_URL: SHARED_SANDBOX_URL,
      NODE_ENV: "production",
      // Served over plain http on 127.0.0.1 in tests; production keeps Secure cookies.
      COOKIE_SECURE: "0",
      GATEWAY_TOKEN_SECRET: "e2e-gateway-token-secret-".padEnd(40, "g"),
      // As a deployment would: the gateway reaches the stand-in eToro from its own loopback address.
      GATEWAY_EGRESS_IPS: "127.0.0.2",
      ...env,
    },
  };
}

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
  projects: [
    { name: "lanes", testIgnore: SHARED_SPECS, use: { ...devices["Desktop Chrome"], channel: undefined } },
    // After the lanes, so its single worker has lane 0 (and its sandbox) to itself.
    { name: "shared", testMatch: SHARED_SPECS, workers: 1, dependencies: ["lanes"], use: { ...devices["Desktop Chrome"], channel: undefined } },
  ],
  globalTeardown: "./e2e/support/global-teardown.ts",
  webServer: [
    ...Array.from({ length: LANES }, (_, lane) => laneServer(lane)),
    // No ETORO_API_KEY: each person enters the API key at sign-in.
    etoroModeServer(ETORO_MODE_URL, { SESSION_SECRET: "e2e-etoro-mode-".padEnd(40, "x"), ETORO_API_KEY: "", PGLITE_DATA_DIR: freshLedgerDir(), DATABASE_URL: "" }),
    // An admin policy in force: tokens live at most 30 days, real-money trading needs an IP list.
    etoroModeServer(POLICY_URL, {
      SESSION_SECRET: "e2e-admin-policy-".padEnd(40, "p"),
      ETORO_API_KEY: "sandbox-api-key",
      PGLITE_DATA_DIR: freshLedgerDir(),
      DATABASE_URL: "",
      MAX_TOKEN_LIFETIME_DAYS: "30",
      REQUIRE_IP_WHITELIST_FOR_REAL_WRITE: "1",
    }),
    // Two instances of one deployment: same secret, one PostgreSQL ledger.
    ...(databaseUrl
      ? [INSTANCE_B_URL, INSTANCE_C_URL].map((url) =>
          etoroModeServer(url, { SESSION_SECRET: "e2e-shared-instances-".padEnd(40, "y"), ETORO_API_KEY: "sandbox-api-key", DATABASE_URL: databaseUrl }),
        )
      : []),
  ],
});
