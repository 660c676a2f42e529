/**
 * Vitest globalSetup (runs once, in Vitest's own process, before any test file): one
 * migrated ledger of each kind for the whole run, so a suite that needs a ledger copies
 * a finished one instead of building its own.
 *
 * - PGlite: a data directory made by the ledger's own initialiser
 *   (scripts/pglite-init.mjs: initdb and every migration, ~6 s of CPU and ~800 MB),
 *   which `lib/db/test-ledgers.ts` copies (~0.3 s) for each ledger a test opens.
 * - PostgreSQL: a migrated database that throwaway databases are created from
 *   (CREATE DATABASE … TEMPLATE …) rather than migrated one by one.
 *
 * Tests that are about initialising or migrating (lib/db/dir-lock.test.ts, the first
 * PGlite test in lib/ledger/record.test.ts, lib/ledger/instances.test.ts) do not use
 * these: they still start from nothing.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Pool } from "pg";
import type { TestProject } from "vitest/node";
import { migrateWithLock, migrationsFolder } from "@/lib/db/migrate";
import { createPostgresDatabase, probePostgres } from "@/lib/db/throwaway-database";

export type LedgerTemplates = {
  /** A migrated PGlite data directory, never opened by a test: copy it. */
  pgliteDir: string;
  /** A migrated PostgreSQL database to CREATE DATABASE … TEMPLATE from; null when PostgreSQL is unreachable. */
  postgresTemplate: string | null;
};

declare module "vitest" {
  export interface ProvidedContext {
    ledgerTemplates: LedgerTemplates;
  }
}

function initialisePglite(dir: string): Promise<void> {
  const script = path.join(process.cwd(), "scripts", "pglite-init.mjs");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, dir, migrationsFolder()], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4_000)));
    child.on("error", reject);
    child.on("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`The PGlite template failed (${signal ?? `exit ${code}`}): ${stderr.trim()}`)),
    );
  });
}

async function migratedPostgres(): Promise<{ name: string; drop(): Promise<void> } | null> {
  if (await probePostgres()) return null; // the PostgreSQL suites skip (or, under CI, fail) on their own
  const database = await createPostgresDatabase("ledger_template");
  try {
    const pool = new Pool({ connectionString: database.url, max: 1 });
    try {
      await migrateWithLock(pool);
    } finally {
      await pool.end();
    }
    return database;
  } catch (error) {
    await database.drop();
    throw error;
  }
}

async function makeTemplates(): Promise<{ templates: LedgerTemplates; teardown(): Promise<void> }> {
  const root = mkdtempSync(path.join(tmpdir(), "ledger-templates-"));
  const pgliteDir = path.join(root, "pglite");
  const [pglite, postgres] = await Promise.allSettled([initialisePglite(pgliteDir), migratedPostgres()]);
  const teardown = async () => {
    // drop() waits for the template's last connection to go, then drops it.
    if (postgres.status === "fulfilled") await postgres.value?.drop();
    rmSync(root, { recursive: true, force: true });
  };
  if (pglite.status === "rejected" || postgres.status === "rejected") {
    await teardown();
    throw pglite.status === "rejected" ? pglite.reason : (postgres as PromiseRejectedResult).reason;
  }
  return { templates: { pgliteDir, postgresTemplate: postgres.value?.name ?? null }, teardown };
}

/**
 * Vitest runs a globalSetup once per project (the root and each project extending it),
 * each through its own module loader: one set of templates is shared through the
 * process, made by the first call and removed after the last teardown.
 */
type Shared = { made: ReturnType<typeof makeTemplates>; users: number };
const SHARED = Symbol.for("apc.ledgerTemplates");
const holder = globalThis as { [SHARED]?: Shared };

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const shared = (holder[SHARED] ??= { made: makeTemplates(), users: 0 });
  shared.users++;
  const { templates, teardown } = await shared.made;
  project.provide("ledgerTemplates", templates);
  return async () => {
    if (--shared.users > 0) return;
    delete holder[SHARED];
    await teardown();
  };
}
