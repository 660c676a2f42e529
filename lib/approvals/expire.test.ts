import { eq, sql } from "drizzle-orm";
import { beforeEach, expect, it } from "vitest";
import { approvals, ledgerEvents } from "@/lib/db/schema";
import { describeEachBackend } from "@/lib/db/test-backends";
import { verifyLedger } from "@/lib/ledger/verify";
import { decideApproval } from "./decide";
import { expireApprovals } from "./expire";
import { ALICE_ACCOUNT, BOB_ACCOUNT, insertPendingApproval } from "./test-approvals";

describeEachBackend("the expiry sweep", (get) => {
  beforeEach(async () => {
    await get().db.execute(sql`truncate approvals`);
  });

  it("expires overdue pending approvals of every account, each with one approval.expire event, and leaves the rest", async () => {
    const { db } = get();
    const past = new Date(Date.now() - 60_000);
    const overdueAlice = await insertPendingApproval(db, { expiresAt: past });
    const overdueBob = await insertPendingApproval(db, { account: BOB_ACCOUNT, expiresAt: past });
    const waiting = await insertPendingApproval(db);
    const approved = await insertPendingApproval(db);
    await decideApproval(db, { id: approved.id, account: ALICE_ACCOUNT, decision: "approve", decidedBy: ALICE_ACCOUNT });

    const expired = await expireApprovals(db);
    expect(expired.map((r) => r.id).sort()).toEqual([overdueAlice.id, overdueBob.id].sort());
    const status = async (id: string) => (await db.select().from(approvals).where(eq(approvals.id, id)))[0].status;
    expect(await status(overdueAlice.id)).toBe("expired");
    expect(await status(overdueBob.id)).toBe("expired");
    expect(await status(waiting.id)).toBe("pending");
    expect(await status(approved.id)).toBe("approved");

    const events = (await db.select().from(ledgerEvents)).filter((e) => e.action === "approval.expire");
    expect(events.map((e) => [e.account, (e.after as { approvalId: string }).approvalId]).sort()).toEqual(
      [
        [ALICE_ACCOUNT, overdueAlice.id],
        [BOB_ACCOUNT, overdueBob.id],
      ].sort(),
    );
    expect(events[0].after).toMatchObject({ decision: "expired", order: "buy $600 of AAPL" });
    // Swept again (another instance, the next tick): nothing more expires, nothing more is recorded.
    expect(await expireApprovals(db)).toEqual([]);
    expect((await db.select().from(ledgerEvents)).filter((e) => e.action === "approval.expire")).toHaveLength(2);
    expect((await verifyLedger(db)).ok).toBe(true);
  });

  it("two sweeps at once record each expiry once", async () => {
    const { db } = get();
    const past = new Date(Date.now() - 1_000);
    for (let i = 0; i < 20; i++) await insertPendingApproval(db, { expiresAt: past });
    const [a, b] = await Promise.all([expireApprovals(db), expireApprovals(db)]);
    expect(a.length + b.length).toBe(20);
    expect((await db.select().from(ledgerEvents)).filter((e) => e.action === "approval.expire")).toHaveLength(20);
  });

  it("sweeps one account only when asked (what a read does)", async () => {
    const { db } = get();
    const past = new Date(Date.now() - 1_000);
    await insertPendingApproval(db, { expiresAt: past });
    const bobs = await insertPendingApproval(db, { account: BOB_ACCOUNT, expiresAt: past });
    expect(await expireApprovals(db, { account: ALICE_ACCOUNT })).toHaveLength(1);
    expect((await db.select().from(approvals).where(eq(approvals.id, bobs.id)))[0].status).toBe("pending");
  });
});
