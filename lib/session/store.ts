import "server-only";
/**
 * The console's sign-in sessions in the ledger's database (table `console_sessions`),
 * shared by every instance. Every read and every end is scoped to one account, so one
 * account can never list or end another's sessions. Returns DTOs, never rows.
 */
import { and, desc, eq, gt, isNull, lt } from "drizzle-orm";
import type { LedgerDb } from "@/lib/db/open";
import { consoleSessions } from "@/lib/db/schema";

export type NewSession = { id: string; account: string; at: Date; clientIp: string | null; userAgent: string | null };

export type SessionState = { account: string; startedAt: Date; lastSeenAt: Date; endedAt: Date | null };

export type ActiveSession = { id: string; startedAt: Date; lastSeenAt: Date; clientIp: string | null; userAgent: string | null };

/** Longer user agents are cut: the list shows a browser label, not a fingerprinting kit. */
const USER_AGENT_MAX = 256;

export async function insertSession(db: LedgerDb, s: NewSession): Promise<void> {
  await db.insert(consoleSessions).values({
    id: s.id,
    account: s.account,
    startedAt: s.at,
    lastSeenAt: s.at,
    clientIp: s.clientIp,
    userAgent: s.userAgent?.slice(0, USER_AGENT_MAX) ?? null,
  });
}

export async function sessionState(db: LedgerDb, id: string): Promise<SessionState | null> {
  const rows = await db
    .select({ account: consoleSessions.account, startedAt: consoleSessions.startedAt, lastSeenAt: consoleSessions.lastSeenAt, endedAt: consoleSessions.endedAt })
    .from(consoleSessions)
    .where(eq(consoleSessions.id, id))
    .limit(1);
  return rows[0] ?? null;
}

/** Moves last-seen forward (never back) on a session that has not ended. */
export async function touchSession(db: LedgerDb, id: string, at: Date): Promise<void> {
  await db
    .update(consoleSessions)
    .set({ lastSeenAt: at })
    .where(and(eq(consoleSessions.id, id), isNull(consoleSessions.endedAt), lt(consoleSessions.lastSeenAt, at)));
}

/** The account's sessions that have not ended and started after `since` (older ones have expired). */
export async function listActiveSessions(db: LedgerDb, account: string, since: Date): Promise<ActiveSession[]> {
  return db
    .select({
      id: consoleSessions.id,
      startedAt: consoleSessions.startedAt,
      lastSeenAt: consoleSessions.lastSeenAt,
      clientIp: consoleSessions.clientIp,
      userAgent: consoleSessions.userAgent,
    })
    .from(consoleSessions)
    .where(and(eq(consoleSessions.account, account), isNull(consoleSessions.endedAt), gt(consoleSessions.startedAt, since)))
    .orderBy(desc(consoleSessions.lastSeenAt));
}

/** Ends one of the account's sessions; false when it is not the account's or already ended. */
export async function endSession(db: LedgerDb, account: string, id: string, at: Date): Promise<boolean> {
  const ended = await db
    .update(consoleSessions)
    .set({ endedAt: at })
    .where(and(eq(consoleSessions.id, id), eq(consoleSessions.account, account), isNull(consoleSessions.endedAt)))
    .returning({ id: consoleSessions.id });
  return ended.length > 0;
}

/** Ends every open session of the account; returns their ids. */
export async function endAllSessions(db: LedgerDb, account: string, at: Date): Promise<string[]> {
  const ended = await db
    .update(consoleSessions)
    .set({ endedAt: at })
    .where(and(eq(consoleSessions.account, account), isNull(consoleSessions.endedAt)))
    .returning({ id: consoleSessions.id });
  return ended.map((r) => r.id);
}

