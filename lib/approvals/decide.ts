/**
 * A person's decision on a held order: one conditional UPDATE pending →
 * approved | denied, only for the signed-in account's own approval, only while
 * it is pending and unexpired (so it is decided once), with its
 * approval.approve / approval.deny ledger event in the same transaction.
 * Returns the decided row, or null when there was nothing to decide.
 */
import { and, eq, gt, sql } from "drizzle-orm";
import type { LedgerDb } from "@/lib/db/open";
import { approvals, type ApprovalRow } from "@/lib/db/schema";
import { appendEvents } from "@/lib/ledger/append";

export type ApprovalDecision = {
  id: string;
  /** The signed-in account: another account's approval is never decided. */
  account: string;
  decision: "approve" | "deny";
  /** Who decided: an actor fingerprint or label, never a key. */
  decidedBy: string;
  /** Why it was denied (shown to the agent); ignored for an approval. */
  reason?: string | null;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function decideApproval(db: LedgerDb, decision: ApprovalDecision): Promise<ApprovalRow | null> {
  if (!UUID.test(decision.id)) return null;
  const denialReason = decision.decision === "deny" ? (decision.reason?.trim() || "Denied by the person.").slice(0, 500) : null;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(approvals)
      .set({
        status: decision.decision === "approve" ? "approved" : "denied",
        decidedAt: sql`now()`,
        decidedBy: decision.decidedBy,
        denialReason,
      })
      .where(and(eq(approvals.id, decision.id), eq(approvals.account, decision.account), eq(approvals.status, "pending"), gt(approvals.expiresAt, sql`now()`)))
      .returning();
    if (!row) return null;
    await appendEvents(tx as unknown as LedgerDb, [
      {
        account: row.account,
        action: decision.decision === "approve" ? "approval.approve" : "approval.deny",
        outcome: "ok",
        requestId: row.requestId,
        portfolioId: row.agentPortfolioId,
        tokenId: row.userTokenId,
        tokenName: row.userTokenName,
        after: { approvalId: row.id, decidedBy: decision.decidedBy, ...(denialReason ? { reason: denialReason } : {}) },
      },
    ]);
    return row;
  });
}
