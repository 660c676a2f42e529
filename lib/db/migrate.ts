/**
 * Migrating the database before first use, from the SQL drizzle-kit generates into
 * lib/db/migrations (`drizzle.config.ts`). Plain Node like open.ts: `npm run
 * ledger:verify` loads it under tsx.
 */
import path from "node:path";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { Pool } from "pg";
import { readLedgerConfig } from "./config";

/**
 * Session-level advisory lock held around migrations, so N instances starting at once
 * on one Postgres migrate one at a time (the others then find nothing to do). Any
 * fixed 64-bit number works; it only has to differ from APPEND_LOCK_KEY.
 */
export const MIGRATION_LOCK_KEY = 7_345_001_001;

/**
 * Where the generated SQL lives. Resolved from the working directory (Next, npm
 * scripts and Vitest all run from the project root); LEDGER_MIGRATIONS_DIR overrides
 * it for unusual layouts. Not import.meta.url: in a Next server bundle that points
 * into .next/, not at the sources.
 */
export function migrationsFolder(): string {
  const override = readLedgerConfig().migrationsDir;
  return override ? path.resolve(/*turbopackIgnore: true*/ override) : path.join(process.cwd(), "lib", "db", "migrations");
}

/** PostgreSQL: many instances may start at once, so they migrate one at a time. */
export async function migrateWithLock(pool: Pool): Promise<void> {
  // A session lock must be taken and released on the same connection, so migrate
  // through one checked-out client rather than the pool.
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    try {
      await migratePg(drizzlePg({ client }), { migrationsFolder: migrationsFolder() });
    } finally {
      await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
    }
  } catch (error) {
    broken = error as Error;
    throw error;
  } finally {
    // On error, destroy the connection rather than pool it: that also drops the lock.
    client.release(broken);
  }
}
