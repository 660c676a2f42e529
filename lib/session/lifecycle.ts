import "server-only";
/**
 * Starting and ending console sessions: the database row (shared by instances) and
 * this instance's cache move together, so an ending is refused here at once.
 */
import { randomUUID } from "node:crypto";
import type { NextRequest } from "next/server";
import { ApiError } from "@/lib/bff/http/api-error";
import { clientIp } from "@/lib/bff/http/client-ip";
import { getLedgerDb } from "@/lib/db/process-db";
import { forgetSessions } from "./registry";
import { endAllSessions, endSession, insertSession } from "./store";

/**
 * Records a new session for `account`; its id goes into the cookie. Without the
 * record no instance could later end it, so no record means no sign-in (503).
 */
export async function startSession(req: NextRequest, account: string): Promise<string> {
  const id = randomUUID();
  try {
    await insertSession(await getLedgerDb(), {
      id,
      account,
      at: new Date(),
      clientIp: clientIp(req),
      userAgent: req.headers.get("user-agent"),
    });
  } catch (e) {
    console.error(`[sessions] could not record a sign-in: ${e instanceof Error ? e.name : typeof e}`);
    throw new ApiError(503, "SessionStoreUnavailable", "The console cannot record your sign-in right now. Try again in a minute.");
  }
  return id;
}

/** Ends one of the account's sessions; false when there is no such open session of this account. */
export async function endOneSession(account: string, id: string): Promise<boolean> {
  const ended = await endSession(await getLedgerDb(), account, id, new Date());
  if (ended) forgetSessions([id], account);
  return ended;
}

/**
 * Ends the session whose cookie is going away (sign-out, or a sign-in that replaces
 * it), so a copy of the cookie stops working. When the database cannot be reached,
 * this instance refuses the session from now on and the cookie is gone anyway.
 */
export async function endSignedOutSession(account: string, id: string): Promise<void> {
  try {
    await endOneSession(account, id);
  } catch (e) {
    console.error(`[sessions] could not record a sign-out: ${e instanceof Error ? e.name : typeof e}`);
    forgetSessions([id], account);
  }
}

/** Ends every open session of the account ("Sign out everywhere"); returns how many. */
export async function endEverySession(account: string): Promise<number> {
  const ids = await endAllSessions(await getLedgerDb(), account, new Date());
  forgetSessions(ids, account);
  return ids.length;
}
