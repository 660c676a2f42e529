import "server-only";
/**
 * Appending to the one global hash chain (all accounts share it, so one walk verifies
 * everything). Each append is one transaction holding a transaction-scoped advisory
 * lock: writers on every instance queue on it, so "read the last hash, insert the
 * next row" never interleaves and the chain never forks. The lock is taken before
 * the insert draws its seq, so seq order is chain order.
 */
import { desc, eq, sql } from "drizzle-orm";
import { GENESIS_HASH, eventHash } from "./hash";
import { assertSafeEvent, hashedFieldsOf, toUnhashedRow, type LedgerEvent, type LedgerEventInput } from "./event";
import type { LedgerDb } from "./open";
import { ledgerEvents } from "./schema";

/** Any fixed 64-bit number; only has to differ from MIGRATION_LOCK_KEY. */
export const APPEND_LOCK_KEY = 7_345_001_002;

export async function appendEvent(db: LedgerDb, event: LedgerEventInput): Promise<LedgerEvent> {
  const appended = await append(db, event, false);
  return appended!;
}

/**
 * Appends an event unless one with its id is already in the ledger: what the outbox
 * uses, so an event drained twice (two instances, or a crash between append and
 * removing the file) is recorded once. Returns false when it was already there.
 */
export async function appendEventOnce(db: LedgerDb, event: LedgerEventInput & { id: string }): Promise<boolean> {
  return (await append(db, event, true)) !== null;
}

async function append(db: LedgerDb, event: LedgerEventInput, once: boolean): Promise<LedgerEvent | null> {
  // Before touching the database: a refused event costs no lock and no seq.
  assertSafeEvent(event);

  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${APPEND_LOCK_KEY})`);
    if (once && event.id) {
      const [present] = await tx.select({ seq: ledgerEvents.seq }).from(ledgerEvents).where(eq(ledgerEvents.id, event.id)).limit(1);
      if (present) return null;
    }
    // Read committed: this statement's snapshot starts after the lock was granted,
    // so it sees the row the previous lock holder committed.
    const [last] = await tx
      .select({ hash: ledgerEvents.hash })
      .from(ledgerEvents)
      .orderBy(desc(ledgerEvents.seq))
      .limit(1);

    const row = toUnhashedRow(event, last?.hash ?? GENESIS_HASH);
    const hash = eventHash(hashedFieldsOf(row));
    const [inserted] = await tx.insert(ledgerEvents).values({ ...row, hash }).returning();
    return inserted;
    // Explicit: under REPEATABLE READ the snapshot would predate the lock and fork the chain.
  }, { isolationLevel: "read committed" });
}
