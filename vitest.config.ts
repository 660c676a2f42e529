import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";
import path from "node:path";

/**
 * Files that assert an upper bound on elapsed time ("within 1 s", "< 380 ms"): they
 * run after the rest, one at a time, so another test file's CPU never eats their margin.
 */
const TIMED = [
  "lib/jobs/fairness.test.ts",
  "lib/gateway/console-gateway.test.ts",
  "lib/bff/read-models/first-token-window.test.ts",
  "sandbox/faults.test.ts",
  "lib/mcp/mcp.test.ts",
];
const EXCLUDE = ["node_modules/**", "e2e/**", ".next/**"];

/**
 * Files that spend most of their time waiting, not computing (pacing waits out ~3.5
 * windows of the sandbox's quota): started first, their wait overlaps the other
 * workers' files instead of being the run's tail. Vitest otherwise starts the largest
 * files first on a fresh clone (no timings cached yet).
 */
const WAITS_FIRST = ["lib/jobs/pacing.test.ts"];

class WaitsFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const waits = (spec: TestSpecification) => WAITS_FIRST.some((file) => spec.moduleId.endsWith(`/${file}`));
    return [...sorted.filter(waits), ...sorted.filter((spec) => !waits(spec))];
  }
}

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
    testTimeout: 20_000,
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
    sequence: { sequencer: WaitsFirstSequencer },
    projects: [
      { extends: true, test: { name: "unit", include: ["**/*.test.ts"], exclude: [...EXCLUDE, ...TIMED] } },
      // maxWorkers 1: Vitest runs this project on its own, after the other.
      { extends: true, test: { name: "timed", include: TIMED, exclude: EXCLUDE, maxWorkers: 1 } },
    ],
  },
});
