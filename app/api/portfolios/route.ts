import type { NextRequest } from "next/server";
import { audited, tokenSnapshot } from "@/lib/bff/audit";
import { oneAtATime } from "@/lib/bff/in-flight";
import { requireLedgerForGrant } from "@/lib/bff/ledger-guard";
import { readJson } from "@/lib/bff/read-json";
import { json } from "@/lib/bff/respond";
import { listChangedAt, requireCredentials } from "@/lib/bff/require-credentials";
import { route } from "@/lib/bff/route";
import { secretLostFields, withTimeoutRecovery } from "@/lib/bff/timeout-recovery";
import { toMintBody } from "@/lib/bff/upstream-bodies";
import type { PortfolioList } from "@/lib/domain/types";
import { accountKey, createPortfolio, listPortfolios } from "@/lib/etoro/agent-portfolios";
import { getLedgerDb } from "@/lib/ledger/db";
import { secretHintsFor } from "@/lib/ledger/queries";
import { createPortfolioSchema } from "@/lib/schemas/portfolio";
import { accountFingerprint } from "@/lib/session";

export const dynamic = "force-dynamic";

export const GET = route(async () => {
  const credentials = await requireCredentials();
  const listed = await listPortfolios(credentials, { changedAfter: await listChangedAt() });
  const hints = await secretHints(accountFingerprint(credentials), listed.portfolios.flatMap((p) => p.userTokens.map((t) => t.userTokenId)));
  const body: PortfolioList = {
    agentPortfolios: listed.portfolios.map((p) => ({
      ...p,
      userTokens: p.userTokens.map((t) => ({ ...t, secretHint: hints.get(t.userTokenId) ?? null })),
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

/**
 * Create (v2) with the first token: 201 with the secret once, or 207 when only the
 * portfolio was made. A grant: refused (503) unless the ledger can record it; the
 * same create already on its way is answered 409 without asking eToro again.
 */
export const POST = route(
  async (req: NextRequest) => {
    const credentials = await requireCredentials();
    const input = await readJson(req, createPortfolioSchema);
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
          after: { investmentAmountInUsd: input.investmentAmountInUsd, ...tokenSnapshot(made.token ?? input) },
        }),
        failure: secretLostFields,
      });
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
