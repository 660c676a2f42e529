// No "server-only": the agent gateway's usage store appends from the server
// process itself (server/console.ts). folder-rules keeps browser code away.
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
import type { LedgerDb } from "../db/open";
import { ledgerEvents } from "../db/schema";

/** Any fixed 64-bit number; only has to differ from MIGRATION_LOCK_KEY. */
export const APPEND_LOCK_KEY = 7_345_001_002;

export async function appendEvent(db: LedgerDb, event: LedgerEventInput): Promise<LedgerEvent> {
  const [inserted] = await appendEvents(db, [event]);
  return inserted;
}

/**
 * Appends an event unless one with its id is already in the ledger: what the outbox
 * uses, so an event drained twice (two instances, or a crash between append and
 * removing the file) is recorded once. Returns false when it was already there.
 */
export async function appendEventOnce(db: LedgerDb, event: LedgerEventInput & { id: string }): Promise<boolean> {
  const appended = await appendEvents(db, [event], async (tx, events) => {
    const [present] = await tx.select({ seq: ledgerEvents.seq }).from(ledgerEvents).where(eq(ledgerEvents.id, event.id)).limit(1);
    return present ? [] : events;
  });
  return appended.length > 0;
}

/** Keeps, of the events about to be appended, those still worth recording; runs under the append lock. */
export type AppendFilter = (tx: LedgerDb, events: LedgerEventInput[]) => Promise<LedgerEventInput[]>;

const INSERT_CHUNK = 500;

/**
 * Appends several events in one transaction under the append lock, chained in order.
 * `keep` sees what is already committed and drops what must not be written twice
 * (e.g. a token discovered by another instance a moment ago).
 */
export async function appendEvents(db: LedgerDb, events: LedgerEventInput[], keep?: AppendFilter): Promise<LedgerEvent[]> {
  // Before touching the database: a refused event costs no lock and no seq.
  for (const event of events) assertSafeEvent(event);
  if (events.length === 0) return [];

  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${APPEND_LOCK_KEY})`);
    const kept = keep ? await keep(tx as unknown as LedgerDb, events) : events;
    if (kept.length === 0) return [];
    // Read committed: this statement's snapshot starts after the lock was granted,
    // so it sees the row the previous lock holder committed.
    const [last] = await tx
      .select({ hash: ledgerEvents.hash })
      .from(ledgerEvents)
      .orderBy(desc(ledgerEvents.seq))
      .limit(1);

    let prevHash = last?.hash ?? GENESIS_HASH;
    const rows = kept.map((event) => {
      const row = toUnhashedRow(event, prevHash);
      prevHash = eventHash(hashedFieldsOf(row));
      return { ...row, hash: prevHash };
    });
    const inserted: LedgerEvent[] = [];
    // One insert per chunk, rows in chain order, so seq order stays chain order.
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      inserted.push(...(await tx.insert(ledgerEvents).values(rows.slice(i, i + INSERT_CHUNK)).returning()));
    }
    return inserted;
    // Explicit: under REPEATABLE READ the snapshot would predate the lock and fork the chain.
  }, { isolationLevel: "read committed" });
}
