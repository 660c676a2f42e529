import { sql } from "drizzle-orm";
import { beforeEach, expect, it } from "vitest";
import { gatewayTokens, ledgerEvents, tokenBudgets } from "@/lib/db/schema";
import { describeEachBackend } from "@/lib/db/test-backends";
import { dayStart as dayWindowStart, weekStart as weekWindowStart } from "@/lib/boundaries/judge";
import { decideApproval } from "./decide";
import { listApprovals } from "./queries";
import { ALICE_ACCOUNT, BOB_ACCOUNT, insertPendingApproval } from "./test-approvals";

const labelOf = (account: string) => `Account ${account.slice(0, 4)}`;

describeEachBackend("listing approvals", (get) => {
  beforeEach(async () => {
    await get().db.execute(sql`truncate approvals, gateway_tokens, token_budgets`);
  });

  it("pending first (soonest to expire first) with the token's budget left, then the decided ones with who decided", async () => {
    const { db } = get();
    const now = new Date();
    const later = await insertPendingApproval(db, { expiresAt: new Date(now.getTime() + 9 * 60_000) });
    const sooner = await insertPendingApproval(db, { expiresAt: new Date(now.getTime() + 2 * 60_000) });
    const denied = await insertPendingApproval(db);
    await decideApproval(db, { id: denied.id, account: ALICE_ACCOUNT, decision: "deny", decidedBy: ALICE_ACCOUNT, reason: "Not today." });
    await db.insert(gatewayTokens).values({
      userTokenId: later.userTokenId,
      lookupKey: "k1",
      account: ALICE_ACCOUNT,
      agentPortfolioId: later.agentPortfolioId,
      userTokenName: "live-trader",
      boundaries: { dailyBudgetUsdCents: 100_000, weeklyBudgetUsdCents: 300_000 },
    });
    await db.insert(tokenBudgets).values([
      { userTokenId: later.userTokenId, period: "day", windowStart: dayWindowStart(now), usedCents: 25_000 },
      { userTokenId: later.userTokenId, period: "week", windowStart: weekWindowStart(now), usedCents: 310_000 },
      // Yesterday's window is not today's.
      { userTokenId: later.userTokenId, period: "day", windowStart: new Date(dayWindowStart(now).getTime() - 86_400_000), usedCents: 99_000 },
    ]);

    const list = await listApprovals(db, ALICE_ACCOUNT, { filter: "all", labelOf, now });
    expect(list.pendingCount).toBe(2);
    expect(list.approvals.map((a) => a.id)).toEqual([sooner.id, later.id, denied.id]);
    expect(list.approvals[0].budgets).toEqual([
      { period: "day", limitUsdCents: 100_000, usedUsdCents: 25_000, leftUsdCents: 75_000 },
      { period: "week", limitUsdCents: 300_000, usedUsdCents: 310_000, leftUsdCents: 0 },
    ]);
    expect(list.approvals[0].order).toMatchObject({ symbol: "AAPL", side: "buy", amountUsdCents: 60_000, environment: "real" });
    expect(list.approvals[2]).toMatchObject({ status: "denied", decidedBy: "Account a11c", decidedByYou: true, denialReason: "Not today.", budgets: [] });

    const pendingOnly = await listApprovals(db, ALICE_ACCOUNT, { filter: "pending", labelOf, now });
    expect(pendingOnly.approvals.map((a) => a.status)).toEqual(["pending", "pending"]);
    const decidedOnly = await listApprovals(db, ALICE_ACCOUNT, { filter: "decided", labelOf, now });
    expect(decidedOnly).toMatchObject({ pendingCount: 2, approvals: [{ id: denied.id }] });
  });

  it("Bob sees none of Alice's approvals", async () => {
    const { db } = get();
    await insertPendingApproval(db);
    const bob = await listApprovals(db, BOB_ACCOUNT, { filter: "all", labelOf });
    expect(bob).toMatchObject({ approvals: [], pendingCount: 0 });
  });

  it("a read expires (and records) what is overdue before answering", async () => {
    const { db } = get();
    const overdue = await insertPendingApproval(db, { expiresAt: new Date(Date.now() - 1_000) });
    const list = await listApprovals(db, ALICE_ACCOUNT, { filter: "all", labelOf });
    expect(list.pendingCount).toBe(0);
    expect(list.approvals).toMatchObject([{ id: overdue.id, status: "expired", decidedBy: null, decidedByYou: false }]);
    expect((await db.select().from(ledgerEvents)).map((e) => e.action)).toEqual(["approval.expire"]);
  });
});
