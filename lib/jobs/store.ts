/**
 * Jobs as the routes see them: create, list, read, cancel, retry. Every query is
 * scoped to the account, so one account can never see or touch another's jobs.
 * The sealed key is written here and erased here (and in worker-side `finishJob`);
 * nothing read from this module ever carries it.
 */
import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { LedgerDb } from "@/lib/db/open";
import type { LedgerSnapshot } from "@/lib/db/schema";
import { recordJobCancelled, recordJobRetried, type JobActor } from "./job-events";
import { estimateMs } from "./pace";
import { jobItems, jobs, type JobItemRow, type JobRow } from "@/lib/db/schema";
import { markFrozen } from "@/lib/gateway/token-registry";
import type { JobKind } from "./types";
import type { JobItemView, JobView } from "./types";

export type PlannedItem = {
  portfolioId: string;
  portfolioName: string | null;
  tokenId: string | null;
  tokenName: string | null;
  before: LedgerSnapshot | null;
  /** Freeze / unfreeze: the scopes to set. */
  scopeNames: string[] | null;
};

export async function createJob(
  db: LedgerDb,
  input: { account: string; kind: JobKind; items: PlannedItem[]; sealedCredentials: string; intervalMs: number; clientIp: string | null; sessionId: string | null },
): Promise<JobView> {
  const id = randomUUID();
  await db.transaction(async (tx) => {
    await tx.insert(jobs).values({
      id,
      account: input.account,
      kind: input.kind,
      state: "queued",
      total: input.items.length,
      intervalMs: input.intervalMs,
      sealedCredentials: input.sealedCredentials,
      clientIp: input.clientIp,
      sessionId: input.sessionId,
    });
    // Chunked: one statement per 500 items keeps the parameter count far below Postgres's limit.
    for (let i = 0; i < input.items.length; i += 500) {
      await tx.insert(jobItems).values(input.items.slice(i, i + 500).map((item, j) => ({ jobId: id, position: i + j, ...item })));
    }
  });
  return (await getJob(db, input.account, id, { items: false }))!;
}

export async function listJobs(db: LedgerDb, account: string, options: { active?: boolean; limit?: number } = {}): Promise<JobView[]> {
  const where = options.active
    ? and(eq(jobs.account, account), inArray(jobs.state, ["queued", "running"]))
    : eq(jobs.account, account);
  const rows = await db.select().from(jobs).where(where).orderBy(desc(jobs.createdAt)).limit(options.limit ?? 20);
  return rows.map((row) => toJobView(row));
}

