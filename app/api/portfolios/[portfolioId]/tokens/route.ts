import type { NextRequest } from "next/server";
import { audit, audited, tokenSnapshot } from "@/lib/bff/audit";
import { readJson } from "@/lib/bff/read-json";
import { json } from "@/lib/bff/respond";
import { requireCredentials } from "@/lib/bff/require-credentials";
import { route } from "@/lib/bff/route";
import { parseId } from "@/lib/bff/route-params";
import { toMintBody } from "@/lib/bff/upstream-bodies";
import { cachedPortfolio, mintToken } from "@/lib/etoro/agent-portfolios";
import { mintTokenSchema } from "@/lib/schemas/token";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ portfolioId: string }> };

/** Mint (v2): 201 with the secret, once; the reply is no-store like every BFF reply. */
export const POST = route<Ctx>(
  async (req: NextRequest, { params }) => {
    const credentials = await requireCredentials();
    const portfolioId = parseId((await params).portfolioId, "portfolio");
    const input = await readJson(req, mintTokenSchema);
    const attempt = {
      action: "token.mint" as const,
      portfolioId,
      portfolioName: cachedPortfolio(credentials, portfolioId)?.agentPortfolioName ?? null,
      tokenName: input.userTokenName,
      // A roll names the token it replaces, so the ledger links the two.
      after: { ...tokenSnapshot(input), ...(input.replacesTokenId ? { replacesTokenId: input.replacesTokenId } : {}) },
    };
    const { requestId, token } = await audited(req, credentials, attempt, () => mintToken(credentials, portfolioId, toMintBody(input)));
    await audit(req, credentials, {
      ...attempt,
      requestId,
      tokenId: token.userTokenId,
      secretHint: token.secretHint,
      after: { ...attempt.after, ...tokenSnapshot(token) },
    });
    return json({ token }, { status: 201, requestId });
  },
  { changesPortfolios: true },
);
