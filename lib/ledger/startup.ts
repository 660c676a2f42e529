import "server-only";
/**
 * What a server process does with the ledger when it starts: open (and migrate) it so
 * the first sign-in does not wait for PGlite to boot (~3 s cold), and append what the
 * outbox kept while the ledger was down. A PGlite directory held by another process
 * ends this one: Next only logs a failed instrumentation hook and serves on, and this
 * process must not run at all. The message names the directory and the holder.
 */
import { getLedgerDb } from "../db/process-db";
import { LedgerLockedError } from "../db/dir-lock";
import { ledgerHealth } from "./record";

export async function openLedgerAtStartup(): Promise<void> {
  try {
    await getLedgerDb();
  } catch (e) {
    if (e instanceof LedgerLockedError) {
      console.error(`The console cannot start: ${e.message}`);
      process.exit(1);
    }
  }
  const { writable, pending } = await ledgerHealth();
  if (!writable) console.error(`[ledger] not writable at startup: check DATABASE_URL / PGLITE_DATA_DIR (${pending} event(s) wait in the outbox)`);
}
