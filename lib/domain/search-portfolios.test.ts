import { describe, expect, it } from "vitest";
import { DEMO_READ, REAL_WRITE } from "@/lib/domain/scopes";
import { tokenRisk, tokenStatus } from "@/lib/domain/token-status";
import type { PortfolioView, TokenView } from "@/lib/domain/types";
import { matchSummary, searchIndexOf, searchPortfolios } from "./search-portfolios";

const now = Date.now();
const token = (name: string, t: Partial<TokenView> = {}): TokenView => {
  const base = { scopeNames: [DEMO_READ], ipsWhitelist: ["1.2.3.4"], expiresAt: new Date(now + 30 * 86_400_000).toISOString(), ...t };
  return {
    userTokenId: `id-${name}`, userTokenName: name, clientId: null, externalApplicationName: null, createdAt: null,
    secretHint: null, replaces: null, replacedBy: null, origin: null, gatewayOnly: null, agentIps: [], lastUsedAt: null, calls24h: 0, boundaries: null, budget: null, ...base,
    status: tokenStatus(base.expiresAt, now), risk: tokenRisk(base, now),
  };
};
const portfolio = (name: string, tokens: TokenView[], description: string | null = null): PortfolioView => ({
  agentPortfolioId: `p-${name}`, agentPortfolioName: name, agentPortfolioGcid: 42, agentPortfolioVirtualBalance: 1000, mirrorId: 1,
  createdAt: null, investmentAmountInUsd: 1000, agentPortfolioDescription: description, userTokens: tokens,
});

const all = [
  portfolio("AlphaBot", [
    token("live-trader", { scopeNames: [REAL_WRITE], ipsWhitelist: [] }),
    token("watcher", { expiresAt: null }),
    token("rolled", { replaces: { userTokenId: "x", userTokenName: "old-bot" } }),
  ]),
  portfolio("MeanRevert", [token("scalper", { scopeNames: [REAL_WRITE], ipsWhitelist: [], expiresAt: null })], "Reverts to the mean"),
  portfolio("Quiet", [token("demo")]),
];
const names = (q: string) => searchPortfolios(all, q).matches.flatMap((m) => m.tokens.map((t) => t.userTokenName));

describe("search over the words on screen", () => {
  it("matches risk words, any IP, never expires and badge texts", () => {
    expect(names("any IP")).toEqual(["live-trader", "scalper"]);
    expect(names("never expires")).toEqual(["watcher", "scalper"]);
    expect(names("High risk")).toEqual(["live-trader", "scalper"]);
    expect(names("high risk: real money, any ip, never expires")).toEqual(["scalper"]);
    expect(names("Real money · trade")).toEqual(["live-trader", "scalper"]);
  });

  it("matches status, roll links, IPs and scope names", () => {
    expect(names("active")).toHaveLength(5);
    expect(names("replaces old-bot")).toEqual(["rolled"]);
    expect(names("1.2.3.4")).toEqual(["watcher", "rolled", "demo"]);
    expect(names("trade.real:write")).toEqual(["live-trader", "scalper"]);
  });

  it("keeps every token of a portfolio whose own header matches", () => {
    expect(names("alphabot")).toEqual(["live-trader", "watcher", "rolled"]);
    expect(names("reverts to THE  mean")).toEqual(["scalper"]);
  });

  it("matches the phrase as typed, not its words anywhere", () => {
    expect(names("Demo · read")).toEqual(["watcher", "rolled", "demo"]);
    expect(names("money any")).toEqual([]);
  });

  it("says how many tokens in how many portfolios matched", () => {
    expect(matchSummary(searchPortfolios(all, "any IP"))).toBe("2 tokens in 2 portfolios match");
    expect(matchSummary(searchPortfolios(all, "replaces"))).toBe("1 token in 1 portfolio matches");
    expect(matchSummary(searchPortfolios(all, "nothing-like-this"))).toBe("0 tokens in 0 portfolios match");
    // The portfolio keeps all its tokens for its actions; only the shown ones are filtered.
    expect(searchPortfolios(all, "watcher").matches[0].portfolio.userTokens).toHaveLength(3);
  });
});

describe("search with a prepared index", () => {
  it("finds exactly what the search without one finds", () => {
    const index = searchIndexOf(all);
    for (const q of ["any IP", "never expires", "alphabot", "Demo · read", "1.2.3.4", "replaces old-bot", "", "money any"]) {
      expect(searchPortfolios(all, q, index)).toEqual(searchPortfolios(all, q));
    }
  });
});
