import "server-only";
/**
 * Is this session still open? The answer comes from the shared database, cached per
 * instance for SESSION_RECHECK_MS so the check costs the list route one Map lookup
 * most of the time. An ending on this instance is seen here at once; one on another
 * instance within SESSION_RECHECK_MS. Last-seen is written at most every
 * LAST_SEEN_EVERY_MS per session and instance.
 */
import { getLedgerDb } from "@/lib/db/process-db";
import { sessionState, touchSession } from "./store";

export const SESSION_RECHECK_MS = 5_000;
export const LAST_SEEN_EVERY_MS = 60_000;
/** Bounds memory: past this many cached sessions the oldest entries are dropped (and re-read when needed). */
const MAX_CACHED = 10_000;

type Entry = { live: boolean; account: string; checkedAt: number; seenAt: number };

const CACHE_KEY = Symbol.for("agent-portfolio-console.session-registry");
const store = globalThis as typeof globalThis & { [CACHE_KEY]?: Map<string, Entry> };
const cache = (store[CACHE_KEY] ??= new Map<string, Entry>());

function remember(id: string, entry: Entry): void {
  cache.delete(id);
  cache.set(id, entry);
  if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
}

/**
 * True when the session `id` belongs to `account`, has not ended and started less
 * than `ttlMs` ago. When the database cannot be asked, the last answer this instance
 * had stands; with none, the sealed cookie is trusted (logged): an outage of the
 * ledger must not lock everyone out, including people who came to revoke a token.
 */
export async function isSessionLive(id: string, account: string, ttlMs: number, now = Date.now()): Promise<boolean> {
  const known = cache.get(id);
  if (known && (!known.live || known.account !== account)) return false;
  if (known && now - known.checkedAt < SESSION_RECHECK_MS) return true;
  try {
    const db = await getLedgerDb();
    const state = await sessionState(db, id);
    const live = !!state && state.account === account && !state.endedAt && now - state.startedAt.getTime() < ttlMs;
    const seenAt = state?.lastSeenAt.getTime() ?? 0;
    remember(id, { live, account, checkedAt: now, seenAt });
    if (live && now - seenAt >= LAST_SEEN_EVERY_MS) {
      await touchSession(db, id, new Date(now));
      remember(id, { live, account, checkedAt: now, seenAt: now });
    }
    return live;
  } catch (e) {
    console.error(`[sessions] check failed: ${e instanceof Error ? e.name : typeof e}`);
    return known?.live ?? true;
  }
}

/** Sessions just ended through this instance: refused here from now on, without waiting for a re-check. */
export function forgetSessions(ids: string[], account: string): void {
  for (const id of ids) remember(id, { live: false, account, checkedAt: Date.now(), seenAt: 0 });
}
