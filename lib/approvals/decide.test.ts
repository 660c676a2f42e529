import { eq, sql } from "drizzle-orm";
import { beforeEach, expect, it } from "vitest";
import { approvals, ledgerEvents } from "@/lib/db/schema";
import { describeEachBackend } from "@/lib/db/test-backends";
import { verifyLedger } from "@/lib/ledger/verify";
import { approvalOf, decideApproval } from "./decide";
import { ALICE_ACCOUNT, BOB_ACCOUNT, insertPendingApproval } from "./test-approvals";

describeEachBackend("deciding an approval", (get) => {
  beforeEach(async () => {
    await get().db.execute(sql`truncate approvals`);
  });

  it("approves once: the row says who and when, and the ledger has approval.approve with the order in words", async () => {
    const { db } = get();
    const held = await insertPendingApproval(db);
    const decided = await decideApproval(db, { id: held.id, account: ALICE_ACCOUNT, decision: "approve", decidedBy: ALICE_ACCOUNT, sessionId: "s1", clientIp: "203.0.113.9", browser: "Chrome on Linux" });
    expect(decided?.status).toBe("approved");
    expect(decided?.decidedBy).toBe(ALICE_ACCOUNT);
    expect(decided?.decidedAt).toBeInstanceOf(Date);
    const events = await db.select().from(ledgerEvents);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ account: ALICE_ACCOUNT, action: "approval.approve", outcome: "ok", tokenId: held.userTokenId, tokenName: "live-trader", requestId: held.requestId, clientIp: "203.0.113.9" });
    expect(events[0].after).toMatchObject({ approvalId: held.id, decision: "approved", decidedBy: ALICE_ACCOUNT, order: "buy $600 of AAPL", environment: "real", sessionId: "s1" });
    // A second decision finds nothing to decide and records nothing.
    expect(await decideApproval(db, { id: held.id, account: ALICE_ACCOUNT, decision: "deny", decidedBy: ALICE_ACCOUNT, reason: "too late" })).toBeNull();
    expect(await db.select().from(ledgerEvents)).toHaveLength(1);
    expect((await approvalOf(db, ALICE_ACCOUNT, held.id))?.status).toBe("approved");
    // Not an id at all: nothing to decide, no query spent.
    expect(await decideApproval(db, { id: "not-an-id", account: ALICE_ACCOUNT, decision: "approve", decidedBy: ALICE_ACCOUNT })).toBeNull();
  });

  it("two decisions racing (approve against deny, from two connections): exactly one wins, and only it is recorded", async () => {
    const { db } = get();
    for (let round = 0; round < 5; round++) {
      const held = await insertPendingApproval(db);
      const results = await Promise.all([
        decideApproval(db, { id: held.id, account: ALICE_ACCOUNT, decision: "approve", decidedBy: ALICE_ACCOUNT }),
        decideApproval(db, { id: held.id, account: ALICE_ACCOUNT, decision: "deny", decidedBy: ALICE_ACCOUNT, reason: "no" }),
        decideApproval(db, { id: held.id, account: ALICE_ACCOUNT, decision: "approve", decidedBy: ALICE_ACCOUNT }),
      ]);
      const winners = results.filter((r) => r !== null);
      expect(winners).toHaveLength(1);
      const [row] = await db.select().from(approvals).where(eq(approvals.id, held.id));
      expect(row.status).toBe(winners[0]!.status);
      const recorded = (await db.select().from(ledgerEvents)).filter((e) => (e.after as { approvalId?: string } | null)?.approvalId === held.id);
      expect(recorded.map((e) => e.action)).toEqual([row.status === "approved" ? "approval.approve" : "approval.deny"]);
    }
    expect((await verifyLedger(db)).ok).toBe(true);
  });

  it("an expired approval cannot be approved, even before the sweep marks it", async () => {
    const { db } = get();
    const held = await insertPendingApproval(db, { expiresAt: new Date(Date.now() - 1_000) });
    expect(await decideApproval(db, { id: held.id, account: ALICE_ACCOUNT, decision: "approve", decidedBy: ALICE_ACCOUNT })).toBeNull();
    expect((await approvalOf(db, ALICE_ACCOUNT, held.id))?.status).toBe("pending");
    expect(await db.select().from(ledgerEvents)).toHaveLength(0);
  });

  it("another account can neither see nor decide it", async () => {
    const { db } = get();
    const held = await insertPendingApproval(db);
    expect(await approvalOf(db, BOB_ACCOUNT, held.id)).toBeNull();
    expect(await decideApproval(db, { id: held.id, account: BOB_ACCOUNT, decision: "approve", decidedBy: BOB_ACCOUNT })).toBeNull();
    expect(await decideApproval(db, { id: held.id, account: BOB_ACCOUNT, decision: "deny", decidedBy: BOB_ACCOUNT, reason: "mine now" })).toBeNull();
    expect((await approvalOf(db, ALICE_ACCOUNT, held.id))?.status).toBe("pending");
    expect(await db.select().from(ledgerEvents)).toHaveLength(0);
  });

  it("a denial keeps its reason (what the agent is told) in the row and the ledger", async () => {
    const { db } = get();
    const held = await insertPendingApproval(db);
    const decided = await decideApproval(db, { id: held.id, account: ALICE_ACCOUNT, decision: "deny", decidedBy: ALICE_ACCOUNT, reason: "  Not this week.  " });
    expect(decided).toMatchObject({ status: "denied", denialReason: "Not this week." });
    const [event] = await db.select().from(ledgerEvents);
    expect(event.action).toBe("approval.deny");
    expect(event.after).toMatchObject({ decision: "denied", reason: "Not this week.", decidedBy: ALICE_ACCOUNT });
  });
});
