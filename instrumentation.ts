/**
 * Runs once when a server process starts: opens (and migrates) the audit ledger
 * so the first person to sign in does not wait for PGlite to boot (~3 s cold),
 * and starts this instance's job worker (lib/jobs/worker.ts).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { ledgerHealth } = await import("./lib/ledger/record");
  const { writable } = await ledgerHealth();
  if (!writable) console.error("[ledger] not writable at startup: check DATABASE_URL / PGLITE_DATA_DIR");
  // Bulk jobs live in the ledger's database; this instance runs its share of them.
  const { startJobWorker } = await import("./lib/jobs/process-worker");
  await startJobWorker();
}
