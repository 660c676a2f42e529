import { compareScopes, normalizeScopeName } from "@/lib/domain/scopes";
import { tokenRisk, tokenStatus } from "@/lib/domain/token-status";
import type { MintedTokenView, PortfolioView, TokenView } from "@/lib/domain/types";
import type { MintedToken, UpstreamPortfolio, UpstreamToken } from "./wire-schemas";

function scopesOf(t: { scopeNames?: string[] | null; scopeIds?: number[] | null; scopes?: { name: string }[] | null }): string[] {
  const raw = t.scopeNames?.length ? t.scopeNames : t.scopes?.length ? t.scopes.map((s) => s.name) : (t.scopeIds ?? []);
  return [...new Set(raw.map(normalizeScopeName))].sort(compareScopes);
}

function toIso(value: string | null | undefined): string | null {
  if (!value) return null;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : new Date(at).toISOString();
}

export function reshapeToken(t: UpstreamToken, now = Date.now()): TokenView {
  const base = {
    scopeNames: scopesOf(t),
    ipsWhitelist: [...(t.ipsWhitelist ?? [])],
    expiresAt: toIso(t.expiresAt),
  };
  const createdAt = toIso(t.createdAt);
  return {
    userTokenId: t.userTokenId,
    userTokenName: t.userTokenName,
    clientId: t.clientId ?? null,
    externalApplicationName: t.externalApplicationName ?? null,
    ...base,
    createdAt,
    status: tokenStatus(base.expiresAt, now, createdAt),
    risk: tokenRisk(base, now),
    // Ledger facts: the list route adds them.
    secretHint: null,
    replaces: null,
    replacedBy: null,
    origin: null,
    // The gateway's facts: the account view adds them too.
    gatewayOnly: null,
    agentIps: [],
    lastUsedAt: null,
    calls24h: 0,
    boundaries: null,
    budget: null,
  };
}

export function reshapePortfolio(p: UpstreamPortfolio, now = Date.now()): PortfolioView {
  return {
    agentPortfolioId: p.agentPortfolioId,
    agentPortfolioName: p.agentPortfolioName,
    agentPortfolioGcid: p.agentPortfolioGcid ?? null,
    agentPortfolioVirtualBalance: p.agentPortfolioVirtualBalance ?? null,
    mirrorId: p.mirrorId ?? null,
    createdAt: toIso(p.createdAt),
    investmentAmountInUsd: null,
    agentPortfolioDescription: null,
    userTokens: (p.userTokens ?? []).map((t) => reshapeToken(t, now)),
  };
}

export function reshapeMintedToken(t: MintedToken, now = Date.now()): MintedTokenView {
  const view = reshapeToken(
    { ...t, scopeNames: scopesOf(t), externalApplicationName: null, createdAt: t.createdAt ?? new Date(now).toISOString() },
    now,
  );
  return { ...view, secretHint: t.userToken.slice(-4), origin: "console", userToken: t.userToken };
}
