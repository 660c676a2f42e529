import type { NextRequest } from "next/server";
import { audited, tokenSnapshot } from "@/lib/bff/guards/audited-mutation";
import { requireLedgerForGrant } from "@/lib/bff/guards/ledger-for-grant";
import { assertPolicy } from "@/lib/bff/guards/admin-policy";
import { readJson, validationError } from "@/lib/bff/http/read-json";
import { noContent } from "@/lib/bff/http/respond";
import { route } from "@/lib/bff/http/route";
import { parseId } from "@/lib/bff/http/route-params";
import { toUpdateBody } from "@/lib/bff/http/upstream-bodies";
import { assertScopesOffered } from "@/lib/bff/guards/offered-scopes";
import { listChangedAt, requireSession } from "@/lib/session";
import type { EtoroCredentials } from "@/lib/etoro/http";
import { cachedPortfolio, currentToken, revokeToken, updateToken } from "@/lib/etoro/agent-portfolios";
import { applyGatewayState, gatewayStateFor, gatewayWhitelist, noteExpiryAtGateway, revokeAtGateway } from "@/lib/bff/guards/gateway-registration";
import { ApiError } from "@/lib/bff/http/api-error";
import { planGatewayEdit } from "@/lib/domain/gateway-only-edit";
import type { TokenView } from "@/lib/domain/types";
import { grantsAccess, updatedBounds } from "@/lib/domain/access-change";
import { updateTokenSchema, updateTokenSchemaFor, type UpdateTokenRequest } from "@/lib/schemas/token";

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
 * The edit as eToro and the gateway each take it: a gateway-only token's
 * addresses are the agent's, checked at the gateway, and its eToro whitelist is
 * the gateway's (lib/domain/gateway-only-edit.ts).
 */
async function splitGatewayEdit(tokenId: string, token: TokenView | undefined, input: UpdateTokenRequest) {
  const { gatewayOnly, ...etoro } = input;
  const registered = await gatewayStateFor(tokenId);
  if (!token || (gatewayOnly === undefined && !registered?.gatewayOnly)) return { etoro, registry: undefined };
  const turningOn = gatewayOnly === true && !registered?.gatewayOnly;
  const plan = planGatewayEdit(token.ipsWhitelist, registered, input, turningOn ? await gatewayWhitelist() : null);
  if (plan === "unknown-token") {
    const message = "The console's gateway does not know this token, so it cannot be made gateway-only: roll it to get one that is.";
    throw new ApiError(409, "UnknownToGateway", message, { fields: { gatewayOnly: message } });
  }
  // The addresses sent are the agent's; eToro's whitelist is the plan's.
  return { etoro: { ...etoro, ipsWhitelist: plan.etoroIps }, registry: plan.registry };
}

/**
 * Change scopes, IPs, expiry or gateway-only (v2); only the fields sent change.
 * A change that widens the token is a grant (refused with 503 unless the ledger
 * can record it); one that only narrows goes through whatever the ledger's state.
 */
export const PATCH = route<Ctx>(
  async (req: NextRequest, { params }) => {
    const credentials = (await requireSession()).credentials;
    const { portfolioId, tokenId } = await ids(params);
    const request = await readJson(req, updateTokenSchema);
    await assertScopesOffered(credentials, request.scopeNames);
    // Judged against the token as it is now, never a list from before this session's last change.
    const { portfolio, token } = await currentToken(credentials, portfolioId, tokenId, { changedAfter: await listChangedAt() });
    const names = { portfolioId, tokenId, portfolioName: portfolio?.agentPortfolioName ?? null, tokenName: token?.userTokenName ?? null };
    const { etoro: input, registry } = await splitGatewayEdit(tokenId, token, request);
    const checked = token ? updateTokenSchemaFor(token).safeParse({ ...input, ...(registry ? { gatewayOnly: registry.gatewayOnly } : {}) }) : null;
    if (checked?.success === false) throw validationError(checked.error);
    if (token) {
      assertPolicy(updatedBounds(token, input), {
        lifetime: input.expiresAt !== undefined,
        ips: input.scopeNames !== undefined || input.ipsWhitelist !== undefined,
      });
    }
    const body = toUpdateBody(input);
    if (grantsAccess(token, body)) await requireLedgerForGrant();
    const gateway = registry ? { before: { gatewayOnly: token?.gatewayOnly ?? null, agentIps: token?.agentIps ?? [] }, after: registry } : null;
    const attempt = {
      action: "token.update" as const,
      ...names,
      before: { ...tokenSnapshot(token), ...(gateway?.before ?? {}) },
      after: { ...tokenSnapshot(token), ...body, ...(gateway?.after ?? {}) },
    };
    // Only the gateway's list changed (a gateway-only token's agent addresses): eToro is not asked.
    const upstream: () => Promise<{ requestId: string | null }> =
      Object.keys(body).length > 0 ? () => updateToken(credentials, portfolioId, tokenId, body) : async () => ({ requestId: null });
    const { requestId } = await audited(req, credentials, attempt, upstream, { success: ({ requestId }) => ({ requestId }) });
    if (registry) await applyGatewayState(tokenId, registry);
    if (body.expiresAt !== undefined) await noteExpiryAtGateway(tokenId, body.expiresAt);
    return noContent({ requestId: requestId ?? undefined });
  },
  { changesPortfolios: true },
);

/** Revoke: goes through even while the ledger is down (its row waits in the outbox). */
export const DELETE = route<Ctx>(
  async (req: NextRequest, { params }) => {
    const credentials = (await requireSession()).credentials;
    const { portfolioId, tokenId } = await ids(params);
    const { token, ...names } = known(credentials, portfolioId, tokenId);
    const attempt = { action: "token.revoke" as const, ...names, before: tokenSnapshot(token) };
    // Refused at the gateway from now on, whatever eToro answers next.
    await revokeAtGateway([tokenId]);
    const { requestId } = await audited(req, credentials, attempt, () => revokeToken(credentials, portfolioId, tokenId), {
      success: ({ requestId }) => ({ requestId }),
    });
    return noContent({ requestId });
  },
  { changesPortfolios: true },
);
