/**
 * Response shapes: store records turned into the exact bodies the spec describes for
 * each operation. Secrets appear only in the create/mint shapes, passed in explicitly.
 */
import type { components } from "../lib/etoro/openapi-types";
import type { PortfolioRecord, TokenRecord } from "./store";

type Schemas = components["schemas"];

export function presentTokenItem(token: TokenRecord): Schemas["AgentPortfolioUserTokenItem"] {
  const item: Schemas["AgentPortfolioUserTokenItem"] = {
    userTokenId: token.userTokenId,
    userTokenName: token.userTokenName,
    clientId: token.clientId,
  };
  if (token.externalApplicationName !== undefined) item.externalApplicationName = token.externalApplicationName;
  item.ipsWhitelist = [...token.ipsWhitelist];
  if (token.expiresAt !== undefined) item.expiresAt = token.expiresAt;
  item.scopeIds = [...token.scopeIds];
  item.scopeNames = [...token.scopeNames];
  item.createdAt = token.createdAt;
  return item;
}

export function presentPortfolioItem(portfolio: PortfolioRecord): Schemas["AgentPortfolioItem"] {
  return {
    agentPortfolioId: portfolio.agentPortfolioId,
    agentPortfolioName: portfolio.agentPortfolioName,
    agentPortfolioGcid: portfolio.agentPortfolioGcid,
    agentPortfolioVirtualBalance: portfolio.agentPortfolioVirtualBalance,
    mirrorId: portfolio.mirrorId,
    createdAt: portfolio.createdAt,
    userTokens: portfolio.userTokens.map(presentTokenItem),
  };
}

export function presentPortfolioList(portfolios: readonly PortfolioRecord[]): Schemas["GetAgentPortfoliosResponse"] {
  return { agentPortfolios: portfolios.map(presentPortfolioItem) };
}

function portfolioHead(portfolio: PortfolioRecord) {
  return {
    agentPortfolioId: portfolio.agentPortfolioId,
    agentPortfolioName: portfolio.agentPortfolioName,
    agentPortfolioGcid: portfolio.agentPortfolioGcid,
    agentPortfolioVirtualBalance: portfolio.agentPortfolioVirtualBalance,
    mirrorId: portfolio.mirrorId,
  };
}

/** v1 create-portfolio 201: the token carries scopeIds and scopeNames. */
export function presentCreatedV1(
  portfolio: PortfolioRecord,
  token: TokenRecord,
  secret: string,
): Schemas["CreateAgentPortfolioResponse"] {
  const item: Schemas["CreateAgentPortfolioUserTokenItem"] = {
    userTokenId: token.userTokenId,
    userToken: secret,
    userTokenName: token.userTokenName,
    clientId: token.clientId,
    ipsWhitelist: [...token.ipsWhitelist],
    scopeIds: [...token.scopeIds],
    scopeNames: [...token.scopeNames],
  };
  if (token.expiresAt !== undefined) item.expiresAt = token.expiresAt;
  return { ...portfolioHead(portfolio), userTokens: [item] };
}

/** v2 create-portfolio 201: the token carries `scopes: [{name}]`. */
export function presentCreatedV2(
  portfolio: PortfolioRecord,
  token: TokenRecord,
  secret: string,
): Schemas["CreateAgentPortfolioV2Response"] {
  const item: Schemas["CreateAgentPortfolioV2UserTokenItem"] = {
    userTokenId: token.userTokenId,
    userToken: secret,
    userTokenName: token.userTokenName,
    clientId: token.clientId,
    ipsWhitelist: [...token.ipsWhitelist],
    scopes: token.scopeNames.map((name) => ({ name })),
  };
  if (token.expiresAt !== undefined) item.expiresAt = token.expiresAt;
  return { ...portfolioHead(portfolio), userTokens: [item] };
}

/** 207: the portfolio exists, its first token was not provisioned. */
export function presentPartialCreate(portfolio: PortfolioRecord): Schemas["CreateAgentPortfolioPartialResponse"] {
  return { ...portfolioHead(portfolio), userTokenCreated: false };
}

/** Mint 201 (v1 and v2): `expiresAt` is null when the token never expires. */
export function presentMinted(token: TokenRecord, secret: string): Schemas["CreateUserTokenResponse"] {
  return {
    userTokenId: token.userTokenId,
    userToken: secret,
    userTokenName: token.userTokenName,
    clientId: token.clientId,
    ipsWhitelist: [...token.ipsWhitelist],
    scopeNames: [...token.scopeNames],
    expiresAt: token.expiresAt ?? null,
    createdAt: token.createdAt,
  };
}
