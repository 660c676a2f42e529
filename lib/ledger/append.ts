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

/**
 * Events checked or hashed between two turns of the event loop. Checking and hashing
 * cost tens of microseconds an event, on the thread that serves requests: the
 * gateway's batch of 500 orders would otherwise hold every request in flight for
 * tens of milliseconds. Inside the transaction the lock is simply held a little longer.
 */
const EVENTS_PER_TURN = 16;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Rows per insert statement; each statement carries its rows as one JSON parameter. */
const INSERT_CHUNK = 2_000;

/**
 * Inserts rows, in order, as one JSON array parameter that the database unpacks itself
 * (jsonb_populate_recordset): about half the CPU of a multi-row VALUES list with 17
 * parameters a row, which on PGlite is the server's own thread (10,000 tokens
 * discovered on an account's first read). The select is ordered, so seq follows the
 * array, i.e. chain order. Returns the seq each id got.
 */
async function insertRows(tx: LedgerDb, rows: Omit<LedgerEvent, "seq">[]): Promise<Map<string, number>> {
  const json = JSON.stringify(
    rows.map((r) => ({
      id: r.id,
      at: r.at,
      account: r.account,
      action: r.action,
      outcome: r.outcome,
      error_code: r.errorCode,
      request_id: r.requestId,
      portfolio_id: r.portfolioId,
      portfolio_name: r.portfolioName,
      token_id: r.tokenId,
      token_name: r.tokenName,
      secret_hint: r.secretHint,
      before: r.before,
      after: r.after,
      client_ip: r.clientIp,
      prev_hash: r.prevHash,
      hash: r.hash,
    })),
  );
  const result = (await tx.execute(sql`
    insert into ledger_events (id, at, account, action, outcome, error_code, request_id, portfolio_id, portfolio_name,
      token_id, token_name, secret_hint, before, after, client_ip, prev_hash, hash)
    select r.id, r.at, r.account, r.action, r.outcome, r.error_code, r.request_id, r.portfolio_id, r.portfolio_name,
      r.token_id, r.token_name, r.secret_hint, r.before, r.after, r.client_ip, r.prev_hash, r.hash
    from jsonb_populate_recordset(null::ledger_events, ${json}::jsonb) with ordinality as r
    order by r.ordinality
    returning seq, id`)) as unknown as { rows: { seq: number | string; id: string }[] };
  return new Map(result.rows.map((row) => [row.id.toLowerCase(), Number(row.seq)]));
}

/**
 * Appends several events in one transaction under the append lock, chained in order.
 * `keep` sees what is already committed and drops what must not be written twice
 * (e.g. a token discovered by another instance a moment ago).
 */
export async function appendEvents(db: LedgerDb, events: LedgerEventInput[], keep?: AppendFilter): Promise<LedgerEvent[]> {
  // Before touching the database: a refused event costs no lock and no seq.
  for (let i = 0; i < events.length; i++) {
    if (i > 0 && i % EVENTS_PER_TURN === 0) await nextTurn();
    assertSafeEvent(events[i]);
  }
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
    const rows: Omit<LedgerEvent, "seq">[] = [];
    for (let i = 0; i < kept.length; i++) {
      if (i > 0 && i % EVENTS_PER_TURN === 0) await nextTurn();
      const row = toUnhashedRow(kept[i], prevHash);
      prevHash = eventHash(hashedFieldsOf(row));
      rows.push({ ...row, hash: prevHash });
    }
    const inserted: LedgerEvent[] = [];
    // One insert per chunk, rows in chain order, so seq order stays chain order.
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      const chunk = rows.slice(i, i + INSERT_CHUNK);
      const seqs = await insertRows(tx as unknown as LedgerDb, chunk);
      for (const row of chunk) inserted.push({ ...row, seq: seqs.get(row.id.toLowerCase())! });
    }
    return inserted;
    // Explicit: under REPEATABLE READ the snapshot would predate the lock and fork the chain.
  }, { isolationLevel: "read committed" });
}
