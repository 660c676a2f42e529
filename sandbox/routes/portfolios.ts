/**
 * Portfolio routes: list (v1), create (v1 and v2), delete (v1).
 */
import { apiErrors, MESSAGES } from "../errors";
import { presentCreatedV1, presentCreatedV2, presentPartialCreate, presentPortfolioList } from "../presenters";
import type { RouteContext, RouteResult } from "../router";
import type { ScopeName } from "../scopes";
import {
  isUuid,
  parseDescription,
  parseExpiresAt,
  parseInvestmentAmount,
  parseIpsWhitelist,
  parsePortfolioName,
  parseTokenName,
  parseV1Scopes,
  parseV2ScopeNames,
  requireObject,
} from "../validation";

export function listPortfolios(ctx: RouteContext): RouteResult {
  return { status: 200, body: presentPortfolioList(ctx.store.listPortfolios(ctx.userKey)) };
}

function createPortfolio(ctx: RouteContext, version: 1 | 2): RouteResult {
  const body = requireObject(ctx.json());
  const agentPortfolioName = parsePortfolioName(body.agentPortfolioName);
  const investmentAmountInUsd = parseInvestmentAmount(body.investmentAmountInUsd);
  const agentPortfolioDescription = parseDescription(body.agentPortfolioDescription);
  const userTokenName = parseTokenName(body.userTokenName);
  let scopeNames: ScopeName[];
  if (version === 2) scopeNames = parseV2ScopeNames(body.scopeNames, 400);
  else {
    const v1Scopes = parseV1Scopes(body);
    if (!v1Scopes) throw apiErrors.scopeIdsRequired();
    scopeNames = v1Scopes;
  }
  const ipsWhitelist = parseIpsWhitelist(body.ipsWhitelist);
  const expiresAt = parseExpiresAt(body.expiresAt, ctx.now);

  const portfolio = ctx.store.createPortfolio(ctx.userKey, {
    agentPortfolioName,
    agentPortfolioDescription,
    investmentAmountInUsd,
  });
  if (ctx.faults.takePartialCreate()) return { status: 207, body: presentPartialCreate(portfolio) };

  const { token, secret } = ctx.store.mintToken(ctx.userKey, portfolio.agentPortfolioId, {
    userTokenName,
    scopeNames,
    ipsWhitelist,
    expiresAt,
  });
  const created = version === 1 ? presentCreatedV1(portfolio, token, secret) : presentCreatedV2(portfolio, token, secret);
  return { status: 201, body: created };
}

export function createPortfolioV1(ctx: RouteContext): RouteResult {
  return createPortfolio(ctx, 1);
}

export function createPortfolioV2(ctx: RouteContext): RouteResult {
  return createPortfolio(ctx, 2);
}

export function deletePortfolio(ctx: RouteContext): RouteResult {
  const portfolioId = ctx.params.agentPortfolioId;
  if (!isUuid(portfolioId)) throw apiErrors.validation(MESSAGES.invalidPortfolioId);
  ctx.store.deletePortfolio(ctx.userKey, portfolioId);
  ctx.desk.forgetPortfolio(portfolioId.toLowerCase());
  return { status: 204 };
}
