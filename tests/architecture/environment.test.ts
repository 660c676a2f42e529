/**
 * Every environment variable is read in one of three config modules and is
 * documented in README.md and .env.example. Scans the source tree, so a new
 * `process.env.X` anywhere else, or an undocumented X, fails here.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const SKIP_DIRS = new Set(["node_modules", ".next", ".git", ".data", "test-results", "playwright-report", "public", "docs"]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return SKIP_DIRS.has(name) ? [] : sourceFiles(full);
    return /\.(ts|tsx|mjs|js)$/.test(name) && !name.endsWith(".d.ts") ? [full] : [];
  });
}

/** Code the console shows, never runs: the agent's snippets in the copy-once dialog name the agent's own variables. */
const SHOWN_NOT_RUN = new Set(["components/tokens/dialogs/agent-snippets.ts"]);

const files = sourceFiles(root)
  .map((full) => ({ file: path.relative(root, full), text: readFileSync(full, "utf8") }))
  .filter(({ file }) => !SHOWN_NOT_RUN.has(file));

/** The modules allowed to read the environment: the console's, the runtime's (where it listens), the database's (plain Node) and the sandbox's. */
const CONFIG_MODULES = ["lib/config.ts", "server/config.ts", "lib/db/config.ts", "sandbox/config.ts"];
/** The app itself (what runs in production, its runtime included) as opposed to tests, benchmarks and scripts around it. */
const APP_SOURCE = /^(app|components|lib|sandbox|server)\/|^(proxy|instrumentation|next\.config)\.ts$/;
/** Test support under lib/ (throwaway databases for the test suites), and Next's own runtime marker. */
const NOT_CONFIGURATION: Record<string, string> = {
  "lib/db/throwaway-database.ts": "test support: LEDGER_TEST_DATABASE_URL",
  "lib/db/test-backends.ts": "test support: CI",
  "instrumentation.ts": "NEXT_RUNTIME, set by Next.js itself",
};
/** The example agent's own settings: an agent's, not the console's, so the README documents them and .env.example does not. */
const AGENT_SOURCE = /^examples\//;
/** Set by the platform or by our own launcher (TEST_PARALLEL_INDEX: Playwright, per worker), not by a person configuring the console. */
const PLATFORM_SET = new Set(["NODE_ENV", "NEXT_RUNTIME", "CI", "NEXT_TELEMETRY_DISABLED", "TEST_PARALLEL_INDEX"]);

const READ_PATTERNS = [
  /process\.env\.([A-Z][A-Z0-9_]*)/g,
  /process\.env\[["']([A-Z][A-Z0-9_]*)["']\]/g,
  /\benv\.([A-Z][A-Z0-9_]*)/g,
  /\b(?:intFrom|integerFromEnv)\(env, "([A-Z][A-Z0-9_]*)"/g,
];

function namesRead(text: string): string[] {
  return [...new Set(READ_PATTERNS.flatMap((re) => [...text.matchAll(re)].map((m) => m[1])))];
}

describe("environment variables", () => {
  it("are read only in the config modules (app code)", () => {
    const offenders = files
      .filter(({ file }) => APP_SOURCE.test(file) && !file.endsWith(".test.ts"))
      .filter(({ file }) => !CONFIG_MODULES.includes(file) && !(file in NOT_CONFIGURATION))
      .filter(({ text }) => /process\.env/.test(text))
      .map(({ file }) => file);
    expect(offenders, "read it in lib/config.ts (or server/config.ts, lib/db/config.ts, sandbox/config.ts) and pass the value in").toEqual([]);
  });

  it("the scan sees the variables the config modules read", () => {
    const read = files.filter(({ file }) => CONFIG_MODULES.includes(file)).flatMap(({ text }) => namesRead(text));
    expect(read).toEqual(expect.arrayContaining(["COOKIE_SECURE", "LEDGER_POOL_MAX", "LEDGER_MIGRATIONS_DIR", "SANDBOX_RATE_LIMIT", "ETORO_TIMEOUT_MS"]));
  });

  it("are each documented in README.md and .env.example", () => {
    const readme = readFileSync(path.join(root, "README.md"), "utf8");
    const example = readFileSync(path.join(root, ".env.example"), "utf8");
    const namesIn = (list: typeof files) => [...new Set(list.flatMap(({ text }) => namesRead(text)))].filter((n) => !PLATFORM_SET.has(n)).sort();
    const names = namesIn(files.filter(({ file }) => !AGENT_SOURCE.test(file)));
    const agentNames = namesIn(files.filter(({ file }) => AGENT_SOURCE.test(file)));
    const word = (doc: string, n: string) => new RegExp(`\\b${n}\\b`).test(doc);
    expect([...names, ...agentNames].filter((n) => !word(readme, n)), "missing from README.md").toEqual([]);
    expect(names.filter((n) => !word(example, n)), "missing from .env.example").toEqual([]);
  });
});
