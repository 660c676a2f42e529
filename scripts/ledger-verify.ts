/**
 * npm run ledger:verify — walks the audit ledger's hash chain and names the first
 * broken link. Same database choice as the app: DATABASE_URL (postgres://…) or PGlite
 * at PGLITE_DATA_DIR (default .data/ledger). Stop the app first when it uses PGlite:
 * an embedded database has one opener at a time.
 *
 * Exit 0: intact. Exit 1: broken. Exit 2: could not check (database unreachable, …).
 */
import { ledgerOptionsFromEnv, openLedger } from "../lib/db/open";
import { verifyLedger } from "../lib/ledger/verify";

async function main(): Promise<number> {
  let ledger;
  try {
    ledger = await openLedger(ledgerOptionsFromEnv());
  } catch (error) {
    // The message could contain the connection string: print the kind only.
    console.error(`Ledger could not be opened: ${(error as Error)?.name ?? "unknown error"}`);
    return 2;
  }
  try {
    const result = await verifyLedger(ledger.db);
    if (result.ok) {
      console.log(`Ledger OK: ${result.count} events, chain intact`);
      return 0;
    }
    console.error(`Ledger BROKEN at event #${result.brokenAt}: ${result.reason}`);
    return 1;
  } catch (error) {
    console.error(`Ledger could not be verified: ${(error as Error)?.name ?? "unknown error"}`);
    return 2;
  } finally {
    await ledger.close();
  }
}

main().then((code) => process.exit(code));
