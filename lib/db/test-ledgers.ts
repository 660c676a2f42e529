/**
 * Test support (not a test): ledgers that start migrated, copied from the templates
 * the Vitest run made once (tests/support/ledger-templates.ts), instead of each suite
 * running PGlite's initdb and every migration again (seconds of CPU each).
 * They open through the same `openLedger` the console uses; only the files (or the
 * PostgreSQL database) they start from were made beforehand.
 *
 * Tests of initialising and migrating themselves start from nothing instead.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { inject } from "vitest";
import { openLedger, type OpenLedger } from "./open";
import { createPostgresDatabase } from "./throwaway-database";

function templates() {
  const provided = inject("ledgerTemplates");
  if (!provided) throw new Error("No ledger templates: run the tests through vitest.config.ts (its globalSetup makes them).");
  return provided;
}

/**
 * Fills `dir` (absent or empty) with a migrated PGlite ledger, so the process ledger
 * (PGLITE_DATA_DIR) or `openLedger({ dataDir })` opens it without initialising.
 */
export function seedPgliteDir(dir: string): void {
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new Error(`${dir} is not empty`);
  cpSync(templates().pgliteDir, dir, { recursive: true });
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
    seedPgliteDir(dir);
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
export function createMigratedPostgresDatabase(prefix?: string): ReturnType<typeof createPostgresDatabase> {
  const template = templates().postgresTemplate;
  if (!template) throw new Error("No PostgreSQL template: PostgreSQL was unreachable when the run started.");
  return createPostgresDatabase(prefix, { template });
}
