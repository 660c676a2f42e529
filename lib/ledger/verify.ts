/**
 * Walks the whole chain in seq order, a page at a time (constant memory at any
 * size), and names the first broken link:
 *  - a row whose content no longer matches its hash (edited), or
 *  - a row whose prev_hash is not the previous row's hash (a row deleted, inserted or
 *    re-hashed before it; for the first row: not the genesis hash).
 * Limits, by nature of a chain: removing the newest rows leaves a shorter chain that
 * still verifies; anyone who can rewrite every later row can forge the rest. Keep
 * database rights tight and note the last hash elsewhere if that matters.
 *
 * No `server-only`: used by `npm run ledger:verify` under plain tsx.
 */
import { asc, gt } from "drizzle-orm";
import { GENESIS_HASH, eventHash } from "./hash";
import { hashedFieldsOf } from "./event";
import type { LedgerDb } from "../db/open";
import { ledgerEvents } from "../db/schema";

export type VerifyResult =
  | { ok: true; count: number }
  /** count: events checked, the broken one included. */
  | { ok: false; count: number; brokenAt: number; reason: string };

export async function verifyLedger(db: LedgerDb, options: { pageSize?: number } = {}): Promise<VerifyResult> {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { last, ...result } = await verifyLedgerFrom(db, null, options);
  return result;
}

/** A verified position in the chain: a row's seq and hash. */
export type ChainPoint = { seq: number; hash: string };

/**
 * Walks the chain from just after `start` (a point an earlier walk verified; null =
 * from the genesis), so a caller can check only what was appended since. `count` is
 * the events checked in this walk; `last` the last verified point (= `start` when
 * nothing new).
 */
export async function verifyLedgerFrom(
  db: LedgerDb,
  start: ChainPoint | null,
  options: { pageSize?: number } = {},
): Promise<VerifyResult & { last: ChainPoint | null }> {
  const pageSize = Math.max(1, Math.min(options.pageSize ?? 1000, 10_000));
  let prevHash = start?.hash ?? GENESIS_HASH;
  let lastSeq = start?.seq ?? 0;
  let count = 0;
  const last = () => (lastSeq > 0 ? { seq: lastSeq, hash: prevHash } : null);

  for (;;) {
    // Keyset paging: seq > last seen, so each page is an index range scan.
    const page = await db
      .select()
      .from(ledgerEvents)
      .where(gt(ledgerEvents.seq, lastSeq))
      .orderBy(asc(ledgerEvents.seq))
      .limit(pageSize);

    for (const row of page) {
      count++;
      if (row.prevHash !== prevHash) {
        const reason =
          lastSeq === 0
            ? "prev_hash of the first event is not the genesis hash (earlier events removed?)"
            : `prev_hash does not match the hash of the previous event #${lastSeq} (an event removed or inserted in between?)`;
        return { ok: false, count, brokenAt: row.seq, reason, last: last() };
      }
      if (eventHash(hashedFieldsOf(row)) !== row.hash) {
        return { ok: false, count, brokenAt: row.seq, reason: "hash does not match the event's content (event altered)", last: last() };
      }
      prevHash = row.hash;
      lastSeq = row.seq;
    }
    if (page.length < pageSize) return { ok: true, count, last: last() };
  }
}
