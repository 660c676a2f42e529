import "server-only";
import { getConfig } from "@/lib/config";
import { getLedgerDb } from "@/lib/db/process-db";
import type { LedgerDb } from "@/lib/db/open";
import { failedLoginsSince, hasSignedIn } from "@/lib/ledger/queries";
import { assertLedgerWritable } from "@/lib/ledger/record";
import { ApiError } from "../http/api-error";

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;

/**
 * How many more rejected keys one address may send than one key may be retried. A
 * person who mistypes their key a few times, or pastes an old one, then types the
 * right one gets in: the right key has no failures of its own, and the address cap
 * (5 × LOGIN_MAX_FAILURES: 50 per 15 minutes by default) is far above a person's
 * typos. Spraying many keys from one address still stops at that cap; eToro keys
 * are long random strings, so 50 guesses per 15 minutes find nothing and spend
 * little of eToro's quota. The cap holds back only keys that never signed in here,
 * so one guesser behind a shared NAT does not lock out colleagues who did.
 */
export const ADDRESS_CAP_FACTOR = 5;

/**
 * Refuses sign-in when, within 15 minutes, this key was rejected too often from this
 * address (LOGIN_MAX_FAILURES) or the address sent too many rejected keys in all
 * (ADDRESS_CAP_FACTOR times that) and this key never signed in before: a fingerprint
 * that once signed in can only come from someone who holds that key, so letting it
 * past the address cap gives a guesser nothing. Each guess would spend an eToro call, so the
 * counting lives in the ledger's failed-login events: shared by every instance, with
 * no counter table to keep in step. Only eToro's 401s count (see failedLoginsSince):
 * an outage locks nobody out. Concurrent guesses can overshoot by the number in flight.
 */
export async function checkLoginThrottle(
  db: LedgerDb,
  who: { clientIp: string | null; account: string },
  maxFailures: number,
  now = Date.now(),
): Promise<void> {
  if (!who.clientIp || maxFailures <= 0) return;
  const since = new Date(now - LOGIN_WINDOW_MS);
  const sameKey = await failedLoginsSince(db, who.clientIp, since, who.account);
  if (sameKey.count >= maxFailures) throw tooMany("with this key from your address", sameKey.oldest, now);
  const address = await failedLoginsSince(db, who.clientIp, since);
  if (address.count >= maxFailures * ADDRESS_CAP_FACTOR && !(await hasSignedIn(db, who.account))) {
    throw tooMany("from your address", address.oldest, now);
  }
}

function tooMany(what: string, oldest: Date | null, now: number): ApiError {
  const retryAfterSeconds = Math.max(1, Math.ceil(((oldest?.getTime() ?? now) + LOGIN_WINDOW_MS - now) / 1000));
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return new ApiError(
    429,
    "TooManyFailedSignIns",
    `Too many failed sign-ins ${what}. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
    { retryAfterSeconds },
  );
}

/**
 * The same check against the app's ledger. The throttle lives in the ledger, so while
 * the ledger cannot record, sign-in is refused (503) rather than left unthrottled;
 * sessions already signed in keep working.
 */
export async function assertLoginAllowed(who: { clientIp: string | null; account: string }): Promise<void> {
  try {
    await assertLedgerWritable();
    await checkLoginThrottle(await getLedgerDb(), who, getConfig().loginMaxFailures);
  } catch (e) {
    if (e instanceof ApiError) throw e;
    console.error(`[ledger] login throttle unavailable: ${e instanceof Error ? e.name : "unknown"}`);
    throw new ApiError(
      503,
      "LedgerUnavailable",
      "Sign-in is paused: the console cannot record sign-ins right now, and without that record it cannot limit key guessing. Try again in a minute.",
      { retryAfterSeconds: 30 },
    );
  }
}
