/**
 * User-token routes: mint (v1 and v2), update (v1 and v2), revoke (v1).
 */
import { apiErrors, MESSAGES } from "../errors";
import { presentMinted } from "../presenters";
import type { RouteContext, RouteResult } from "../router";
import type { TokenChanges } from "../store";
import {
  isUuid,
  parseExpiresAt,
  parseIpsWhitelist,
  parseTokenName,
  parseV1Scopes,
  parseV2ScopeNames,
  provided,
  requireObject,
} from "../validation";

function portfolioIdParam(ctx: RouteContext): string {
  const portfolioId = ctx.params.agentPortfolioId;
  if (!isUuid(portfolioId)) throw apiErrors.validation(MESSAGES.invalidPortfolioId);
  return portfolioId;
}

function tokenIdParams(ctx: RouteContext): { portfolioId: string; tokenId: string } {
  const { agentPortfolioId: portfolioId, userTokenId: tokenId } = ctx.params;
  if (!isUuid(portfolioId) || !isUuid(tokenId)) throw apiErrors.validation(MESSAGES.invalidTokenIds);
  return { portfolioId, tokenId };
}

function mint(ctx: RouteContext, version: 1 | 2): RouteResult {
  const portfolioId = portfolioIdParam(ctx);
  const body = requireObject(ctx.json());
  const userTokenName = parseTokenName(body.userTokenName);
  const scopeNames = version === 2 ? parseV2ScopeNames(body.scopeNames, 403) : parseV1Scopes(body);
  if (!scopeNames) throw apiErrors.scopeIdsRequired();
  const ipsWhitelist = parseIpsWhitelist(body.ipsWhitelist);
  const expiresAt = parseExpiresAt(body.expiresAt, ctx.now);
  const { token, secret } = ctx.store.mintToken(ctx.userKey, portfolioId, {
    userTokenName,
    scopeNames,
    ipsWhitelist,
    expiresAt,
  });
  return { status: 201, body: presentMinted(token, secret) };
}

export function mintTokenV1(ctx: RouteContext): RouteResult {
  return mint(ctx, 1);
}

export function mintTokenV2(ctx: RouteContext): RouteResult {
  return mint(ctx, 2);
}

const PATCH_FIELDS = {
  1: ["scopeIds", "scopeNames", "ipsWhitelist", "expiresAt"],
  2: ["scopeNames", "ipsWhitelist", "expiresAt"],
} as const;

/** PATCH replaces the fields given; null reads as "not given"; none given → NoChangesDetected. */
function update(ctx: RouteContext, version: 1 | 2): RouteResult {
  const { portfolioId, tokenId } = tokenIdParams(ctx);
  const body = requireObject(ctx.json());
  if (!PATCH_FIELDS[version].some((field) => provided(body, field))) throw apiErrors.noChanges();
  const changes: TokenChanges = {};
  if (version === 2) {
    if (provided(body, "scopeNames")) changes.scopeNames = parseV2ScopeNames(body.scopeNames, 403);
  } else {
    changes.scopeNames = parseV1Scopes(body);
  }
  if (provided(body, "ipsWhitelist")) changes.ipsWhitelist = parseIpsWhitelist(body.ipsWhitelist);
  if (provided(body, "expiresAt")) changes.expiresAt = parseExpiresAt(body.expiresAt, ctx.now);
  ctx.store.updateToken(ctx.userKey, portfolioId, tokenId, changes);
  return { status: 204 };
}

export function updateTokenV1(ctx: RouteContext): RouteResult {
  return update(ctx, 1);
}

export function updateTokenV2(ctx: RouteContext): RouteResult {
  return update(ctx, 2);
}

export function deleteToken(ctx: RouteContext): RouteResult {
  const { portfolioId, tokenId } = tokenIdParams(ctx);
  ctx.store.deleteToken(ctx.userKey, portfolioId, tokenId);
  return { status: 204 };
}
