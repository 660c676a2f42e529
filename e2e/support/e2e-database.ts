import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";

/**
 * A throwaway PostgreSQL database for the multi-instance tests, made once per
 * run (the URL is kept in the environment, which Playwright's workers inherit).
 * Null when PostgreSQL is not reachable (and not in CI, where it must be).
 */
export const E2E_ADMIN_URL = process.env.LEDGER_TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test";

export function e2eDatabaseUrl(): string | null {
  if (process.env.APC_E2E_DATABASE_URL !== undefined) return process.env.APC_E2E_DATABASE_URL || null;
  const name = `apc_e2e_${randomBytes(5).toString("hex")}`;
  try {
    execFileSync("psql", [E2E_ADMIN_URL, "-qc", `CREATE DATABASE ${name}`], { stdio: "pipe", timeout: 10_000 });
  } catch (e) {
    if (process.env.CI) throw new Error(`PostgreSQL is needed for the multi-instance tests in CI: ${(e as Error).message}`);
    process.env.APC_E2E_DATABASE_URL = "";
    return null;
  }
  const url = new URL(E2E_ADMIN_URL);
  url.pathname = `/${name}`;
  process.env.APC_E2E_DATABASE_URL = url.toString();
  return process.env.APC_E2E_DATABASE_URL;
}

export function dropE2eDatabase(): void {
  const url = process.env.APC_E2E_DATABASE_URL;
  if (!url) return;
  const name = new URL(url).pathname.slice(1);
  try {
    execFileSync("psql", [E2E_ADMIN_URL, "-qc", `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`], { stdio: "pipe", timeout: 10_000 });
  } catch {
    /* best effort: a leftover apc_e2e_* database harms nothing */
  }
}
