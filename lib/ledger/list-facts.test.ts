/** The list's ledger facts on PGlite (memory) and PostgreSQL: hints, roll links both ways, portfolio facts, isolation. */
import { expect, it } from "vitest";
import { appendEvent } from "./append";
import type { LedgerEventInput } from "./event";
import { listFactsFor } from "./list-facts";
import { describeEachBackend } from "../db/test-backends";

const ALICE = "a11ce0000000a11c";
const BOB = "b0b0000000000b0b";
const mint = (tokenId: string, extra: Partial<LedgerEventInput> = {}): LedgerEventInput => ({
  account: ALICE, action: "token.mint", outcome: "ok", portfolioId: "p1", tokenId, tokenName: `name-${tokenId}`, secretHint: tokenId.slice(-4), ...extra,
});

describeEachBackend("ledger facts for the portfolio list", (get) => {
  it("links a rolled token to the one it replaced, both ways, and keeps the hints", async () => {
    const { db } = get();
    for (const event of [
      mint("old1"),
      mint("new1", { after: { replacesTokenId: "old1", replacesTokenName: "name-old1" } }),
      mint("new2", { after: { replacesTokenId: "gone", replacesTokenName: "revoked-bot" } }),
      mint("err1", { outcome: "error", errorCode: "X", after: { replacesTokenId: "old1" } }),
      { ...mint("bob1"), account: BOB, after: { replacesTokenId: "old1" } },
    ]) {
      await appendEvent(db, event);
    }
    const facts = await listFactsFor(db, ALICE, { tokenIds: ["old1", "new1", "new2"], portfolioIds: [] });
    expect(Object.fromEntries(facts.secretHints)).toEqual({ old1: "old1", new1: "new1", new2: "new2" });
    expect(Object.fromEntries(facts.replaces)).toEqual({
      new1: { userTokenId: "old1", userTokenName: "name-old1" },
      new2: { userTokenId: "gone", userTokenName: "revoked-bot" },
    });
    // The failed roll and Bob's event name no successor for Alice's token.
    expect(facts.replacedBy.get("old1")).toEqual({ userTokenId: "new1", userTokenName: "name-new1" });
  });

  it("reads a portfolio's investment and description from its create event, also when only the portfolio was made", async () => {
    const { db } = get();
    await appendEvent(db, {
      account: ALICE, action: "portfolio.create", outcome: "ok", portfolioId: "p1", tokenId: "t1", secretHint: "abcd",
      after: { investmentAmountInUsd: 1500, agentPortfolioDescription: "Momentum bot" },
    });
    await appendEvent(db, { account: ALICE, action: "portfolio.create", outcome: "partial", portfolioId: "p2", after: { investmentAmountInUsd: 200 } });
    await appendEvent(db, { account: ALICE, action: "portfolio.create", outcome: "error", portfolioId: "p3", after: { investmentAmountInUsd: 999 } });
    await appendEvent(db, { account: BOB, action: "portfolio.create", outcome: "ok", portfolioId: "p4", after: { investmentAmountInUsd: 5 } });
    const facts = await listFactsFor(db, ALICE, { tokenIds: ["t1"], portfolioIds: ["p1", "p2", "p3", "p4", "p5"] });
    expect(Object.fromEntries(facts.portfolios)).toEqual({
      p1: { investmentAmountInUsd: 1500, agentPortfolioDescription: "Momentum bot" },
      p2: { investmentAmountInUsd: 200, agentPortfolioDescription: null },
    });
    expect(facts.secretHints.get("t1")).toBe("abcd");
  });

  it("answers thousands of ids in one statement", async () => {
    const { db } = get();
    await appendEvent(db, mint("t-9999"));
    const tokenIds = Array.from({ length: 10_000 }, (_, i) => `t-${i}`);
    const portfolioIds = Array.from({ length: 1_000 }, (_, i) => `p-${i}`);
    const facts = await listFactsFor(db, ALICE, { tokenIds, portfolioIds });
    expect(facts.secretHints.get("t-9999")).toBe("9999");
  });
});
