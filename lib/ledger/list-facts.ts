import "server-only";
/**
 * What the ledger adds to one read of the portfolio list, in ONE query however
 * long the list: each token's secret hint and roll links (which token it
 * replaced, which replaced it), and each portfolio's investment and description
 * (eToro's list returns neither). Only this account's successful mints and creates count.
 */
import { and, asc, eq, inArray, or, sql } from "drizzle-orm";
import type { LedgerDb } from "../db/open";
import { ledgerEvents } from "../db/schema";

export type TokenLinkFact = { userTokenId: string; userTokenName: string | null };
export type ListFacts = {
  secretHints: Map<string, string>;
  /** new token id → the token it was rolled from */
  replaces: Map<string, TokenLinkFact>;
  /** old token id → the token rolled from it (the latest, should it have been rolled twice) */
  replacedBy: Map<string, TokenLinkFact>;
  portfolios: Map<string, { investmentAmountInUsd: number | null; agentPortfolioDescription: string | null }>;
};

export async function listFactsFor(
  db: LedgerDb,
  account: string,
  ids: { tokenIds: string[]; portfolioIds: string[] },
): Promise<ListFacts> {
  const facts: ListFacts = { secretHints: new Map(), replaces: new Map(), replacedBy: new Map(), portfolios: new Map() };
  if (ids.tokenIds.length === 0 && ids.portfolioIds.length === 0) return facts;
  // Arrays as single parameters (= any($n)): one statement for any number of ids, far from the parameter limit.
  const tokenIds = sql.param([...new Set(ids.tokenIds)]);
  const portfolioIds = sql.param([...new Set(ids.portfolioIds)]);
  const replacesId = sql<string | null>`${ledgerEvents.after}->>'replacesTokenId'`;
  const rows = await db
    .select({
      action: ledgerEvents.action,
      outcome: ledgerEvents.outcome,
      tokenId: ledgerEvents.tokenId,
      tokenName: ledgerEvents.tokenName,
      portfolioId: ledgerEvents.portfolioId,
      secretHint: ledgerEvents.secretHint,
      after: ledgerEvents.after,
    })
    .from(ledgerEvents)
    .where(
      and(
        eq(ledgerEvents.account, account),
        inArray(ledgerEvents.action, ["token.mint", "portfolio.create"]),
        inArray(ledgerEvents.outcome, ["ok", "partial"]),
        or(
          sql`${ledgerEvents.tokenId} = any(${tokenIds}::text[])`,
          sql`${replacesId} = any(${tokenIds}::text[])`,
          and(eq(ledgerEvents.action, "portfolio.create"), sql`${ledgerEvents.portfolioId} = any(${portfolioIds}::text[])`),
        ),
      ),
    )
    .orderBy(asc(ledgerEvents.seq)); // later rows win, should an id ever repeat

  for (const row of rows) {
    const after = row.after ?? {};
    if (row.action === "portfolio.create" && row.portfolioId) {
      facts.portfolios.set(row.portfolioId, {
        investmentAmountInUsd: typeof after.investmentAmountInUsd === "number" ? after.investmentAmountInUsd : null,
        agentPortfolioDescription: typeof after.agentPortfolioDescription === "string" ? after.agentPortfolioDescription : null,
      });
    }
    if (row.outcome !== "ok" || !row.tokenId) continue;
    if (row.secretHint) facts.secretHints.set(row.tokenId, row.secretHint);
    const replaced = typeof after.replacesTokenId === "string" ? after.replacesTokenId : null;
    if (replaced) {
      const oldName = typeof after.replacesTokenName === "string" ? after.replacesTokenName : null;
      facts.replaces.set(row.tokenId, { userTokenId: replaced, userTokenName: oldName });
      facts.replacedBy.set(replaced, { userTokenId: row.tokenId, userTokenName: row.tokenName });
    }
  }
  return facts;
}
