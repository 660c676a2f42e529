import type { NextRequest } from "next/server";
import { audited, tokenSnapshot } from "@/lib/bff/audit";
import { oneAtATime } from "@/lib/bff/in-flight";
import { requireLedgerForGrant } from "@/lib/bff/ledger-guard";
import { assertPolicy } from "@/lib/bff/policy";
import { readJson } from "@/lib/bff/read-json";
import { json } from "@/lib/bff/respond";
import { listChangedAt, requireCredentials } from "@/lib/bff/require-credentials";
import { route } from "@/lib/bff/route";
import { secretLostFields, withTimeoutRecovery } from "@/lib/bff/timeout-recovery";
import { originsOf } from "@/lib/bff/token-origins";
import { toMintBody } from "@/lib/bff/upstream-bodies";
import type { ResponseOf } from "@/lib/bff/contract";
import type { PortfolioView } from "@/lib/domain/types";
import { accountKey, createPortfolio, listPortfolios } from "@/lib/etoro/agent-portfolios";
import { getLedgerDb } from "@/lib/ledger/db";
import { listFactsFor, type ListFacts } from "@/lib/ledger/list-facts";
import { createPortfolioSchema } from "@/lib/schemas/portfolio";
import { accountFingerprint } from "@/lib/session";

export const dynamic = "force-dynamic";

export const GET = route(async (req: NextRequest) => {
  const credentials = await requireCredentials();
  const listed = await listPortfolios(credentials, { changedAfter: await listChangedAt() });
  const account = accountFingerprint(credentials);
  const facts = await ledgerFacts(account, listed.portfolios);
  const origins = await originsOf(req, account, listed.portfolios, listed.requestId);
  const body: ResponseOf<"GET /api/portfolios"> = {
    agentPortfolios: listed.portfolios.map((p) => ({
      ...p,
      ...facts.portfolios.get(p.agentPortfolioId),
      userTokens: p.userTokens.map((t) => ({
        ...t,
        secretHint: facts.secretHints.get(t.userTokenId) ?? null,
        replaces: facts.replaces.get(t.userTokenId) ?? null,
        replacedBy: facts.replacedBy.get(t.userTokenId) ?? null,
        origin: origins.get(t.userTokenId) ?? null,
      })),
    })),
    fetchedAt: listed.fetchedAt,
  };
  return json<ResponseOf<"GET /api/portfolios">>(body, { requestId: listed.requestId });
});

/** Hints, roll links and investments are a convenience: a ledger outage must not take the list down with it. */
async function ledgerFacts(account: string, portfolios: PortfolioView[]): Promise<ListFacts> {
  try {
    return await listFactsFor(await getLedgerDb(), account, {
      tokenIds: portfolios.flatMap((p) => p.userTokens.map((t) => t.userTokenId)),
      portfolioIds: portfolios.map((p) => p.agentPortfolioId),
    });
  } catch (e) {
    console.error(`[ledger] list facts lookup failed: ${e instanceof Error ? e.name : "unknown"}`);
    return { secretHints: new Map(), replaces: new Map(), replacedBy: new Map(), portfolios: new Map() };
  }
}

/**
 * Create (v2) with the first token: 201 with the secret once, or 207 when only the
 * portfolio was made. A grant: refused (503) unless the ledger can record it; the
 * same create already on its way is answered 409 without asking eToro again.
 */
export const POST = route(
  async (req: NextRequest) => {
    const credentials = await requireCredentials();
    const input = await readJson(req, createPortfolioSchema);
    assertPolicy(input);
    const body = {
      agentPortfolioName: input.agentPortfolioName,
      investmentAmountInUsd: input.investmentAmountInUsd,
      ...(input.agentPortfolioDescription ? { agentPortfolioDescription: input.agentPortfolioDescription } : {}),
      ...toMintBody(input),
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
          },
        }),
        failure: secretLostFields,
      });
    });
    return json<ResponseOf<"POST /api/portfolios">>(
      created.status === 201
        ? { portfolio: created.portfolio, token: created.token }
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
