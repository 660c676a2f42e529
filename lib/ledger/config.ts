/**
 * The ledger's settings from the environment. Plain Node on purpose (no
 * "server-only", no "@/" imports): `npm run ledger:verify` loads it under tsx.
 * Read on each call, not cached: tests and the verify script switch databases
 * by changing the environment. Everything else the server reads is in lib/config.ts.
 */
export type LedgerConfig = {
  /** postgres://… or postgresql://… to use PostgreSQL; anything else (or unset) = embedded PGlite. */
  databaseUrl: string | undefined;
  /** Where PGlite keeps its files. */
  pgliteDataDir: string;
  /** Most connections one instance opens to PostgreSQL. */
  poolMax: number;
  /** Overrides where the generated SQL migrations are read from; undefined = lib/ledger/migrations. */
  migrationsDir: string | undefined;
};

export const DEFAULT_PGLITE_DATA_DIR = ".data/ledger";
export const DEFAULT_POOL_MAX = 10;

export function readLedgerConfig(env: NodeJS.ProcessEnv = process.env): LedgerConfig {
  return {
    databaseUrl: env.DATABASE_URL?.trim() || undefined,
    pgliteDataDir: env.PGLITE_DATA_DIR?.trim() || DEFAULT_PGLITE_DATA_DIR,
    poolMax: poolMaxFrom(env.LEDGER_POOL_MAX),
    migrationsDir: env.LEDGER_MIGRATIONS_DIR?.trim() || undefined,
  };
}

/** Nonsense is an error, not a silent NaN that node-postgres would treat as "no limit". */
function poolMaxFrom(raw: string | undefined): number {
  if (!raw?.trim()) return DEFAULT_POOL_MAX;
  const value = Number(raw.trim());
  if (!Number.isInteger(value) || value < 1) throw new Error(`LEDGER_POOL_MAX must be a whole number ≥ 1 (got "${raw}").`);
  return value;
}
