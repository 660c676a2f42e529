import type { NextRequest } from "next/server";
import { noContent } from "@/lib/bff/respond";
import { requireCredentials } from "@/lib/bff/require-credentials";
import { route } from "@/lib/bff/route";
import { parseId } from "@/lib/bff/route-params";
import { deletePortfolio } from "@/lib/etoro/agent-portfolios";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ portfolioId: string }> };

/** Delete: eToro revokes every token of the portfolio and stops its copy mirror. */
export const DELETE = route<Ctx>(
  async (_req: NextRequest, { params }) => {
    const credentials = await requireCredentials();
    const portfolioId = parseId((await params).portfolioId, "portfolio");
    const { requestId } = await deletePortfolio(credentials, portfolioId);
    return noContent({ requestId });
  },
  { mutation: true },
);
