import { eq, sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { accountEvents, approvals, gatewayTokens, tokenBudgets } from "@/lib/db/schema";
import { describeEachBackend } from "@/lib/db/test-backends";
import { emitAccountEvent, emitAccountEvents } from "./emit";

const token = { userTokenId: "00000000-0000-4000-8000-000000000001", userTokenName: "bot", agentPortfolioId: "00000000-0000-4000-8000-000000000002" };

describeEachBackend("account events outbox", (get) => {
  it("writes events inside the caller's transaction: a rolled-back change leaves no event", async () => {
    const { db } = get();
    await db.execute(sql`truncate account_events restart identity`);
    await emitAccountEvent(db, { account: "alice", type: "token.frozen", data: token });
    await db
      .transaction(async (tx) => {
        await emitAccountEvents(tx, [{ account: "alice", type: "token.revoked", data: token }]);
        throw new Error("rolled back");
      })
      .catch(() => undefined);
    const rows = await db.select().from(accountEvents);
    expect(rows.map((r) => [r.account, r.type, r.dispatchedAt])).toEqual([["alice", "token.frozen", null]]);
    expect(rows[0].data).toEqual(token);
  });

  it("has the boundary, budget and approval tables the gateway needs", async () => {
    const { db } = get();
    const [row] = await db
      .insert(gatewayTokens)
      .values({ userTokenId: token.userTokenId, lookupKey: "k", account: "alice", agentPortfolioId: token.agentPortfolioId, userTokenName: "bot" })
      .onConflictDoNothing()
      .returning({ boundaries: gatewayTokens.boundaries });
    expect(row?.boundaries ?? {}).toEqual({});
    await db.insert(tokenBudgets).values({ userTokenId: token.userTokenId, period: "day", windowStart: new Date("2026-12-06T00:00:00Z") }).onConflictDoNothing();
    await db
      .insert(approvals)
      .values({
        id: "00000000-0000-4000-8000-000000000003",
        account: "alice",
        ...token,
        operationId: "openMarketPositionByAmountDemo",
        orderFingerprint: "f",
        order: { instrument: 1 },
        reason: "above $500",
        expiresAt: new Date(Date.now() + 600_000),
        requestId: "r",
      })
      .onConflictDoNothing();
    const [approval] = await db.select().from(approvals).where(eq(approvals.account, "alice"));
    expect(approval.status).toBe("pending");
  });
});
