import "server-only";
/**
 * The chain's verification state for the audit page, kept fast at any ledger size:
 * a full walk at most every FULL_RECHECK_MS, and in between only the events appended
 * since the last verified point. A walk of 100,000 events takes seconds (see
 * `npm run bench`); an incremental check of what a minute adds takes milliseconds.
 * Only the first check of a process waits for a full walk; later full walks run in the
 * background while callers get the incremental answer. Concurrent callers share one
 * walk. An edit to an old, already verified row shows once the next full walk ends
 * (FULL_RECHECK_MS plus the walk's duration); a new row that does not link shows at once.
 */
import type { LedgerDb } from "../db/open";
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
type Store = { state?: State; pending?: Promise<ChainStatus>; fullWalk?: Promise<ChainStatus | undefined> };

const KEY = Symbol.for("agent-portfolio-console.chain-status");
const store = ((globalThis as Record<symbol, Store | undefined>)[KEY] ??= {});

export async function chainStatus(db: LedgerDb, now = Date.now()): Promise<ChainStatus> {
  const state = store.state;
  if (state && now - state.checkedAt < FRESH_MS) return state.status;
  const fullDue = !state || state.status.state === "broken" || now - state.fullAt >= FULL_RECHECK_MS;
  if (fullDue && state?.status.state === "verified") {
    // Re-walk everything in the background; meanwhile answer from the cheap incremental check.
    store.fullWalk ??= check(db, now, true)
      .catch(() => undefined)
      .finally(() => {
        store.fullWalk = undefined;
      });
  }
  store.pending ??= check(db, now, fullDue && !state).finally(() => {
    store.pending = undefined;
  });
  return store.pending;
}

async function check(db: LedgerDb, now: number, full: boolean): Promise<ChainStatus> {
  const previous = store.state;
  // A broken chain is re-walked in full: it may have been repaired (restored from backup).
  const walkAll = full || !previous || previous.status.state === "broken";
  const result = await verifyLedgerFrom(db, walkAll ? null : previous.point);
  const fullAt = walkAll ? now : previous.fullAt;
  const status: ChainStatus = {
    state: result.ok ? "verified" : "broken",
    checkedAt: new Date(now).toISOString(),
    fullCheckAt: new Date(fullAt).toISOString(),
  };
  // The background full walk and an incremental check may overlap: "broken" wins, and a
  // verified full walk keeps a later point an incremental check already reached.
  const current = store.state;
  if (current && current !== previous) {
    if (current.status.state === "broken" && result.ok) return current.status;
    if (result.ok && current.point && (result.last?.seq ?? 0) < current.point.seq) {
      store.state = { ...current, fullAt: Math.max(fullAt, current.fullAt) };
      return current.status;
    }
  }
  store.state = { status, point: result.ok ? result.last : null, fullAt, checkedAt: now };
  return status;
}

/** The background full walk under way, if any (tests wait for it). */
export function backgroundWalk(): Promise<unknown> | undefined {
  return store.fullWalk;
}

/** Forgets the cached state (tests). */
export function resetChainStatus(): void {
  store.state = undefined;
}
