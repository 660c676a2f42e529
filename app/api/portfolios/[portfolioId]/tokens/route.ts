import type { NextRequest } from "next/server";
import { ApiError } from "@/lib/bff/http/api-error";
import { audited, boundariesSnapshot, tokenSnapshot } from "@/lib/bff/guards/audited-mutation";
import type { ResponseOf } from "@/lib/bff/contract";
import { oneAtATime } from "@/lib/bff/guards/in-flight-grants";
import { requireLedgerForGrant } from "@/lib/bff/guards/ledger-for-grant";
import { assertPolicy } from "@/lib/bff/guards/admin-policy";
import { readJson } from "@/lib/bff/http/read-json";
import { json } from "@/lib/bff/http/respond";
import { route } from "@/lib/bff/http/route";
import { parseId } from "@/lib/bff/http/route-params";
import { secretLostFields, withTimeoutRecovery } from "@/lib/bff/guards/timeout-recovery";
import { toMintBody } from "@/lib/bff/http/upstream-bodies";
import { assertScopesOffered } from "@/lib/bff/guards/offered-scopes";
import { carriedBoundaries, gatewayWhitelist, NOT_ON_GATEWAY_MESSAGE, registerForGateway } from "@/lib/bff/guards/gateway-registration";
import { accountFingerprint, requireSession } from "@/lib/session";
import type { PortfolioView } from "@/lib/domain/types";
import { accountKey, cachedPortfolio, listPortfolios, mintToken } from "@/lib/etoro/agent-portfolios";
import { mintTokenSchema } from "@/lib/schemas/token";

export const dynamic = "force-dynamic";

/**
 * A roll names the token it replaces; the ledger keeps the link (and the old
 * name, which outlives the old token) for the list to show. A token that is
 * not in this portfolio's list is refused rather than linked.
 */
function replacedToken(portfolio: PortfolioView | undefined, replacesTokenId: string | undefined) {
  if (!replacesTokenId) return {};
  const old = portfolio?.userTokens.find((t) => t.userTokenId === replacesTokenId);
  if (portfolio && !old) {
    const message = "The token this one should replace is not in this portfolio.";
    throw new ApiError(400, "ValidationFailed", message, { fields: { replacesTokenId: message } });
  }
  return { replacesTokenId, replacesTokenName: old?.userTokenName ?? null };
}

type Ctx = { params: Promise<{ portfolioId: string }> };

/**
 * Mint (v2): 201 with the secret, once; the reply is no-store like every BFF reply.
 * A grant: refused (503) unless the ledger can record it; the same mint already on
 * its way is answered 409 without asking eToro again.
 */
export const POST = route<Ctx>(
  async (req: NextRequest, { params }) => {
    const credentials = (await requireSession()).credentials;
    const portfolioId = parseId((await params).portfolioId, "portfolio");
    const parsed = await readJson(req, mintTokenSchema);
    // A roll keeps the old token's boundaries unless it names new ones.
    const input =
      parsed.replacesTokenId && parsed.boundaries === undefined
        ? { ...parsed, boundaries: (await carriedBoundaries(accountFingerprint(credentials), parsed.replacesTokenId)) ?? undefined }
        : parsed;
    assertPolicy(input);
    await assertScopesOffered(credentials, input.scopeNames);
    const body = toMintBody(input, input.gatewayOnly ? await gatewayWhitelist() : undefined);
    const { requestId, token } = await oneAtATime("mint", [accountKey(credentials), portfolioId, body], async () => {
      await requireLedgerForGrant();
      const portfolio = cachedPortfolio(credentials, portfolioId);
      const rolled = replacedToken(portfolio, input.replacesTokenId);
      const attempt = {
        action: "token.mint" as const,
        portfolioId,
        portfolioName: portfolio?.agentPortfolioName ?? null,
        tokenName: input.userTokenName,
        after: { ...tokenSnapshot(input), ...rolled, ...boundariesSnapshot(input.boundaries) },
      };
      const mint = () => mintToken(credentials, portfolioId, body);
      const find = async () => {
        const listed = await listPortfolios(credentials, { fresh: true });
        const found = listed.portfolios
          .find((p) => p.agentPortfolioId === portfolioId)
          ?.userTokens.find((t) => t.userTokenName === input.userTokenName);
        return found ? { portfolioId, tokenId: found.userTokenId, tokenName: found.userTokenName } : null;
      };
      return audited(req, credentials, attempt, () => withTimeoutRecovery("token", mint, find), {
        success: (minted) => ({
          requestId: minted.requestId,
          tokenId: minted.token.userTokenId,
          secretHint: minted.token.secretHint,
          after: { ...tokenSnapshot(minted.token), ...rolled, ...boundariesSnapshot(input.boundaries) },
        }),
        failure: secretLostFields,
      });
    });
    // Registered before the secret is answered, so the agent can use it through the gateway at once.
    const registered = await registerForGateway(
      accountFingerprint(credentials),
      { agentPortfolioId: portfolioId, userTokenId: token.userTokenId, userTokenName: token.userTokenName, secret: token.userToken },
      input,
    );
    return json<ResponseOf<"POST /api/portfolios/:portfolioId/tokens">>(
      { token, ...(registered ? {} : { message: NOT_ON_GATEWAY_MESSAGE }) },
      { status: 201, requestId },
    );
  },
  { changesPortfolios: true },
);