export async function getJob(db: LedgerDb, account: string, id: string, options: { items?: boolean } = {}): Promise<JobView | null> {
  const jobOf = (q: LedgerDb) => q.select().from(jobs).where(and(eq(jobs.id, id), eq(jobs.account, account)));
  if (options.items === false) {
    const [row] = await jobOf(db);
    return row ? toJobView(row) : null;
  }
  // One snapshot for the counters and the items: the worker settles an item and its
  // counter in one transaction, and a view read across it would disagree with itself.
  return db.transaction(
    async (tx) => {
      const [row] = await jobOf(tx);
      if (!row) return null;
      const items = await tx.select().from(jobItems).where(eq(jobItems.jobId, id)).orderBy(asc(jobItems.position));
      return toJobView(row, items);
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}

/** What cancelling marks on an item whose call may be at eToro right now; the worker settles it when the answer comes. */
export const IN_FLIGHT_AT_CANCEL = "Cancelled while its call was at eToro; waiting for the answer";

/** Stops a queued or running job: the key is erased, what had not run is skipped. False when there was nothing to cancel. */
export async function cancelJob(db: LedgerDb, account: string, id: string, actor: JobActor): Promise<boolean> {
  const cancelled = await cancelWhere(db, and(eq(jobs.id, id), eq(jobs.account, account))!);
  for (const job of cancelled) await recordJobCancelled(account, actor, job, "cancel");
  return cancelled.length > 0;
}

/**
 * The queued and running jobs of the account (of one session, when given) stop:
 * their keys are erased at once. Returns the jobs it cancelled.
 */
export async function cancelJobsOf(db: LedgerDb, account: string, sessionId?: string): Promise<{ id: string; kind: JobKind }[]> {
  return cancelWhere(db, sessionId ? and(eq(jobs.account, account), eq(jobs.sessionId, sessionId))! : eq(jobs.account, account));
}

/**
 * A freeze or unfreeze marks the gateway for every token when the job starts
 * (start.ts), ahead of eToro. Cancelled, the tokens it never reached are put
 * back as they are at eToro: a cancelled freeze leaves no token refused at the
 * gateway yet writable at eToro, a cancelled unfreeze none let through at the
 * gateway yet still read-only at eToro. A revoke's mark stays: the decision to
 * kill a token is not taken back by stopping the calls (it fails closed; roll
 * a token revoked by mistake). An item whose call may be at eToro keeps its mark.
 */
async function undoGatewayMarks(db: LedgerDb, jobsCancelled: { kind: JobKind; untouchedTokenIds: string[] }[]): Promise<void> {
  for (const { kind, untouchedTokenIds } of jobsCancelled) {
    if (kind !== "freeze" && kind !== "unfreeze") continue;
    try {
      await markFrozen(db, untouchedTokenIds, kind === "unfreeze");
    } catch (error) {
      console.error(`[gateway] undoing a cancelled job's marks failed: ${(error as Error)?.name ?? "Error"}`);
    }
  }
}

async function cancelWhere(db: LedgerDb, where: SQL): Promise<{ id: string; kind: JobKind }[]> {
  const untouched: { kind: JobKind; untouchedTokenIds: string[] }[] = [];
  const cancelledJobs = await db.transaction(async (tx) => {
    const cancelled = await tx
      .update(jobs)
      .set({ state: "cancelled", sealedCredentials: null, leaseOwner: null, leaseExpiresAt: null, endedAt: sql`now()` })
      .where(and(where, inArray(jobs.state, ["queued", "running"])))
      .returning({ id: jobs.id, kind: jobs.kind });
    for (const { id } of cancelled) {
      // An item already attempted may have reached eToro: it says so until the worker learns the outcome.
      const skipped = await tx
        .update(jobItems)
        .set({
          state: "skipped",
          reason: sql`case when ${jobItems.attempts} > 0 then ${IN_FLIGHT_AT_CANCEL} else 'Cancelled before it ran' end`,
          endedAt: sql`now()`,
        })
        .where(and(eq(jobItems.jobId, id), eq(jobItems.state, "pending")))
        .returning({ id: jobItems.id, tokenId: jobItems.tokenId, attempts: jobItems.attempts });
      await tx.update(jobs).set({ skipped: sql`${jobs.skipped} + ${skipped.length}` }).where(eq(jobs.id, id));
      const kind = cancelled.find((job) => job.id === id)!.kind;
      untouched.push({ kind, untouchedTokenIds: skipped.flatMap((item) => (item.attempts === 0 && item.tokenId ? [item.tokenId] : [])) });
    }
    return cancelled;
  });
  await undoGatewayMarks(db, untouched);
  return cancelledJobs;
}

/**
 * "Retry failed": the failed items run again, with the key of the person asking
 * (sealed afresh: the job's own copy was erased when it ended). False when the job
 * has ended with nothing failed, or is still running.
 */
export async function retryFailed(db: LedgerDb, account: string, id: string, sealedCredentials: string, actor: JobActor): Promise<boolean> {
  const retried = await db.transaction(async (tx) => {
    const reopened = await tx
      .update(jobs)
      .set({ state: "queued", sealedCredentials, sessionId: actor.sessionId, failed: 0, endedAt: null, leaseOwner: null, leaseExpiresAt: null })
      .where(and(eq(jobs.id, id), eq(jobs.account, account), inArray(jobs.state, ["finished", "cancelled"]), sql`${jobs.failed} > 0`))
      .returning({ id: jobs.id, kind: jobs.kind });
    if (reopened.length === 0) return null;
    const items = await tx
      .update(jobItems)
      .set({ state: "pending", reason: null, endedAt: null })
      .where(and(eq(jobItems.jobId, id), eq(jobItems.state, "failed")))
      .returning({ id: jobItems.id });
    return { job: reopened[0], items: items.length };
  });
  if (!retried) return false;
  await recordJobRetried(account, actor, retried.job, retried.items);
  return true;
}

/**
 * The latest scopes each token had before a completed freeze of this account, for
 * Unfreeze. Tokens frozen twice: the earliest "before" since their last unfreeze
 * would be ideal; the latest freeze that changed them is what we have, and a second
 * freeze of a frozen token is skipped at planning (nothing to freeze), so they agree.
 */
export async function scopesBeforeFreeze(db: LedgerDb, account: string, tokenIds: string[]): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  if (tokenIds.length === 0) return found;
  for (let i = 0; i < tokenIds.length; i += 1_000) {
    const rows = await db
      .select({ tokenId: jobItems.tokenId, before: jobItems.before, endedAt: jobItems.endedAt })
      .from(jobItems)
      .innerJoin(jobs, eq(jobs.id, jobItems.jobId))
      .where(and(eq(jobs.account, account), eq(jobs.kind, "freeze"), eq(jobItems.state, "done"), inArray(jobItems.tokenId, tokenIds.slice(i, i + 1_000))))
      .orderBy(asc(jobItems.endedAt));
    // Ascending: the latest freeze of a token wins.
    for (const row of rows) if (row.tokenId && row.before?.scopeNames) found.set(row.tokenId, row.before.scopeNames);
  }
  return found;
}

function iso(date: Date | null): string | null {
  return date ? new Date(date).toISOString() : null;
}

export function toJobView(row: JobRow, items?: JobItemRow[]): JobView {
  const left = Math.max(0, row.total - row.done - row.failed - row.skipped);
  const active = row.state === "queued" || row.state === "running";
  return {
    id: row.id,
    kind: row.kind,
    state: row.state,
    total: row.total,
    done: row.done,
    failed: row.failed,
    skipped: row.skipped,
    left,
    etaSeconds: active ? Math.ceil(estimateMs(left, row.intervalMs) / 1000) : 0,
    createdAt: iso(row.createdAt)!,
    startedAt: iso(row.startedAt),
    endedAt: iso(row.endedAt),
    ...(items ? { items: items.map(toItemView) } : {}),
  };
}

function toItemView(item: JobItemRow): JobItemView {
  return {
    position: item.position,
    portfolioId: item.portfolioId,
    portfolioName: item.portfolioName,
    tokenId: item.tokenId,
    tokenName: item.tokenName,
    state: item.state,
    reason: item.reason,
    requestId: item.requestId,
    attempts: item.attempts,
  };
}
