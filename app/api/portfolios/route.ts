import type { NextRequest } from "next/server";
import { accountView } from "@/lib/bff/read-models/account-view";
import { audited, boundariesSnapshot, tokenSnapshot } from "@/lib/bff/guards/audited-mutation";
import { oneAtATime } from "@/lib/bff/guards/in-flight-grants";
import { requireLedgerForGrant } from "@/lib/bff/guards/ledger-for-grant";
import { assertPolicy } from "@/lib/bff/guards/admin-policy";
import { readJson } from "@/lib/bff/http/read-json";
import { json, jsonText } from "@/lib/bff/http/respond";
import { route } from "@/lib/bff/http/route";
import { secretLostFields, withTimeoutRecovery } from "@/lib/bff/guards/timeout-recovery";
import { toMintBody } from "@/lib/bff/http/upstream-bodies";
import { assertScopesOffered } from "@/lib/bff/guards/offered-scopes";
import { gatewayWhitelist, NOT_ON_GATEWAY_MESSAGE, registerForGateway } from "@/lib/bff/guards/gateway-registration";
import { accountFingerprint, requireSession } from "@/lib/session";
import type { ResponseOf } from "@/lib/bff/contract";
import { accountKey, createPortfolio, listPortfolios } from "@/lib/etoro/agent-portfolios";
import { createPortfolioSchema } from "@/lib/schemas/portfolio";

export const dynamic = "force-dynamic";

/** The cached account view, sent as the string it was serialised to once. */
export const GET = route(async (req: NextRequest) => {
  const view = await accountView(req, (await requireSession()).credentials);
  return jsonText<ResponseOf<"GET /api/portfolios">>(view.json, { requestId: view.requestId });
});

/**
 * Create (v2) with the first token: 201 with the secret once, or 207 when only the
 * portfolio was made. A grant: refused (503) unless the ledger can record it; the
 * same create already on its way is answered 409 without asking eToro again.
 */
export const POST = route(
  async (req: NextRequest) => {
    const credentials = (await requireSession()).credentials;
    const input = await readJson(req, createPortfolioSchema);
    assertPolicy(input);
    await assertScopesOffered(credentials, input.scopeNames);
    const body = {
      agentPortfolioName: input.agentPortfolioName,
      investmentAmountInUsd: input.investmentAmountInUsd,
      ...(input.agentPortfolioDescription ? { agentPortfolioDescription: input.agentPortfolioDescription } : {}),
      ...toMintBody(input, input.gatewayOnly ? await gatewayWhitelist() : undefined),
    };
    const created = await oneAtATime("create", [accountKey(credentials), body], async () => {
      await requireLedgerForGrant();
      const attempt = { action: "portfolio.create" as const, portfolioName: input.agentPortfolioName, tokenName: input.userTokenName };
      const find = async () => {
        const listed = await listPortfolios(credentials, { fresh: true });
        const portfolio = listed.portfolios.find((p) => p.agentPortfolioName === input.agentPortfolioName);
        if (!portfolio) return null;
        const token = portfolio.userTokens.find((t) => t.userTokenName === input.userTokenName);
        return { portfolioId: portfolio.agentPortfolioId, tokenId: token?.userTokenId ?? null, tokenName: token?.userTokenName ?? null };
      };
      return audited(req, credentials, attempt, () => withTimeoutRecovery("portfolio", () => createPortfolio(credentials, body), find), {
        success: (made) => ({
          outcome: made.token ? "ok" : "partial",
          errorCode: made.token ? null : "UserTokenNotCreated",
          requestId: made.requestId,
          portfolioId: made.portfolio.agentPortfolioId,
          tokenId: made.token?.userTokenId ?? null,
          secretHint: made.token?.secretHint ?? null,
          // eToro's list returns neither: the portfolio card reads them from here.
          after: {
            investmentAmountInUsd: input.investmentAmountInUsd,
            agentPortfolioDescription: input.agentPortfolioDescription || null,
            ...tokenSnapshot(made.token ?? input),
            ...boundariesSnapshot(input.boundaries),
          },
        }),
        failure: secretLostFields,
      });
    });
    // The first token is registered before its secret is answered (see gateway-registration.ts).
    const registered =
      !created.token ||
      (await registerForGateway(
        accountFingerprint(credentials),
        { agentPortfolioId: created.portfolio.agentPortfolioId, userTokenId: created.token.userTokenId, userTokenName: created.token.userTokenName, secret: created.token.userToken },
        input,
      ));
    return json<ResponseOf<"POST /api/portfolios">>(
      created.status === 201
        ? { portfolio: created.portfolio, token: created.token, ...(registered ? {} : { message: NOT_ON_GATEWAY_MESSAGE }) }
        : {
            portfolio: created.portfolio,
            token: null,
            message: "Portfolio created, but its first token could not be minted. Mint one from the portfolio.",
          },
      { status: created.status, requestId: created.requestId },
    );
  },
  { changesPortfolios: true },
);
