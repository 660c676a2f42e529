import type { NextRequest } from "next/server";
import { readJson } from "@/lib/bff/read-json";
import { noContent } from "@/lib/bff/respond";
import { requireCredentials } from "@/lib/bff/require-credentials";
import { route } from "@/lib/bff/route";
import { parseId } from "@/lib/bff/route-params";
import { toUpdateBody } from "@/lib/bff/upstream-bodies";
import { revokeToken, updateToken } from "@/lib/etoro/agent-portfolios";
import { updateTokenSchema } from "@/lib/schemas/token";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ portfolioId: string; tokenId: string }> };

async function ids(params: Ctx["params"]) {
  const p = await params;
  return { portfolioId: parseId(p.portfolioId, "portfolio"), tokenId: parseId(p.tokenId, "token") };
}

/** Change scopes, IPs or expiry (v2); only the fields sent change. */
export const PATCH = route<Ctx>(
  async (req: NextRequest, { params }) => {
    const credentials = await requireCredentials();
    const { portfolioId, tokenId } = await ids(params);
    const input = await readJson(req, updateTokenSchema);
    const { requestId } = await updateToken(credentials, portfolioId, tokenId, toUpdateBody(input));
    return noContent({ requestId });
  },
  { mutation: true },
);

export const DELETE = route<Ctx>(
  async (_req: NextRequest, { params }) => {
    const credentials = await requireCredentials();
    const { portfolioId, tokenId } = await ids(params);
    const { requestId } = await revokeToken(credentials, portfolioId, tokenId);
    return noContent({ requestId });
  },
  { mutation: true },
);
