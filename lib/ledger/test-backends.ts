/**
 * Test support (not a test): runs a ledger suite on every backend — PGlite in memory
 * and the real PostgreSQL (LEDGER_TEST_DATABASE_URL, default
 * postgres://postgres@127.0.0.1:5432/test). Each suite gets its own fresh Postgres
 * database (CREATE DATABASE ledger_test_<random>, dropped afterwards), so parallel
 * files and repeated runs never collide. Postgres unreachable: skipped with a message,
 * except under CI, where it must run (and so fails loudly).
 */
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { Client } from "pg";
import { afterAll, beforeAll, beforeEach, describe } from "vitest";
import { openLedger, type LedgerDb, type OpenLedger } from "./open";

export const ADMIN_URL = process.env.LEDGER_TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test";

async function probePostgres(): Promise<string | null> {
  const client = new Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query("select 1");
    return null;
  } catch (error) {
    return (error as Error).message;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const unreachable = await probePostgres();
/** Why Postgres suites are skipped, or null when they run. */
export const postgresSkipReason: string | null =
  unreachable && !process.env.CI ? `PostgreSQL at ${redact(ADMIN_URL)} unreachable (${unreachable})` : null;
if (postgresSkipReason) {
  console.warn(`[ledger tests] SKIPPING PostgreSQL suites: ${postgresSkipReason}. Set CI=1 to make this an error.`);
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "<invalid url>";
  }
}

async function admin<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A fresh, empty Postgres database; `url` connects to it, `drop()` removes it. */
export async function createPostgresDatabase(): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `ledger_test_${randomBytes(6).toString("hex")}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () =>
      admin(async (c) => {
        // pool.end() resolves before its sockets are closed; give them a moment so
        // FORCE does not terminate live clients (noisy "pool error" 57P01 logs).
        for (let i = 0; i < 40; i++) {
          const { rows } = await c.query("select count(*)::int as n from pg_stat_activity where datname = $1", [name]);
          if (rows[0].n === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      }),
  };
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
          const database = await createPostgresDatabase();
          drop = database.drop;
          ledger = await openLedger({ databaseUrl: database.url });
        } else {
          ledger = await openLedger({ memory: true });
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
