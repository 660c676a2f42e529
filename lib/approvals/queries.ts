/**
 * The approvals of one account as the person sees them: the pending ones
 * (soonest to expire first) with their token's budgets now, and the decided ones
 * (newest first). Another account's approvals are never read. Overdue pending
 * approvals are expired (and recorded) first, so nothing shows as waiting that can
 * no longer be approved.
 */
import { and, asc, count, desc, eq, ne } from "drizzle-orm";
import type { LedgerDb } from "@/lib/db/open";
import { approvals, type ApprovalRow } from "@/lib/db/schema";
import { budgetsLeft } from "./budget-left";
import { expireApprovals } from "./expire";
import { readApprovalOrder } from "./order";
import type { ApprovalList, ApprovalListFilter, ApprovalStatus, ApprovalView, BudgetLeft } from "./types";

/** The decided ones shown: the most recent. */
export const DECIDED_SHOWN = 50;

export type ListOptions = {
  filter: ApprovalListFilter;
  /** How the page names a deciding account (a short label of its fingerprint). */
  labelOf: (account: string) => string;
  now?: Date;
};

export async function listApprovals(db: LedgerDb, account: string, options: ListOptions): Promise<ApprovalList> {
  await expireApprovals(db, { account });
  const now = options.now ?? new Date();
  const pending =
    options.filter === "decided"
      ? []
      : await db.select().from(approvals).where(and(eq(approvals.account, account), eq(approvals.status, "pending"))).orderBy(asc(approvals.expiresAt));
  const decided =
    options.filter === "pending"
      ? []
      : await db
          .select()
          .from(approvals)
          .where(and(eq(approvals.account, account), ne(approvals.status, "pending")))
          .orderBy(desc(approvals.decidedAt), desc(approvals.requestedAt))
          .limit(DECIDED_SHOWN);
  const pendingCount =
    options.filter === "decided"
      ? await countPending(db, account)
      : pending.length;
  const budgets = await budgetsLeft(db, account, pending.map((r) => r.userTokenId), now);
  return {
    approvals: [...pending, ...decided].map((row) => toView(row, account, options.labelOf, row.status === "pending" ? budgets.get(row.userTokenId) ?? [] : [])),
    pendingCount,
    serverNow: now.toISOString(),
  };
}

async function countPending(db: LedgerDb, account: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(approvals).where(and(eq(approvals.account, account), eq(approvals.status, "pending")));
  return Number(row?.n ?? 0);
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toView(row: ApprovalRow, account: string, labelOf: (account: string) => string, budgets: BudgetLeft[]): ApprovalView {
  return {
    id: row.id,
    status: row.status as ApprovalStatus,
    reason: row.reason,
    operationId: row.operationId,
    order: readApprovalOrder(row.order, row.operationId),
    userTokenId: row.userTokenId,
    userTokenName: row.userTokenName,
    agentPortfolioId: row.agentPortfolioId,
    requestedAt: row.requestedAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    decidedAt: iso(row.decidedAt),
    decidedBy: row.decidedBy ? labelOf(row.decidedBy) : null,
    decidedByYou: row.decidedBy === account,
    denialReason: row.denialReason,
    usedAt: iso(row.usedAt),
    requestId: row.requestId,
    budgets,
  };
}
