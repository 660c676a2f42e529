import type { NextRequest } from "next/server";
import { audit, audited, tokenSnapshot } from "@/lib/bff/audit";
import { assertPolicy } from "@/lib/bff/policy";
import { readJson } from "@/lib/bff/read-json";
import { json } from "@/lib/bff/respond";
import { listChangedAt, requireCredentials } from "@/lib/bff/require-credentials";
import { route } from "@/lib/bff/route";
import { originsOf } from "@/lib/bff/token-origins";
import { toMintBody } from "@/lib/bff/upstream-bodies";
import type { PortfolioList } from "@/lib/domain/types";
import { createPortfolio, listPortfolios } from "@/lib/etoro/agent-portfolios";
import { getLedgerDb } from "@/lib/ledger/db";
import { secretHintsFor } from "@/lib/ledger/queries";
import { createPortfolioSchema } from "@/lib/schemas/portfolio";
import { accountFingerprint } from "@/lib/session";

export const dynamic = "force-dynamic";

export const GET = route(async (req: NextRequest) => {
  const credentials = await requireCredentials();
  const listed = await listPortfolios(credentials, { changedAfter: await listChangedAt() });
  const hints = await secretHints(accountFingerprint(credentials), listed.portfolios.flatMap((p) => p.userTokens.map((t) => t.userTokenId)));
  const origins = await originsOf(req, accountFingerprint(credentials), listed.portfolios, listed.requestId);
  const body: PortfolioList = {
    agentPortfolios: listed.portfolios.map((p) => ({
      ...p,
      userTokens: p.userTokens.map((t) => ({ ...t, secretHint: hints.get(t.userTokenId) ?? null, origin: origins.get(t.userTokenId) ?? null })),
    })),
    fetchedAt: listed.fetchedAt,
  };
  return json(body, { requestId: listed.requestId });
});

/** Hints are a convenience: a ledger outage must not take the list down with it. */
async function secretHints(account: string, tokenIds: string[]): Promise<Map<string, string>> {
  try {
    return await secretHintsFor(await getLedgerDb(), account, tokenIds);
  } catch (e) {
    console.error(`[ledger] hint lookup failed: ${e instanceof Error ? e.name : "unknown"}`);
    return new Map();
  }
}

/** Create (v2) with the first token: 201 with the secret once, or 207 when only the portfolio was made. */
export const POST = route(
  async (req: NextRequest) => {
    const credentials = await requireCredentials();
    const input = await readJson(req, createPortfolioSchema);
    assertPolicy(input);
    const attempt = { action: "portfolio.create" as const, portfolioName: input.agentPortfolioName, tokenName: input.userTokenName };
    const created = await audited(req, credentials, attempt, () =>
      createPortfolio(credentials, {
        agentPortfolioName: input.agentPortfolioName,
        investmentAmountInUsd: input.investmentAmountInUsd,
        ...(input.agentPortfolioDescription ? { agentPortfolioDescription: input.agentPortfolioDescription } : {}),
        ...toMintBody(input),
      }),
    );
    await audit(req, credentials, {
      ...attempt,
      outcome: created.token ? "ok" : "partial",
      errorCode: created.token ? null : "UserTokenNotCreated",
      requestId: created.requestId,
      portfolioId: created.portfolio.agentPortfolioId,
      tokenId: created.token?.userTokenId ?? null,
      secretHint: created.token?.secretHint ?? null,
      after: { investmentAmountInUsd: input.investmentAmountInUsd, ...tokenSnapshot(created.token ?? input) },
    });
    return json(
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
