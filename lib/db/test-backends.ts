/**
 * Test support (not a test): runs a ledger suite on every backend — PGlite and the
 * real PostgreSQL (LEDGER_TEST_DATABASE_URL, default
 * postgres://postgres@127.0.0.1:5432/test). Each suite gets its own ledger, copied
 * from the run's migrated templates (test-ledgers.ts): a PGlite directory, or a fresh
 * Postgres database (CREATE DATABASE ledger_test_<random> TEMPLATE …, dropped
 * afterwards), so parallel files and repeated runs never collide. Postgres
 * unreachable: skipped with a message, except under CI, where it must run (and so
 * fails loudly).
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe } from "vitest";
import { openLedger, type LedgerDb, type OpenLedger } from "./open";
import { createMigratedPostgresDatabase, openTestLedger } from "./test-ledgers";
import { probePostgres, redactedAdminUrl } from "./throwaway-database";

export { ADMIN_URL, createPostgresDatabase } from "./throwaway-database";

const unreachable = await probePostgres();
/** Why Postgres suites are skipped, or null when they run. */
export const postgresSkipReason: string | null =
  unreachable && !process.env.CI ? `PostgreSQL at ${redactedAdminUrl()} unreachable (${unreachable})` : null;
if (postgresSkipReason) {
  console.warn(`[ledger tests] SKIPPING PostgreSQL suites: ${postgresSkipReason}. Set CI=1 to make this an error.`);
}

export type BackendName = "pglite" | "postgres";
export type LedgerSuite = { db: LedgerDb; backend: BackendName; ledger: OpenLedger };

/**
 * describe() once per backend. `get()` returns the suite's ledger; the table is
 * emptied (and seq restarted) before each test.
 */
export function describeEachBackend(title: string, body: (get: () => LedgerSuite) => void): void {
  for (const backend of ["pglite", "postgres"] as const) {
    const skip = backend === "postgres" ? postgresSkipReason : null;
    const name = skip ? `${title} [${backend}] (skipped: ${skip})` : `${title} [${backend}]`;
    describe.skipIf(!!skip)(name, () => {
      let suite: LedgerSuite | undefined;
      let drop: (() => Promise<void>) | undefined;
      beforeAll(async () => {
        let ledger: OpenLedger;
        if (backend === "postgres") {
          const database = await createMigratedPostgresDatabase();
          drop = database.drop;
          ledger = await openLedger({ databaseUrl: database.url });
        } else {
          ledger = await openTestLedger();
        }
        suite = { db: ledger.db, backend, ledger };
      }, 60_000);
      afterAll(async () => {
        await suite?.ledger.close();
        await drop?.();
      }, 60_000);
      beforeEach(async () => {
        await suite!.db.execute(sql`truncate ledger_events restart identity`);
      });
      body(() => suite!);
    });
  }
}

/**
 * Runs SQL as an attacker with owner rights would: with the append-only trigger
 * switched off for this one transaction.
 */
export async function tamper(db: LedgerDb, statement: ReturnType<typeof sql>): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`alter table ledger_events disable trigger ledger_events_append_only`);
    await tx.execute(statement);
    await tx.execute(sql`alter table ledger_events enable trigger ledger_events_append_only`);
  });
}
