import "server-only";
import { getLedgerDb } from "@/lib/ledger/db";
import type { LedgerDb } from "@/lib/ledger/open";
import { failedLoginsSince } from "@/lib/ledger/queries";
import { ApiError } from "./api-error";

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILED_LOGINS = Number(process.env.LOGIN_MAX_FAILURES || 10);

/**
 * Refuses sign-in from an address with too many recent failures. Each guess
 * would spend an eToro call, so the counting lives in the ledger's failed-login
 * events: shared by every instance, with no counter table to keep in step.
 */
export async function checkLoginThrottle(db: LedgerDb, clientIp: string | null, now = Date.now()): Promise<void> {
  if (!clientIp || MAX_FAILED_LOGINS <= 0) return;
  const { count, oldest } = await failedLoginsSince(db, clientIp, new Date(now - LOGIN_WINDOW_MS));
  if (count < MAX_FAILED_LOGINS) return;
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
  await checkLoginThrottle(db, clientIp).catch((e) => {
    if (e instanceof ApiError) throw e;
    console.error(`[ledger] login throttle check failed: ${e instanceof Error ? e.name : "unknown"}`);
  });
}
