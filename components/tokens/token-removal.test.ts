/**
 * A revoke's optimistic removal in each shape the ["portfolios", …] caches hold, and
 * its undo: the token goes back into the data as it is by then, not a snapshot.
 */
import type { InfiniteData } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import type { ExpirySummary, PortfolioList, PortfolioPage } from "@/lib/domain/types";
import { portfolioView, tokenView } from "@/tests/support/views";
import { removeToken } from "./token-removal";

const alpha = portfolioView({
  agentPortfolioId: "p-a",
  agentPortfolioName: "AlphaBot",
  userTokens: [tokenView({ userTokenId: "t1" }), tokenView({ userTokenId: "t2" }), tokenView({ userTokenId: "t3" })],
});
const beta = portfolioView({ agentPortfolioId: "p-b", agentPortfolioName: "BetaBot", userTokens: [tokenView({ userTokenId: "t4" })] });

const ids = (tokens: { userTokenId: string }[]) => tokens.map((t) => t.userTokenId);

describe("the full list", () => {
  const list: PortfolioList = { agentPortfolios: [alpha, beta], fetchedAt: "x" };

  it("drops the token and puts it back where it was, keeping another revoke's removal", () => {
    const removal = removeToken(list, { portfolioId: "p-a", tokenId: "t2" })!;
    expect(ids((removal.next as PortfolioList).agentPortfolios[0].userTokens)).toEqual(["t1", "t3"]);
    const meanwhile = removeToken(removal.next, { portfolioId: "p-a", tokenId: "t3" })!.next;
    expect(ids((removal.putBack(meanwhile) as PortfolioList).agentPortfolios[0].userTokens)).toEqual(["t1", "t2"]);
  });

  it("leaves data without the token alone", () => {
    expect(removeToken(list, { portfolioId: "p-a", tokenId: "nope" })).toBeNull();
    expect(removeToken({ tokens: [] }, { portfolioId: "p-a", tokenId: "t1" })).toBeNull();
    expect(removeToken(undefined, { portfolioId: "p-a", tokenId: "t1" })).toBeNull();
  });
});

describe("/portfolios' pages of matches", () => {
  const page = (matches: PortfolioPage["matches"]): PortfolioPage => ({
    q: "bot",
    offset: 0,
    limit: 25,
    matches,
    matchedPortfolios: matches.length,
    matchedTokens: matches.reduce((n, m) => n + (m.shownTokenIds?.length ?? m.portfolio.userTokens.length), 0),
    totals: { portfolios: 2, tokens: 4 },
    fetchedAt: "x",
  });
  const pages = (...all: PortfolioPage[]): InfiniteData<PortfolioPage> => ({ pages: all, pageParams: all.map((p) => p.offset) });

  it("drops the token from its card and the counts, on whichever loaded page holds it", () => {
    const data = pages(page([{ portfolio: beta, shownTokenIds: null }]), page([{ portfolio: alpha, shownTokenIds: ["t1", "t2"] }]));
    const removal = removeToken(data, { portfolioId: "p-a", tokenId: "t2" })!;
    const second = (removal.next as InfiniteData<PortfolioPage>).pages[1];
    expect(ids(second.matches[0].portfolio.userTokens)).toEqual(["t1", "t3"]);
    expect(second.matches[0].shownTokenIds).toEqual(["t1"]);
    expect(second).toMatchObject({ matchedTokens: 1, totals: { tokens: 3 } });

    const back = (removal.putBack(removal.next) as InfiniteData<PortfolioPage>).pages[1];
    expect(back).toEqual(data.pages[1]);
  });

  it("takes a card whose last matching token goes off the page, and brings it back", () => {
    const data = page([
      { portfolio: alpha, shownTokenIds: ["t2"] },
      { portfolio: beta, shownTokenIds: null },
    ]);
    const removal = removeToken(data, { portfolioId: "p-a", tokenId: "t2" })!;
    expect((removal.next as PortfolioPage).matches.map((m) => m.portfolio.agentPortfolioId)).toEqual(["p-b"]);
    expect(removal.next).toMatchObject({ matchedPortfolios: 1, matchedTokens: 1 });
    expect(removal.putBack(removal.next)).toEqual(data);
  });

  it("keeps a card that matched by its own name, even with no tokens left", () => {
    const data = page([{ portfolio: beta, shownTokenIds: null }]);
    const removal = removeToken(data, { portfolioId: "p-b", tokenId: "t4" })!;
    expect((removal.next as PortfolioPage).matches[0].portfolio.userTokens).toEqual([]);
    expect(removal.next).toMatchObject({ matchedPortfolios: 1, matchedTokens: 0 });
  });
});

describe("the expiry banner's summary", () => {
  it("drops the item and its count, and puts both back", () => {
    const item = (tokenId: string) => ({ portfolio: { agentPortfolioId: "p-a", agentPortfolioName: "AlphaBot" }, token: tokenView({ userTokenId: tokenId }) });
    const summary: ExpirySummary = { expiringCount: 30, expiredCount: 2, expiring: [item("t1")], expired: [item("t2"), item("t3")] };
    const removal = removeToken(summary, { portfolioId: "p-a", tokenId: "t3" })!;
    expect(removal.next).toMatchObject({ expiredCount: 1, expired: [item("t2")], expiringCount: 30 });
    expect(removal.putBack(removal.next)).toEqual(summary);
  });
});
