/**
 * The account's call budget, shared by every instance through the database.
 *
 * eToro allows 60 calls a minute per account, shared with page reads, so jobs spend
 * JOBS_CALLS_PER_MINUTE (default 50) and leave the rest for people. Each call reserves
 * the next free slot with one atomic UPDATE (`next_at` moves on by one interval), so
 * two instances running jobs of one account together still keep the pace. A 429
 * pushes `next_at` to the end of its Retry-After for every instance at once.
 * Times come from the database clock, so instances need not agree on theirs.
 */
import { sql } from "drizzle-orm";
import type { LedgerDb } from "@/lib/db/open";
import { sqlRows } from "./sql-rows";

/** How long `calls` paced calls take: the first goes at once, the rest one interval apart, plus the last call itself. */
export function estimateMs(calls: number, intervalMs: number): number {
  return calls <= 0 ? 0 : calls * intervalMs;
}

/**
 * Reserves the account's next call slot; returns how many ms to wait before making
 * the call (0 when the slot is now).
 */
export async function reserveCall(db: LedgerDb, account: string, intervalMs: number): Promise<number> {
  const step = `${intervalMs} milliseconds`;
  const [row] = await sqlRows<{ wait_ms: number | string }>(
    db,
    sql`insert into job_budgets as b (account, next_at)
        values (${account}, clock_timestamp() + ${step}::interval)
        on conflict (account) do update
          set next_at = greatest(b.next_at, clock_timestamp()) + ${step}::interval
        returning greatest(0, extract(epoch from (b.next_at - ${step}::interval - clock_timestamp())) * 1000) as wait_ms`,
  );
  return Math.ceil(Number(row?.wait_ms ?? 0));
}

/** eToro said 429: nobody of this account calls again before Retry-After has passed. */
export async function holdCalls(db: LedgerDb, account: string, retryAfterSeconds: number): Promise<void> {
  const pause = `${Math.max(1, retryAfterSeconds)} seconds`;
  await db.execute(
    sql`insert into job_budgets as b (account, next_at) values (${account}, clock_timestamp() + ${pause}::interval)
        on conflict (account) do update set next_at = greatest(b.next_at, clock_timestamp() + ${pause}::interval)`,
  );
}
