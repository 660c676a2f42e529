/**
 * Runs once when a server process starts: opens (and migrates) the audit ledger
 * so the first person to sign in does not wait for PGlite to boot (~3 s cold).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { ledgerHealth } = await import("./lib/ledger/record");
  const { writable } = await ledgerHealth();
  if (!writable) console.error("[ledger] not writable at startup: check DATABASE_URL / PGLITE_DATA_DIR");
}
