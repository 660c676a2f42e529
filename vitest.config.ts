import { defineConfig } from "vitest/config";
import path from "node:path";

/**
 * Files that assert an upper bound on elapsed time ("within 1 s", "< 380 ms", a paced
 * job within 20 % of its ETA): they run after the rest, one at a time, so another test
 * file's CPU (or `npm test`'s type check and build beside the unit tests) never eats
 * their margin.
 */
const TIMED = [
  "lib/jobs/pacing.test.ts",
  "lib/jobs/fairness.test.ts",
  "lib/gateway/console-gateway.test.ts",
  "lib/bff/read-models/first-token-window.test.ts",
  "sandbox/faults.test.ts",
  "lib/mcp/mcp.test.ts",
];
const EXCLUDE = ["node_modules/**", "e2e/**", ".next/**", "dist/**"];

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // Next resolves "server-only" under the react-server condition; Vitest is plain Node.
      "server-only": path.resolve(import.meta.dirname, "tests/support/empty-module.ts"),
    },
  },
  test: {
    environment: "node",
    // A hang detector, not a speed check: files share two cores with the type check and the build.
    testTimeout: 60_000,
    // One migrated PGlite directory and one migrated PostgreSQL database for the run,
    // which suites copy (lib/db/test-ledgers.ts) instead of initialising their own.
    globalSetup: ["tests/support/ledger-templates.ts"],
    // Threads, not forks: a worker thread starts and loads a test file's modules for
    // less CPU than a child process (36 of the files: 64 s of CPU against 76 s). Each
    // file still gets a fresh worker (isolate), with its own process.env copy.
    pool: "threads",
    // Vitest's default is one worker per core less one: a single worker on CI's 2 cores.
    // Many files wait on something else (PostgreSQL, a sandbox, a paced job, a
    // timeout), so three workers keep both cores busy.
    maxWorkers: 3,
    projects: [
      { extends: true, test: { name: "unit", include: ["**/*.test.ts"], exclude: [...EXCLUDE, ...TIMED] } },
      // maxWorkers 1: Vitest runs this project on its own, after the other.
      { extends: true, test: { name: "timed", include: TIMED, exclude: EXCLUDE, maxWorkers: 1 } },
    ],
  },
});
