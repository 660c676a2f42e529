import type { NextRequest } from "next/server";
import { readJson } from "@/lib/bff/read-json";
import { json } from "@/lib/bff/respond";
import { requireCredentials } from "@/lib/bff/require-credentials";
import { route } from "@/lib/bff/route";
import { toMintBody } from "@/lib/bff/upstream-bodies";
import type { PortfolioList } from "@/lib/domain/types";
import { createPortfolio, listPortfolios } from "@/lib/etoro/agent-portfolios";
import { createPortfolioSchema } from "@/lib/schemas/portfolio";

export const dynamic = "force-dynamic";

export const GET = route(async () => {
  const credentials = await requireCredentials();
  const listed = await listPortfolios(credentials);
  const body: PortfolioList = { agentPortfolios: listed.portfolios, fetchedAt: listed.fetchedAt };
  return json(body, { requestId: listed.requestId });
});

/** Create (v2) with the first token: 201 with the secret once, or 207 when only the portfolio was made. */
export const POST = route(
  async (req: NextRequest) => {
    const credentials = await requireCredentials();
    const input = await readJson(req, createPortfolioSchema);
    const created = await createPortfolio(credentials, {
      agentPortfolioName: input.agentPortfolioName,
      investmentAmountInUsd: input.investmentAmountInUsd,
      ...(input.agentPortfolioDescription ? { agentPortfolioDescription: input.agentPortfolioDescription } : {}),
      ...toMintBody(input),
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
  { mutation: true },
);
