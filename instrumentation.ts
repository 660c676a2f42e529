/**
 * Runs once when a server process starts: opens (and migrates) the audit ledger so
 * the first person to sign in does not wait for PGlite to boot (~3 s cold), and
 * appends what the outbox kept while the ledger was down. A PGlite directory held by
 * another process stops this one here (the message names the directory and the
 * process holding it); its port was bound first but nothing was served.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getLedgerDb } = await import("./lib/ledger/db");
  const { LedgerLockedError } = await import("./lib/ledger/dir-lock");
  try {
    await getLedgerDb();
  } catch (e) {
    if (e instanceof LedgerLockedError) {
      // Next only logs a failed register() and serves on: this process must not run at all.
      console.error(`The console cannot start: ${e.message}`);
      process.exit(1);
    }
  }
  const { ledgerHealth } = await import("./lib/ledger/record");
  const { writable, pending } = await ledgerHealth();
  if (!writable) console.error(`[ledger] not writable at startup: check DATABASE_URL / PGLITE_DATA_DIR (${pending} event(s) wait in the outbox)`);
}
