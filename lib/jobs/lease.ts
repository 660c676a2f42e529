/**
 * The worker's side of the jobs table: claim a job under a lease, keep the lease,
 * settle items, end the job. Every write checks the lease owner, so an instance
 * that lost its lease (paused too long, taken over) can no longer change the job.
 *
 * Claiming is one UPDATE … WHERE id = (SELECT … FOR UPDATE SKIP LOCKED) RETURNING:
 * PostgreSQL and PGlite run the same statement. A job is claimable when queued, or
 * running with a lapsed lease (its instance died).
 */
import { and, asc, eq, sql } from "drizzle-orm";
import type { LedgerDb } from "@/lib/db/open";
import { jobItems, jobs, type JobItemRow, type JobRow } from "@/lib/db/schema";
import type { JobItemState as ItemState } from "./types";
import { sqlRows } from "./sql-rows";
import { IN_FLIGHT_AT_CANCEL } from "./store";

/**
 * A claimed job and how long ago it was created, both instants read from the
 * database's clock: an instance whose own clock is off by seconds still waits
 * the right time before a job's first eToro call (GATEWAY_FIRST_MS, worker.ts).
 */
export type ClaimedJob = JobRow & { ageMs: number };

export async function claimJob(db: LedgerDb, owner: string, leaseMs: number, busyAccounts: string[] = []): Promise<ClaimedJob | null> {
  const lease = `${leaseMs} milliseconds`;
  const notBusy = busyAccounts.length > 0 ? sql`and j.account not in (${sql.join(busyAccounts.map((a) => sql`${a}`), sql`, `)})` : sql``;
  // One job per account at a time (its calls share one pace anyway), so a long job of
  // one account never stands in front of another account's: the oldest job of an
  // account that no instance is running goes first.
  const [row] = await sqlRows<{ id: string; age_ms: number | string }>(
    db,
    sql`update jobs set state = 'running', lease_owner = ${owner},
               lease_expires_at = clock_timestamp() + ${lease}::interval,
               started_at = coalesce(started_at, clock_timestamp())
        where id = (
          select id from jobs j
          where (j.state = 'queued' or (j.state = 'running' and (j.lease_expires_at is null or j.lease_expires_at < clock_timestamp())))
            ${notBusy}
            and not exists (
              select 1 from jobs r
              where r.account = j.account and r.id <> j.id and r.state = 'running' and r.lease_expires_at >= clock_timestamp()
            )
          order by j.created_at
          limit 1
          for update skip locked
        )
        returning id, extract(epoch from clock_timestamp() - created_at) * 1000 as age_ms`,
  );
  if (!row) return null;
  const [job] = await db.select().from(jobs).where(eq(jobs.id, row.id));
  return job ? { ...job, ageMs: Number(row.age_ms) } : null;
}

/** Extends the lease; false when it is no longer ours or the job is no longer running (cancelled). */
export async function renewLease(db: LedgerDb, jobId: string, owner: string, leaseMs: number): Promise<boolean> {
  const renewed = await db
    .update(jobs)
    .set({ leaseExpiresAt: sql`clock_timestamp() + ${`${leaseMs} milliseconds`}::interval` })
    .where(and(eq(jobs.id, jobId), eq(jobs.leaseOwner, owner), eq(jobs.state, "running")))
    .returning({ id: jobs.id });
  return renewed.length === 1;
}

/** Hands the job back at once (graceful shutdown): another instance may claim it without waiting. */
export async function releaseLease(db: LedgerDb, jobId: string, owner: string): Promise<void> {
  await db
    .update(jobs)
    .set({ leaseExpiresAt: sql`clock_timestamp()` })
    .where(and(eq(jobs.id, jobId), eq(jobs.leaseOwner, owner)));
}

export async function nextPendingItem(db: LedgerDb, jobId: string): Promise<JobItemRow | null> {
  const [item] = await db
    .select()
    .from(jobItems)
    .where(and(eq(jobItems.jobId, jobId), eq(jobItems.state, "pending")))
    .orderBy(asc(jobItems.position))
    .limit(1);
  return item ?? null;
}

