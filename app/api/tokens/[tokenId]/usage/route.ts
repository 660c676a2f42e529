import type { NextRequest } from "next/server";
import type { ResponseOf } from "@/lib/bff/contract";
import { ApiError } from "@/lib/bff/http/api-error";
import { json } from "@/lib/bff/http/respond";
import { route } from "@/lib/bff/http/route";
import { parseId } from "@/lib/bff/http/route-params";
import { accountView } from "@/lib/bff/read-models/account-view";
import { ledgerRead } from "@/lib/bff/read-models/ledger-read";
import { registeredToken, tokenUsage } from "@/lib/bff/read-models/token-usage";
import { boundaryFactsOf } from "@/lib/bff/read-models/token-boundaries";
import { requireSession } from "@/lib/session";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ tokenId: string }> };

/**
 * One token's usage through the gateway. The token must be the account's: in its
 * list, or (revoked since) in the gateway's registry under this account; any other
 * id is a 404, whoever's it is.
 */
export const GET = route<Ctx>(async (req: NextRequest, { params }) => {
  const { account, credentials } = await requireSession();
  const tokenId = parseId((await params).tokenId, "token");
  const view = await accountView(req, credentials);
  const portfolio = view.list.agentPortfolios.find((p) => p.userTokens.some((t) => t.userTokenId === tokenId));
  const listed = portfolio?.userTokens.find((t) => t.userTokenId === tokenId);
  const usage = await ledgerRead(async (db) => {
    const known = listed
      ? { userTokenName: listed.userTokenName, agentPortfolioId: portfolio!.agentPortfolioId }
      : await registeredToken(db, account, tokenId);
    if (!known) throw new ApiError(404, "NotFound", "This account has no token with that id.");
    const portfolioName = view.list.agentPortfolios.find((p) => p.agentPortfolioId === known.agentPortfolioId)?.agentPortfolioName ?? null;
    const now = Date.now();
    const [used, held] = await Promise.all([
      tokenUsage(db, account, { userTokenId: tokenId, ...known, agentPortfolioName: portfolioName }, now),
      boundaryFactsOf(db, account, tokenId, now),
    ]);
    return { ...used, boundaries: held?.boundaries ?? null, budget: held?.budget ?? null };
  });
  return json<ResponseOf<"GET /api/tokens/:tokenId/usage">>(usage);
});
