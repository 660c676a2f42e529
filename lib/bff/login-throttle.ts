import "server-only";
import { getConfig } from "@/lib/config";
import { getLedgerDb } from "@/lib/ledger/db";
import type { LedgerDb } from "@/lib/ledger/open";
import { failedLoginsSince } from "@/lib/ledger/queries";
import { ApiError } from "./api-error";

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;

/**
 * Refuses sign-in from an address with too many recent rejected keys. Each guess
 * would spend an eToro call, so the counting lives in the ledger's failed-login
 * events: shared by every instance, with no counter table to keep in step.
 * Only eToro's 401s count (see failedLoginsSince): an outage locks nobody out.
 * Concurrent guesses can overshoot the limit by the number in flight.
 */
export async function checkLoginThrottle(db: LedgerDb, clientIp: string | null, maxFailures: number, now = Date.now()): Promise<void> {
  if (!clientIp || maxFailures <= 0) return;
  const { count, oldest } = await failedLoginsSince(db, clientIp, new Date(now - LOGIN_WINDOW_MS));
  if (count < maxFailures) return;
  const retryAfterSeconds = Math.max(1, Math.ceil(((oldest?.getTime() ?? now) + LOGIN_WINDOW_MS - now) / 1000));
  const minutes = Math.ceil(retryAfterSeconds / 60);
  throw new ApiError(
    429,
    "TooManyFailedSignIns",
    `Too many failed sign-ins from your address. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
    { retryAfterSeconds },
  );
}

/** The same check against the app's ledger; a ledger outage does not lock everyone out. */
export async function assertLoginAllowed(clientIp: string | null): Promise<void> {
  let db: LedgerDb;
  try {
    db = await getLedgerDb();
  } catch {
    return;
  }
  await checkLoginThrottle(db, clientIp, getConfig().loginMaxFailures).catch((e) => {
    if (e instanceof ApiError) throw e;
    console.error(`[ledger] login throttle check failed: ${e instanceof Error ? e.name : "unknown"}`);
  });
}
