import type { NextRequest } from "next/server";
import { ApiError } from "@/lib/bff/api-error";
import { audited, tokenSnapshot } from "@/lib/bff/audit";
import { requireLedgerForGrant } from "@/lib/bff/ledger-guard";
import { assertPolicy } from "@/lib/bff/policy";
import { readJson } from "@/lib/bff/read-json";
import { noContent } from "@/lib/bff/respond";
import { requireCredentials } from "@/lib/bff/require-credentials";
import { route } from "@/lib/bff/route";
import { parseId } from "@/lib/bff/route-params";
import { toUpdateBody } from "@/lib/bff/upstream-bodies";
import type { EtoroCredentials } from "@/lib/etoro/http";
import { cachedPortfolio, listPortfolios, revokeToken, updateToken } from "@/lib/etoro/agent-portfolios";
import { widensAccess } from "@/lib/domain/widens-access";
import { needsAcknowledgementAfterUpdate, updateTokenSchema } from "@/lib/schemas/token";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ portfolioId: string; tokenId: string }> };

async function ids(params: Ctx["params"]) {
  const p = await params;
  return { portfolioId: parseId(p.portfolioId, "portfolio"), tokenId: parseId(p.tokenId, "token") };
}

/** Names and settings as last listed, for the ledger's "before". */
function known(credentials: EtoroCredentials, portfolioId: string, tokenId: string) {
  const portfolio = cachedPortfolio(credentials, portfolioId);
  const token = portfolio?.userTokens.find((t) => t.userTokenId === tokenId);
  return { portfolioId, tokenId, portfolioName: portfolio?.agentPortfolioName ?? null, tokenName: token?.userTokenName ?? null, token };
}

/**
 * The token as last listed; for a risk check worth an upstream call, the list
 * (shared and cached) when it was never loaded in this process.
 */
async function knownOrListed(credentials: EtoroCredentials, portfolioId: string, tokenId: string) {
  const found = known(credentials, portfolioId, tokenId);
  if (found.token) return found;
  await listPortfolios(credentials);
  return known(credentials, portfolioId, tokenId);
}

/**
 * Change scopes, IPs or expiry (v2); only the fields sent change. A change that
 * widens the token is a grant (refused with 503 unless the ledger can record it);
 * one that only narrows goes through whatever the ledger's state.
 */
export const PATCH = route<Ctx>(
  async (req: NextRequest, { params }) => {
    const credentials = await requireCredentials();
    const { portfolioId, tokenId } = await ids(params);
    const input = await readJson(req, updateTokenSchema);
    const { token, ...names } = await knownOrListed(credentials, portfolioId, tokenId);
    if (token && needsAcknowledgementAfterUpdate(token, input) && input.acknowledgeRisk !== true) {
      const message =
        "After this change the token could trade real money from any IP address or for ever. Confirm that you accept this (acknowledgeRisk).";
      throw new ApiError(400, "RiskNotAcknowledged", message, { fields: { acknowledgeRisk: message } });
    }
    if (token) {
      assertPolicy(
        {
          scopeNames: input.scopeNames ?? token.scopeNames,
          ipsWhitelist: input.ipsWhitelist ?? token.ipsWhitelist,
          expiresAt: input.expiresAt ?? token.expiresAt,
        },
        { lifetime: input.expiresAt !== undefined, ips: input.scopeNames !== undefined || input.ipsWhitelist !== undefined },
      );
    }
    const body = toUpdateBody(input);
    if (widensAccess(token, body)) await requireLedgerForGrant();
    const attempt = { action: "token.update" as const, ...names, before: tokenSnapshot(token), after: { ...tokenSnapshot(token), ...body } };
    const { requestId } = await audited(req, credentials, attempt, () => updateToken(credentials, portfolioId, tokenId, body), {
      success: ({ requestId }) => ({ requestId }),
    });
    return noContent({ requestId });
  },
  { changesPortfolios: true },
);

/** Revoke: goes through even while the ledger is down (its row waits in the outbox). */
export const DELETE = route<Ctx>(
  async (req: NextRequest, { params }) => {
    const credentials = await requireCredentials();
    const { portfolioId, tokenId } = await ids(params);
    const { token, ...names } = known(credentials, portfolioId, tokenId);
    const attempt = { action: "token.revoke" as const, ...names, before: tokenSnapshot(token) };
    const { requestId } = await audited(req, credentials, attempt, () => revokeToken(credentials, portfolioId, tokenId), {
      success: ({ requestId }) => ({ requestId }),
    });
    return noContent({ requestId });
  },
  { changesPortfolios: true },
);
