import "server-only";
/**
 * The chain's verification state for the audit page, kept fast at any ledger size:
 * a full walk at most every FULL_RECHECK_MS, and in between only the events appended
 * since the last verified point. A walk of 100,000 events takes seconds (see
 * `npm run bench`); an incremental check of what a minute adds takes milliseconds.
 * Concurrent callers share one walk. An edit to an old, already verified row shows at
 * the next full walk (within FULL_RECHECK_MS); a new row that does not link shows at once.
 */
import type { LedgerDb } from "./open";
import { verifyLedgerFrom, type ChainPoint } from "./verify";

export const FULL_RECHECK_MS = 5 * 60_000;
/** Within this, answer from memory: a page load and its refetches cost no walk at all. */
export const FRESH_MS = 5_000;

export type ChainStatus = {
  state: "verified" | "broken";
  /** When this state was established (ISO). */
  checkedAt: string;
  /** When the whole chain was last walked (ISO). */
  fullCheckAt: string;
};

type State = { status: ChainStatus; point: ChainPoint | null; fullAt: number; checkedAt: number };
type Store = { state?: State; pending?: Promise<ChainStatus> };

const KEY = Symbol.for("agent-portfolio-console.chain-status");
const store = ((globalThis as Record<symbol, Store | undefined>)[KEY] ??= {});

export async function chainStatus(db: LedgerDb, now = Date.now()): Promise<ChainStatus> {
  const state = store.state;
  if (state && now - state.checkedAt < FRESH_MS) return state.status;
  store.pending ??= check(db, now).finally(() => {
    store.pending = undefined;
  });
  return store.pending;
}

async function check(db: LedgerDb, now: number): Promise<ChainStatus> {
  const previous = store.state;
  // A broken chain is re-walked in full: it may have been repaired (restored from backup).
  const full = !previous || previous.status.state === "broken" || now - previous.fullAt >= FULL_RECHECK_MS;
  const result = await verifyLedgerFrom(db, full ? null : previous.point);
  const fullAt = full ? now : previous.fullAt;
  const status: ChainStatus = {
    state: result.ok ? "verified" : "broken",
    checkedAt: new Date(now).toISOString(),
    fullCheckAt: new Date(fullAt).toISOString(),
  };
  store.state = { status, point: result.ok ? result.last : null, fullAt, checkedAt: now };
  return status;
}

/** Forgets the cached state (tests). */
export function resetChainStatus(): void {
  store.state = undefined;
}
