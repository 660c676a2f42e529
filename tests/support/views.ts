/** Test support: BFF view objects with every field filled, for pure-function tests. */
import type { PortfolioView, TokenView } from "@/lib/domain/types";

export function tokenView(fields: Partial<TokenView> & Pick<TokenView, "userTokenId">): TokenView {
  return {
    userTokenName: `name-${fields.userTokenId}`,
    clientId: null,
    externalApplicationName: null,
    scopeNames: [],
    ipsWhitelist: [],
    expiresAt: null,
    createdAt: null,
    status: "active",
    risk: { level: "low", flags: [] },
    secretHint: null,
    replaces: null,
    replacedBy: null,
    origin: null,
    gatewayOnly: null,
    agentIps: [],
    lastUsedAt: null,
    calls24h: 0,
    boundaries: null,
    budget: null,
    ...fields,
  };
}

export function portfolioView(fields: Partial<PortfolioView> & Pick<PortfolioView, "agentPortfolioId" | "agentPortfolioName">): PortfolioView {
  return {
    agentPortfolioGcid: null,
    agentPortfolioVirtualBalance: null,
    mirrorId: null,
    createdAt: null,
    investmentAmountInUsd: null,
    agentPortfolioDescription: null,
    userTokens: [],
    ...fields,
  };
}
