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
 * Both are made in the background: test files start at once (most need no ledger),
 * and one that needs a template waits for its marker file (`<name>.ready`, or
 * `<name>.failed` with the reason) in `root`.
 *
 * Tests that are about initialising or migrating (lib/db/dir-lock.test.ts, the first
 * PGlite test in lib/ledger/record.test.ts, lib/ledger/instances.test.ts) do not use
 * these: they still start from nothing.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Pool } from "pg";
import type { TestProject } from "vitest/node";
import { migrateWithLock, migrationsFolder } from "@/lib/db/migrate";
import { createPostgresDatabase, probePostgres } from "@/lib/db/throwaway-database";

export type TemplateName = "pglite" | "postgres";

export type LedgerTemplates = {
  /**
   * Where the markers appear. pglite.ready holds the migrated data directory (never
   * opened by a test: copy it); postgres.ready the database to CREATE DATABASE …
   * TEMPLATE from, or nothing when PostgreSQL is unreachable.
   */
  root: string;
};

declare module "vitest" {
  export interface ProvidedContext {
    ledgerTemplates: LedgerTemplates;
  }
}

function initialisePglite(dir: string, started: (child: ChildProcess) => void): Promise<void> {
  const script = path.join(process.cwd(), "scripts", "pglite-init.mjs");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, dir, migrationsFolder()], { stdio: ["ignore", "ignore", "pipe"] });
    started(child);
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

function makeTemplates(): { templates: LedgerTemplates; teardown(): Promise<void> } {
  const root = mkdtempSync(path.join(tmpdir(), "ledger-templates-"));
  // Written aside and renamed into place: a waiting test never reads a half-written marker.
  const mark = (name: TemplateName, outcome: "ready" | "failed", text: string) => {
    const file = path.join(root, `${name}.${outcome}`);
    writeFileSync(`${file}.tmp`, text);
    renameSync(`${file}.tmp`, file);
  };
  const failed = (name: TemplateName) => (error: unknown) => mark(name, "failed", String((error as Error)?.stack ?? error));

  let child: ChildProcess | undefined;
  const pgliteDir = path.join(root, "pglite");
  mkdirSync(pgliteDir);
  const pglite = initialisePglite(pgliteDir, (c) => (child = c)).then(() => mark("pglite", "ready", pgliteDir), failed("pglite"));
  const postgres = migratedPostgres().then(
    (made) => {
      mark("postgres", "ready", made?.name ?? "");
      return made;
    },
    (error: unknown) => {
      failed("postgres")(error);
      return null;
    },
  );

  const teardown = async () => {
    // A run that never needed the PGlite template need not wait for it.
    if (child && child.exitCode === null && child.signalCode === null) child.kill();
    const [, template] = await Promise.all([pglite, postgres]);
    // drop() waits for the template's last connection to go, then drops it.
    await template?.drop();
    rmSync(root, { recursive: true, force: true });
  };
  return { templates: { root }, teardown };
}

/**
 * Vitest runs a globalSetup once per project (the root and each project extending it),
 * each through its own module loader: one set of templates is shared through the
 * process, made by the first call and removed after the last teardown.
 */
type Shared = { made: ReturnType<typeof makeTemplates>; users: number };
const SHARED = Symbol.for("apc.ledgerTemplates");
const holder = globalThis as { [SHARED]?: Shared };

export default function setup(project: TestProject): () => Promise<void> {
  const shared = (holder[SHARED] ??= { made: makeTemplates(), users: 0 });
  shared.users++;
  const { templates, teardown } = shared.made;
  project.provide("ledgerTemplates", templates);
  return async () => {
    if (--shared.users > 0) return;
    delete holder[SHARED];
    await teardown();
  };
}
