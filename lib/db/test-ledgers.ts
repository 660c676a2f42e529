/**
 * Test support (not a test): ledgers that start migrated, copied from the templates
 * the Vitest run made once (tests/support/ledger-templates.ts), instead of each suite
 * running PGlite's initdb and every migration again (seconds of CPU each).
 * They open through the same `openLedger` the console uses; only the files (or the
 * PostgreSQL database) they start from were made beforehand.
 *
 * Tests of initialising and migrating themselves start from nothing instead.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { inject } from "vitest";
import { openLedger, type OpenLedger } from "./open";
import { createPostgresDatabase } from "./throwaway-database";

/** Longer than making a template takes on a loaded machine; a test that needs one has the time (beforeAll's 60 s). */
const TEMPLATE_WAIT_MS = 55_000;

/** What the run's template `name` became (its marker's text), once it is made. */
async function template(name: "pglite" | "postgres"): Promise<string> {
  const provided = inject("ledgerTemplates");
  if (!provided) throw new Error("No ledger templates: run the tests through vitest.config.ts (its globalSetup makes them).");
  const deadline = Date.now() + TEMPLATE_WAIT_MS;
  for (;;) {
    const failed = path.join(provided.root, `${name}.failed`);
    if (existsSync(failed)) throw new Error(`The ${name} ledger template could not be made: ${readFileSync(failed, "utf8")}`);
    const ready = path.join(provided.root, `${name}.ready`);
    if (existsSync(ready)) return readFileSync(ready, "utf8");
    if (Date.now() > deadline) throw new Error(`The ${name} ledger template was not made within ${TEMPLATE_WAIT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * Fills `dir` (absent or empty) with a migrated PGlite ledger, so the process ledger
 * (PGLITE_DATA_DIR) or `openLedger({ dataDir })` opens it without initialising.
 */
export async function seedPgliteDir(dir: string): Promise<void> {
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new Error(`${dir} is not empty`);
  cpSync(await template("pglite"), dir, { recursive: true });
}

/**
 * A PGlite ledger of its own in a temporary directory (copying the template takes a
 * fraction of what initdb does, and opening it from disk is quicker than loading it
 * into memory); close() also removes the directory.
 */
export async function openTestLedger(): Promise<OpenLedger> {
  const dir = mkdtempSync(path.join(tmpdir(), "test-ledger-"));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    await seedPgliteDir(dir);
    const ledger = await openLedger({ dataDir: dir });
    return {
      ...ledger,
      close: async () => {
        try {
          await ledger.close();
        } finally {
          remove();
        }
      },
    };
  } catch (error) {
    remove();
    throw error;
  }
}

/** A throwaway PostgreSQL database that starts migrated (a copy of the run's template). */
export async function createMigratedPostgresDatabase(prefix?: string): ReturnType<typeof createPostgresDatabase> {
  const name = await template("postgres");
  if (!name) throw new Error("No PostgreSQL template: PostgreSQL was unreachable when the run started.");
  return createPostgresDatabase(prefix, { template: name });
}
