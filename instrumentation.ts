/**
 * Runs once when a server process starts: opens the audit ledger and drains its
 * outbox; a PGlite directory locked by another process stops this one (see
 * lib/ledger/startup.ts).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { openLedgerAtStartup } = await import("./lib/ledger/startup");
  await openLedgerAtStartup();
}
