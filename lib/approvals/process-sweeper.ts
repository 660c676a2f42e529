import "server-only";
/**
 * This server process's approval sweeper, started from instrumentation.ts: every
 * few seconds the overdue pending approvals of every account become expired, each
 * recorded in the ledger, whether or not anybody looks. Every instance sweeps;
 * the conditional UPDATE lets each approval expire once. Kept on globalThis so
 * Next's dev reloads do not start a second one.
 */
import { getLedgerDb } from "@/lib/db/process-db";
import { expireApprovals } from "./expire";

const KEY = Symbol.for("agent-portfolio-console.approval-sweeper");
type SweeperGlobal = typeof globalThis & { [KEY]?: ReturnType<typeof setInterval> };

/** An expiry is in the ledger at most this long after it happened. */
export const SWEEP_INTERVAL_MS = 15_000;

export function startApprovalSweeper(): void {
  const store = globalThis as SweeperGlobal;
  if (store[KEY]) return;
  let running = false;
  const sweep = async () => {
    if (running) return;
    running = true;
    try {
      await expireApprovals(await getLedgerDb());
    } catch (e) {
      // The next tick tries again; name only (driver messages carry query parameters).
      console.error(`[approvals] expiry sweep failed: ${e instanceof Error ? e.name : typeof e}`);
    } finally {
      running = false;
    }
  };
  store[KEY] = setInterval(() => void sweep(), SWEEP_INTERVAL_MS);
  store[KEY].unref();
  void sweep();
}
