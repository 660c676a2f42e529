import type { NextRequest } from "next/server";
import { audited } from "@/lib/bff/guards/audited-mutation";
import { noContent } from "@/lib/bff/http/respond";
import { route } from "@/lib/bff/http/route";
import { parseId } from "@/lib/bff/http/route-params";
import { requireSession } from "@/lib/session";
import { cachedPortfolio, deletePortfolio } from "@/lib/etoro/agent-portfolios";
import { revokePortfoliosAtGateway } from "@/lib/bff/guards/gateway-registration";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ portfolioId: string }> };

/**
 * Delete: eToro revokes every token of the portfolio and stops its copy mirror.
 * A revocation: it goes through even while the ledger is down (its row waits in the outbox).
 */
export const DELETE = route<Ctx>(
  async (req: NextRequest, { params }) => {
    const credentials = (await requireSession()).credentials;
    const portfolioId = parseId((await params).portfolioId, "portfolio");
    const known = cachedPortfolio(credentials, portfolioId);
    const attempt = {
      action: "portfolio.delete" as const,
      portfolioId,
      portfolioName: known?.agentPortfolioName ?? null,
      before: known ? { tokenIds: known.userTokens.map((t) => t.userTokenId) } : null,
    };
    // Its tokens are refused at the gateway from now on, whatever eToro answers next.
    await revokePortfoliosAtGateway([portfolioId]);
    const { requestId } = await audited(req, credentials, attempt, () => deletePortfolio(credentials, portfolioId), {
      success: ({ requestId }) => ({ requestId }),
    });
    return noContent({ requestId });
  },
  { changesPortfolios: true },
);
