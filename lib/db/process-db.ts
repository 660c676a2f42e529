// No "server-only": the agent gateway runs in the server process itself
// (server/console.ts), outside Next's react-server condition, and shares this
// database with the routes. folder-rules keeps browser code away.
/**
 * The process-wide database (ledger, sessions, jobs) for route handlers. Opened (and migrated) once per
 * process; the promise is kept on globalThis so Next's dev reloads reuse it instead of
 * opening the PGlite directory twice (PGlite allows one opener per directory).
 *
 * DATABASE_URL=postgres://… or postgresql://… → PostgreSQL (node-postgres Pool);
 * otherwise PGlite at PGLITE_DATA_DIR (default .data/ledger, created if missing).
 */
import { ledgerOptionsFromEnv, openLedger, type LedgerDb, type OpenLedger } from "./open";

export { openLedger, type LedgerDb, type LedgerDriver, type OpenLedger, type OpenLedgerOptions } from "./open";

const LEDGER_KEY = Symbol.for("agent-portfolio-console.ledger");
type LedgerGlobal = typeof globalThis & { [LEDGER_KEY]?: Promise<OpenLedger> };
const store = globalThis as LedgerGlobal;

function opened(): Promise<OpenLedger> {
  let pending = store[LEDGER_KEY];
  if (!pending) {
    pending = openLedger(ledgerOptionsFromEnv());
    store[LEDGER_KEY] = pending;
    // A failed open (database down, bad URL) must not stick: the next call retries.
    pending.catch(() => {
      if (store[LEDGER_KEY] === pending) delete store[LEDGER_KEY];
    });
  }
  return pending;
}

export async function getLedgerDb(): Promise<LedgerDb> {
  return (await opened()).db;
}

/** Closes the process-wide database (tests); the next use reopens it. */
export async function closeLedgerDb(): Promise<void> {
  const pending = store[LEDGER_KEY];
  if (!pending) return;
  delete store[LEDGER_KEY];
  const ledger = await pending.catch(() => undefined);
  await ledger?.close();
}
