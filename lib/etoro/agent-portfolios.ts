import "server-only";
import { createHash } from "node:crypto";
import { getConfig } from "@/lib/config";
import type { CreatedPortfolioView, MintedTokenView, PortfolioView } from "@/lib/domain/types";
import { etoroFetch, type EtoroCredentials, type EtoroTarget } from "./http";
import { ReadCache } from "./read-cache";
import { reshapeMintedToken, reshapePortfolio } from "./reshape";
import {
  allowedScopesResponseSchema,
  createPortfolioResponseSchema,
  listPortfoliosResponseSchema,
  mintedTokenSchema,
} from "./wire-schemas";
import type { components } from "./openapi-types";

type Schemas = components["schemas"];
export type CreatePortfolioBody = Schemas["CreateAgentPortfolioV2Request"];
export type MintTokenBody = Schemas["CreateUserTokenV2Request"];
export type UpdateTokenBody = Schemas["UpdateUserTokenV2Request"];

/** Upstream list per account: short-lived, shared by concurrent reads, dropped by the account's own mutations. */
const LIST_TTL_MS = 15_000;
/** Allowed scopes change with eToro releases, not per request. */
const SCOPES_TTL_MS = 60 * 60 * 1000;

type Caches = { lists: ReadCache<Listed>; scopes: ReadCache<string[]> };
type Listed = { portfolios: PortfolioView[]; requestId: string; fetchedAt: string };

// One set of caches per process, also across Next's dev-mode module reloads.
const globalForCaches = globalThis as unknown as { __apcEtoroCaches?: Caches };
const caches: Caches = (globalForCaches.__apcEtoroCaches ??= {
  lists: new ReadCache<Listed>(LIST_TTL_MS),
  scopes: new ReadCache<string[]>(SCOPES_TTL_MS),
});

function target(): EtoroTarget {
  const config = getConfig();
  return { baseUrl: config.upstreamBaseUrl, timeoutMs: config.upstreamTimeoutMs };
}

/** Cache key for an account: a hash, so keys never sit in memory in the clear twice. */
export function accountKey(credentials: EtoroCredentials): string {
  return createHash("sha256").update(credentials.apiKey).update("\0").update(credentials.userKey).digest("base64url");
}

const enc = encodeURIComponent;

/**
 * The account's portfolios. `changedAfter`: the caller changed them at that
 * time (ms), maybe through another instance, so a list loaded earlier is stale.
 */
export async function listPortfolios(
  credentials: EtoroCredentials,
  options: { fresh?: boolean; changedAfter?: number } = {},
): Promise<Listed> {
  const key = accountKey(credentials);
  if (options.fresh) caches.lists.invalidate(key);
  return caches.lists.get(key, async () => {
    const res = await etoroFetch({
      method: "GET",
      path: "/api/v1/agent-portfolios",
      credentials,
      target: target(),
      schema: listPortfoliosResponseSchema,
    });
    const now = Date.now();
    return {
      portfolios: (res.data.agentPortfolios ?? []).map((p) => reshapePortfolio(p, now)),
      requestId: res.requestId,
      fetchedAt: new Date(now).toISOString(),
    };
  }, { notBefore: options.changedAfter });
}

/**
 * A portfolio as last listed (fresh or not): names and "before" states for the
 * audit ledger without spending an upstream call.
 */
export function cachedPortfolio(credentials: EtoroCredentials, portfolioId: string): PortfolioView | undefined {
  return caches.lists.lastKnown(accountKey(credentials))?.portfolios.find((p) => p.agentPortfolioId === portfolioId);
}

/**
 * A token as it is now, for checks that must not trust a list from before the
 * account's own last change (the risk rule across two PATCHes): the shared,
 * single-flight list, which every mutation drops, so after one it is loaded
 * again (`changedAfter`: the session's last change, maybe through another
 * instance). Undefined when the list does not have it.
 */
export async function currentToken(
  credentials: EtoroCredentials,
  portfolioId: string,
  tokenId: string,
  options: { changedAfter?: number } = {},
) {
  const { portfolios } = await listPortfolios(credentials, options);
  const portfolio = portfolios.find((p) => p.agentPortfolioId === portfolioId);
  return { portfolio, token: portfolio?.userTokens.find((t) => t.userTokenId === tokenId) };
}