/** Counts an attempt before the call, so a takeover can tell an item that may already have run. */
export async function markAttempt(db: LedgerDb, itemId: number): Promise<void> {
  await db.update(jobItems).set({ attempts: sql`${jobItems.attempts} + 1` }).where(eq(jobItems.id, itemId));
}

/**
 * Records an item's outcome and the job's counters together, only while we hold the
 * lease and only once (the item must still be pending). False: not ours any more.
 */
export async function settleItem(
  db: LedgerDb,
  owner: string,
  item: JobItemRow,
  outcome: { state: Exclude<ItemState, "pending">; reason: string | null; requestId: string | null },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const counter = { done: jobs.done, failed: jobs.failed, skipped: jobs.skipped }[outcome.state];
    const owned = await tx
      .update(jobs)
      .set({ [outcome.state]: sql`${counter} + 1` })
      .where(and(eq(jobs.id, item.jobId), eq(jobs.leaseOwner, owner), eq(jobs.state, "running")))
      .returning({ id: jobs.id });
    if (owned.length === 0) return false;
    const settled = await tx
      .update(jobItems)
      .set({ state: outcome.state, reason: outcome.reason, requestId: outcome.requestId, endedAt: sql`clock_timestamp()` })
      .where(and(eq(jobItems.id, item.id), eq(jobItems.state, "pending")))
      .returning({ id: jobItems.id });
    if (settled.length === 0) tx.rollback();
    return true;
  }).catch((e: unknown) => {
    if (e instanceof Error && e.name === "TransactionRollbackError") return false;
    throw e;
  });
}

/**
 * The job was cancelled while this item's call was at eToro (store.ts marked it
 * IN_FLIGHT_AT_CANCEL): the answer that came back is the item's outcome after all,
 * so the job says what eToro did and Unfreeze can find what a freeze changed.
 */
export async function settleAfterCancel(
  db: LedgerDb,
  item: JobItemRow,
  outcome: { state: Exclude<ItemState, "pending">; reason: string | null; requestId: string | null },
): Promise<void> {
  await db.transaction(async (tx) => {
    const settled = await tx
      .update(jobItems)
      .set({ state: outcome.state, reason: outcome.reason, requestId: outcome.requestId, endedAt: sql`clock_timestamp()` })
      .where(and(eq(jobItems.id, item.id), eq(jobItems.state, "skipped"), eq(jobItems.reason, IN_FLIGHT_AT_CANCEL)))
      .returning({ id: jobItems.id });
    if (settled.length === 0 || outcome.state === "skipped") return;
    const counter = { done: jobs.done, failed: jobs.failed }[outcome.state];
    await tx
      .update(jobs)
      .set({ skipped: sql`${jobs.skipped} - 1`, [outcome.state]: sql`${counter} + 1` })
      .where(eq(jobs.id, item.jobId));
  });
}

/** Every pending item fails with one reason (the key no longer works): no call is wasted on them. */
export async function failPending(db: LedgerDb, owner: string, jobId: string, reason: string): Promise<void> {
  await db.transaction(async (tx) => {
    const owned = await tx.select({ id: jobs.id }).from(jobs).where(and(eq(jobs.id, jobId), eq(jobs.leaseOwner, owner)));
    if (owned.length === 0) return;
    const failed = await tx
      .update(jobItems)
      .set({ state: "failed", reason, endedAt: sql`clock_timestamp()` })
      .where(and(eq(jobItems.jobId, jobId), eq(jobItems.state, "pending")))
      .returning({ id: jobItems.id });
    await tx.update(jobs).set({ failed: sql`${jobs.failed} + ${failed.length}` }).where(eq(jobs.id, jobId));
  });
}

/** The job is over: erase the key, drop the lease. */
export async function finishJob(db: LedgerDb, owner: string, jobId: string): Promise<void> {
  await db
    .update(jobs)
    .set({ state: "finished", sealedCredentials: null, leaseOwner: null, leaseExpiresAt: null, endedAt: sql`clock_timestamp()` })
    .where(and(eq(jobs.id, jobId), eq(jobs.leaseOwner, owner), eq(jobs.state, "running")));
}
