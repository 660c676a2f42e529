/**
 * The database's settings from the environment (and where the ledger's outbox
 * waits while the database cannot take its rows). Plain Node on purpose (no
 * "server-only", no "@/" imports): `npm run ledger:verify` loads it under tsx.
 * Read on each call, not cached: tests and the verify script switch databases
 * by changing the environment. Everything else the server reads is in lib/config.ts.
 */
import path from "node:path";

export type LedgerConfig = {
  /** postgres://… or postgresql://… to use PostgreSQL; anything else (or unset) = embedded PGlite. */
  databaseUrl: string | undefined;
  /** Where PGlite keeps its files. */
  pgliteDataDir: string;
  /** Most connections one instance opens to PostgreSQL. */
  poolMax: number;
  /** Overrides where the generated SQL migrations are read from; undefined = lib/db/migrations. */
  migrationsDir: string | undefined;
  /** Where ledger rows wait while the ledger cannot take them (see outbox.ts). */
  outboxDir: string;
  /** Nice levels the embedded database's thread runs below the server's (0–19; 0 = the same). */
  pgliteThreadNice: number;
};

export const DEFAULT_PGLITE_DATA_DIR = ".data/ledger";
export const DEFAULT_POOL_MAX = 10;

export function readLedgerConfig(env: Record<string, string | undefined> = process.env): LedgerConfig {
  return {
    databaseUrl: env.DATABASE_URL?.trim() || undefined,
    pgliteDataDir: env.PGLITE_DATA_DIR?.trim() || DEFAULT_PGLITE_DATA_DIR,
    poolMax: poolMaxFrom(env.LEDGER_POOL_MAX),
    migrationsDir: env.LEDGER_MIGRATIONS_DIR?.trim() || undefined,
    outboxDir: outboxDirFrom(env),
    pgliteThreadNice: niceFrom(env.PGLITE_THREAD_NICE),
  };
}

/**
 * LEDGER_OUTBOX_DIR, else beside the ledger: `<PGLITE_DATA_DIR>-outbox` (so each
 * PGlite directory has its own), or `.data/ledger-outbox` with Postgres.
 */
function outboxDirFrom(env: Record<string, string | undefined>): string {
  if (env.LEDGER_OUTBOX_DIR?.trim()) return path.resolve(env.LEDGER_OUTBOX_DIR.trim());
  if (isPostgresUrl(env.DATABASE_URL)) return path.resolve(".data", "ledger-outbox");
  return path.resolve(`${env.PGLITE_DATA_DIR?.trim() || DEFAULT_PGLITE_DATA_DIR}-outbox`);
}

/** Nonsense is an error, not a silent NaN that node-postgres would treat as "no limit". */
function poolMaxFrom(raw: string | undefined): number {
  if (!raw?.trim()) return DEFAULT_POOL_MAX;
  const value = Number(raw.trim());
  if (!Number.isInteger(value) || value < 1) throw new Error(`LEDGER_POOL_MAX must be a whole number ≥ 1 (got "${raw}").`);
  return value;
}

function niceFrom(raw: string | undefined): number {
  if (!raw?.trim()) return 0;
  const value = Number(raw.trim());
  if (!Number.isInteger(value) || value < 0 || value > 19) throw new Error(`PGLITE_THREAD_NICE must be a whole number from 0 to 19 (got "${raw}").`);
  return value;
}

export function isPostgresUrl(url: string | undefined): url is string {
  return !!url && /^postgres(ql)?:\/\//i.test(url.trim());
}