export async function listAllowedScopes(credentials: EtoroCredentials): Promise<string[]> {
  // Keyed by a hash of the API key, like the lists: no key sits in a map in the clear.
  return caches.scopes.get(createHash("sha256").update(credentials.apiKey).digest("base64url"), async () => {
    const res = await etoroFetch({
      method: "GET",
      path: "/api/v2/agent-portfolios/user-tokens/scopes",
      credentials,
      target: target(),
      schema: allowedScopesResponseSchema,
    });
    return (res.data.scopes ?? []).map((s) => s.name);
  });
}

/** Runs a mutation and drops the account's cached list whatever the outcome. */
async function mutate<T>(credentials: EtoroCredentials, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } finally {
    caches.lists.invalidate(accountKey(credentials));
  }
}

export type CreatedPortfolio = {
  status: 201 | 207;
  requestId: string;
  portfolio: CreatedPortfolioView;
  token: MintedTokenView | null;
};

export function createPortfolio(credentials: EtoroCredentials, body: CreatePortfolioBody): Promise<CreatedPortfolio> {
  return mutate(credentials, async () => {
    const res = await etoroFetch({
      method: "POST",
      path: "/api/v2/agent-portfolios",
      credentials,
      target: target(),
      body,
      schema: createPortfolioResponseSchema,
    });
    const d = res.data;
    const minted = res.status === 207 ? undefined : d.userTokens?.[0];
    return {
      status: minted ? 201 : 207,
      requestId: res.requestId,
      portfolio: {
        agentPortfolioId: d.agentPortfolioId,
        agentPortfolioName: d.agentPortfolioName,
        agentPortfolioGcid: d.agentPortfolioGcid ?? null,
        agentPortfolioVirtualBalance: d.agentPortfolioVirtualBalance ?? null,
        mirrorId: d.mirrorId ?? null,
      },
      token: minted ? reshapeMintedToken(minted) : null,
    };
  });
}

export function deletePortfolio(credentials: EtoroCredentials, portfolioId: string): Promise<{ requestId: string }> {
  return mutate(credentials, async () => {
    const res = await etoroFetch({
      method: "DELETE",
      path: `/api/v1/agent-portfolios/${enc(portfolioId)}`,
      credentials,
      target: target(),
    });
    return { requestId: res.requestId };
  });
}

export function mintToken(
  credentials: EtoroCredentials,
  portfolioId: string,
  body: MintTokenBody,
): Promise<{ requestId: string; token: MintedTokenView }> {
  return mutate(credentials, async () => {
    const res = await etoroFetch({
      method: "POST",
      path: `/api/v2/agent-portfolios/${enc(portfolioId)}/user-tokens`,
      credentials,
      target: target(),
      body,
      schema: mintedTokenSchema,
    });
    return { requestId: res.requestId, token: reshapeMintedToken(res.data) };
  });
}

export function updateToken(
  credentials: EtoroCredentials,
  portfolioId: string,
  tokenId: string,
  body: UpdateTokenBody,
): Promise<{ requestId: string }> {
  return mutate(credentials, async () => {
    const res = await etoroFetch({
      method: "PATCH",
      path: `/api/v2/agent-portfolios/${enc(portfolioId)}/user-tokens/${enc(tokenId)}`,
      credentials,
      target: target(),
      body,
    });
    return { requestId: res.requestId };
  });
}

export function revokeToken(credentials: EtoroCredentials, portfolioId: string, tokenId: string): Promise<{ requestId: string }> {
  return mutate(credentials, async () => {
    const res = await etoroFetch({
      method: "DELETE",
      path: `/api/v1/agent-portfolios/${enc(portfolioId)}/user-tokens/${enc(tokenId)}`,
      credentials,
      target: target(),
    });
    return { requestId: res.requestId };
  });
}

/**
 * Checks a key pair at sign-in with the one call every valid account can make.
 * The result fills the list cache, so the first page view after sign-in is free.
 */
export async function verifyCredentials(credentials: EtoroCredentials): Promise<{ requestId: string }> {
  return { requestId: (await listPortfolios(credentials, { fresh: true })).requestId };
}
