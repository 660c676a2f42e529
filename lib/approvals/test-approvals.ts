/**
 * Test support (not a test): a pending approval inserted the way the gateway
 * writes one (the order's plain fields, the rule in words, a fingerprint), for
 * the approvals tests and the browser test's seed.
 */
import { randomUUID } from "node:crypto";
import type { LedgerDb } from "@/lib/db/open";
import { approvals, type ApprovalRow } from "@/lib/db/schema";

export const ALICE_ACCOUNT = "a11ce0000000a11c";
export const BOB_ACCOUNT = "b0b0000000000b0b";

export async function insertPendingApproval(db: LedgerDb, overrides: Partial<typeof approvals.$inferInsert> = {}): Promise<ApprovalRow> {
  const [row] = await db
    .insert(approvals)
    .values({
      id: randomUUID(),
      account: ALICE_ACCOUNT,
      userTokenId: "00000000-0000-4000-8000-0000000000a1",
      agentPortfolioId: "00000000-0000-4000-8000-0000000000b1",
      userTokenName: "live-trader",
      operationId: "openMarketPositionByAmount",
      orderFingerprint: "f".repeat(64),
      // The gateway's HeldOrder (lib/boundaries/approval-gate.ts on the gateway's side).
      order: {
        operationId: "openMarketPositionByAmount",
        environment: "real",
        instrumentId: 1001,
        symbol: "AAPL",
        side: "buy",
        amountUsd: 600,
        units: null,
        leverage: 1,
        valueUsdCents: 60_000,
        budgetLeftUsdCents: { day: null, week: null },
      },
      reason: "Orders above $250 wait for your approval.",
      expiresAt: new Date(Date.now() + 10 * 60_000),
      requestId: randomUUID(),
      ...overrides,
    })
    .returning();
  return row;
}
