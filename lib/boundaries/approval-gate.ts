/**
 * The gateway's side of a person's approval (the approvals table): holding an
 * order (a pending row, its approval.request ledger event and an
 * approval.requested account event, in one transaction), reading where an
 * approval stands when the agent retries, and using it up: one conditional
 * UPDATE approved → used, bound to the token and the order's fingerprint and
 * before it expires, so two retries racing on any instances use it once.
 */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { LedgerDb } from "@/lib/db/open";
import { approvals } from "@/lib/db/schema";
import { emitAccountEvent } from "@/lib/account-events/emit";
import { appendEvents } from "@/lib/ledger/append";
import type { BudgetOwner } from "./budget-store";

/** The order in plain fields, as the person sees it on the approvals page. */
export type HeldOrder = {
  operationId: string;
  environment: "demo" | "real" | null;
  instrumentId: number | null;
  symbol: string | null;
  side: string | null;
  amountUsd: number | null;
  units: number | null;
  leverage: number | null;
  valueUsdCents: number | null;
  /** The token's budget left when the order was held, per period (null: no such budget). */
  budgetLeftUsdCents: { day: number | null; week: number | null };
};

export type HoldRequest = {
  token: BudgetOwner;
  fingerprint: string;
  order: HeldOrder;
  reason: string;
  ttlMinutes: number;
  requestId: string;
  clientAddress: string;
  now: Date;
};

export type ApprovalStanding =
  | { state: "pending"; id: string; expiresAt: Date; reason: string }
  | { state: "approved"; id: string }
  | { state: "denied"; reason: string | null }
  | { state: "expired" }
  | { state: "used" }
  | { state: "other-order" }
  | { state: "unknown" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function holdForApproval(db: LedgerDb, hold: HoldRequest): Promise<{ id: string; expiresAt: Date }> {
  const id = randomUUID();
  const expiresAt = new Date(hold.now.getTime() + hold.ttlMinutes * 60_000);
  const { token } = hold;
  await db.transaction(async (tx) => {
    await tx.insert(approvals).values({
      id,
      account: token.account,
      userTokenId: token.userTokenId,
      agentPortfolioId: token.agentPortfolioId,
      userTokenName: token.userTokenName,
      operationId: hold.order.operationId,
      orderFingerprint: hold.fingerprint,
      order: hold.order,
      reason: hold.reason,
      requestedAt: hold.now,
      expiresAt,
      requestId: hold.requestId,
    });
    await appendEvents(tx as unknown as LedgerDb, [
      {
        account: token.account,
        action: "approval.request",
        outcome: "ok",
        at: hold.now,
        requestId: hold.requestId,
        portfolioId: token.agentPortfolioId,
        tokenId: token.userTokenId,
        tokenName: token.userTokenName,
        clientIp: hold.clientAddress,
        after: { approvalId: id, reason: hold.reason, expiresAt: expiresAt.toISOString(), order: hold.order },
      },
    ]);
    await emitAccountEvent(tx, {
      account: token.account,
      type: "approval.requested",
      data: {
        userTokenId: token.userTokenId,
        userTokenName: token.userTokenName,
        agentPortfolioId: token.agentPortfolioId,
        approvalId: id,
        reason: hold.reason,
        order: hold.order,
        expiresAt: expiresAt.toISOString(),
      },
    });
  });
  return { id, expiresAt };
}

/** The approval already waiting for this token's identical order, if any: asking again does not ask the person twice. */
export async function pendingFor(db: LedgerDb, userTokenId: string, fingerprint: string, now: Date): Promise<{ id: string; expiresAt: Date; reason: string } | null> {
  const [row] = await db
    .select({ id: approvals.id, expiresAt: approvals.expiresAt, reason: approvals.reason })
    .from(approvals)
    .where(
      sql`${approvals.userTokenId} = ${userTokenId} and ${approvals.orderFingerprint} = ${fingerprint} and ${approvals.status} = 'pending' and ${approvals.expiresAt} > ${now.toISOString()}::timestamptz`,
    )
    .orderBy(sql`${approvals.requestedAt} desc`)
    .limit(1);
  return row ?? null;
}

/** Where the approval an agent's retry names stands, for this token and this exact order. */
export async function approvalStanding(db: LedgerDb, approvalId: string, userTokenId: string, fingerprint: string, now: Date): Promise<ApprovalStanding> {
  if (!UUID.test(approvalId)) return { state: "unknown" };
  const [row] = await db
    .select({
      id: approvals.id,
      userTokenId: approvals.userTokenId,
      fingerprint: approvals.orderFingerprint,
      status: approvals.status,
      expiresAt: approvals.expiresAt,
      reason: approvals.reason,
      denialReason: approvals.denialReason,
    })
    .from(approvals)
    .where(sql`${approvals.id} = ${approvalId}`)
    .limit(1);
  // Another token's approval is as unknown to this one as a made-up id.
  if (!row || row.userTokenId !== userTokenId) return { state: "unknown" };
  if (row.fingerprint !== fingerprint) return { state: "other-order" };
  if (row.status === "used") return { state: "used" };
  if (row.status === "denied") return { state: "denied", reason: row.denialReason };
  if (row.status === "expired" || row.expiresAt.getTime() <= now.getTime()) return { state: "expired" };
  if (row.status === "approved") return { state: "approved", id: row.id };
  return { state: "pending", id: row.id, expiresAt: row.expiresAt, reason: row.reason };
}

/** Uses an approved approval up, inside the caller's transaction; false when it was not (any longer) approved, unexpired and this order's. */
export async function useApprovalWithin(tx: LedgerDb, approvalId: string, userTokenId: string, fingerprint: string): Promise<boolean> {
  const used = (await tx.execute(sql`
    update approvals set status = 'used', used_at = now()
    where id = ${approvalId} and user_token_id = ${userTokenId} and order_fingerprint = ${fingerprint}
      and status = 'approved' and expires_at > now()
    returning id`)) as unknown as { rows: unknown[] };
  return used.rows.length > 0;
}
