/**
 * Approvals nobody decided in time become `expired`, each with its
 * approval.expire ledger event, in one transaction per sweep: a conditional
 * UPDATE … RETURNING, so two instances sweeping at once expire (and record) each
 * approval once. The server process sweeps on a timer (process-sweeper.ts), so an
 * expiry is recorded even if nobody looks; reads sweep their account first, so
 * nobody sees "pending" on an approval that can no longer be approved.
 */
import { and, eq, inArray, lte, sql } from "drizzle-orm";
import type { LedgerDb } from "@/lib/db/open";
import { approvals, type ApprovalRow } from "@/lib/db/schema";
import { appendEvents } from "@/lib/ledger/append";
import { readApprovalOrder } from "./order";
import { orderWords } from "./order-words";

/** At most this many per transaction; a sweep goes on until none is left. */
const SWEEP_BATCH = 500;

/** Marks the overdue pending approvals expired (of one account, or all); returns them. */
export async function expireApprovals(db: LedgerDb, options: { account?: string } = {}): Promise<ApprovalRow[]> {
  const expired: ApprovalRow[] = [];
  for (;;) {
    const batch = await expireBatch(db, options.account);
    expired.push(...batch);
    if (batch.length < SWEEP_BATCH) return expired;
  }
}

async function expireBatch(db: LedgerDb, account: string | undefined): Promise<ApprovalRow[]> {
  const overdue = and(eq(approvals.status, "pending"), lte(approvals.expiresAt, sql`now()`), account === undefined ? undefined : eq(approvals.account, account));
  return db.transaction(async (tx) => {
    const due = tx.select({ id: approvals.id }).from(approvals).where(overdue).orderBy(approvals.expiresAt).limit(SWEEP_BATCH);
    // The status is asked again by the UPDATE itself: a row decided or expired meanwhile is skipped.
    const rows = await tx
      .update(approvals)
      .set({ status: "expired", decidedAt: sql`now()` })
      .where(and(inArray(approvals.id, due), overdue))
      .returning();
    if (rows.length === 0) return rows;
    await appendEvents(
      tx as unknown as LedgerDb,
      rows.map((row) => ({
        account: row.account,
        action: "approval.expire" as const,
        outcome: "ok" as const,
        at: row.decidedAt ?? new Date(),
        requestId: row.requestId,
        portfolioId: row.agentPortfolioId,
        tokenId: row.userTokenId,
        tokenName: row.userTokenName,
        after: {
          approvalId: row.id,
          decision: "expired",
          expiresAt: row.expiresAt.toISOString(),
          order: orderWords(readApprovalOrder(row.order, row.operationId)),
          operationId: row.operationId,
        },
      })),
    );
    return rows;
  });
}
