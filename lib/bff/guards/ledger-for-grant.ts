import "server-only";
import { assertLedgerWritable, LedgerUnavailableError } from "@/lib/ledger/record";
import { ApiError } from "../http/api-error";

/**
 * Before a grant (create a portfolio, mint, widen a token): refused with 503 unless
 * the ledger can record it, so nothing gains access unrecorded. Revoking and narrowing
 * never ask: they go through and their rows wait in the outbox.
 */
export async function requireLedgerForGrant(): Promise<void> {
  try {
    await assertLedgerWritable();
  } catch (e) {
    if (!(e instanceof LedgerUnavailableError)) throw e;
    throw new ApiError(
      503,
      "LedgerUnavailable",
      "The audit ledger cannot record changes right now, so the console does not create portfolios, mint tokens or widen them. " +
        "Revoking and narrowing still work. Try again in a minute; if this persists, an operator must check the ledger database.",
      { retryAfterSeconds: 30 },
    );
  }
}
