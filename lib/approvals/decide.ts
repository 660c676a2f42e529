/**
 * A person's decision on a held order: one conditional UPDATE … RETURNING
 * (pending → approved | denied, only for the deciding account, only before it
 * expires) and its ledger event in the same transaction, so a decision exists
 * exactly when its record does, and two decisions racing (two tabs, two
 * instances) leave exactly one winner. No "server-only": the gateway's tests and
 * the server process import it too.
 */
import { and, eq, gt, sql } from "drizzle-orm";
import type { LedgerDb } from "@/lib/db/open";
import { approvals, type ApprovalRow } from "@/lib/db/schema";
import { appendEvents } from "@/lib/ledger/append";
import { isId } from "@/lib/schemas/id";
import { readApprovalOrder } from "./order";
import { orderWords } from "./order-words";
import { DENIAL_REASON_MAX } from "./types";

/** What the person chose (the row's status becomes approved / denied). */
export type Decision = "approve" | "deny";

export type DecideInput = {
  id: string;
  /** The signed-in account: another account's approval is never touched. */
  account: string;
  decision: Decision;
  /** Who decided: the account's actor fingerprint, never a key. */
  decidedBy: string;
  /** How the page names the decider ("Account 3f9a·c2"), kept beside the fingerprint in the ledger. */
  decidedByLabel?: string | null;
  /** A denial's reason (what the agent is told); ignored for an approval. */
  reason?: string | null;
  /** Where the decision came from, for the ledger: the sign-in and its address and browser. */
  sessionId?: string | null;
  clientIp?: string | null;
  browser?: string | null;
};

/** The decided approval, or null when there was nothing to decide (unknown, another account's, already decided or expired). */
export async function decideApproval(db: LedgerDb, input: DecideInput): Promise<ApprovalRow | null> {
  if (!isId(input.id)) return null;
  const status = input.decision === "approve" ? "approved" : "denied";
  const denialReason = input.decision === "deny" ? input.reason?.trim().slice(0, DENIAL_REASON_MAX) || null : null;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(approvals)
      .set({ status, decidedAt: sql`now()`, decidedBy: input.decidedBy, denialReason })
      .where(and(eq(approvals.id, input.id), eq(approvals.account, input.account), eq(approvals.status, "pending"), gt(approvals.expiresAt, sql`now()`)))
      .returning();
    if (!row) return null;
    const order = readApprovalOrder(row.order, row.operationId);
    await appendEvents(tx as unknown as LedgerDb, [
      {
        account: row.account,
        action: input.decision === "approve" ? "approval.approve" : "approval.deny",
        outcome: "ok",
        at: row.decidedAt ?? new Date(),
        requestId: row.requestId,
        portfolioId: row.agentPortfolioId,
        tokenId: row.userTokenId,
        tokenName: row.userTokenName,
        clientIp: input.clientIp ?? null,
        after: {
          approvalId: row.id,
          decision: status,
          decidedBy: input.decidedBy,
          decidedByLabel: input.decidedByLabel ?? null,
          sessionId: input.sessionId ?? null,
          browser: input.browser ?? null,
          order: orderWords(order),
          operationId: row.operationId,
          environment: order.environment,
          valueUsdCents: order.valueUsdCents,
          // What the agent is told when it asks again.
          ...(denialReason ? { reason: denialReason } : {}),
        },
      },
    ]);
    return row;
  });
}

/** What stands in the way of deciding: the row as the account sees it (null: none of its own). */
export async function approvalOf(db: LedgerDb, account: string, id: string): Promise<ApprovalRow | null> {
  const [row] = await db.select().from(approvals).where(and(eq(approvals.id, id), eq(approvals.account, account))).limit(1);
  return row ?? null;
}
