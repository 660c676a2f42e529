import type { NextRequest } from "next/server";
import { audit, audited, tokenSnapshot } from "@/lib/bff/audit";
import { readJson, validationError } from "@/lib/bff/read-json";
import { noContent } from "@/lib/bff/respond";
import { listChangedAt, requireCredentials } from "@/lib/bff/require-credentials";
import { route } from "@/lib/bff/route";
import { parseId } from "@/lib/bff/route-params";
import { toUpdateBody } from "@/lib/bff/upstream-bodies";
import type { EtoroCredentials } from "@/lib/etoro/http";
import { cachedPortfolio, currentToken, revokeToken, updateToken } from "@/lib/etoro/agent-portfolios";
import { updateTokenSchema, updateTokenSchemaFor } from "@/lib/schemas/token";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ portfolioId: string; tokenId: string }> };

async function ids(params: Ctx["params"]) {
  const p = await params;
  return { portfolioId: parseId(p.portfolioId, "portfolio"), tokenId: parseId(p.tokenId, "token") };
}

/** Names and settings as last listed, for the ledger's "before". */
function known(credentials: EtoroCredentials, portfolioId: string, tokenId: string) {
  const portfolio = cachedPortfolio(credentials, portfolioId);
  const token = portfolio?.userTokens.find((t) => t.userTokenId === tokenId);
  return { portfolioId, tokenId, portfolioName: portfolio?.agentPortfolioName ?? null, tokenName: token?.userTokenName ?? null, token };
}

/** Change scopes, IPs or expiry (v2); only the fields sent change. */
export const PATCH = route<Ctx>(
  async (req: NextRequest, { params }) => {
    const credentials = await requireCredentials();
    const { portfolioId, tokenId } = await ids(params);
    const input = await readJson(req, updateTokenSchema);
    // Judged against the token as it is now, never a list from before this session's last change.
    const { portfolio, token } = await currentToken(credentials, portfolioId, tokenId, { changedAfter: await listChangedAt() });
    const names = { portfolioId, tokenId, portfolioName: portfolio?.agentPortfolioName ?? null, tokenName: token?.userTokenName ?? null };
    const checked = token ? updateTokenSchemaFor(token).safeParse(input) : null;
    if (checked?.success === false) throw validationError(checked.error);
    const body = toUpdateBody(input);
    const attempt = { action: "token.update" as const, ...names, before: tokenSnapshot(token), after: { ...tokenSnapshot(token), ...body } };
    const { requestId } = await audited(req, credentials, attempt, () => updateToken(credentials, portfolioId, tokenId, body));
    await audit(req, credentials, { ...attempt, requestId });
    return noContent({ requestId });
  },
  { changesPortfolios: true },
);

export const DELETE = route<Ctx>(
  async (req: NextRequest, { params }) => {
    const credentials = await requireCredentials();
    const { portfolioId, tokenId } = await ids(params);
    const { token, ...names } = known(credentials, portfolioId, tokenId);
    const attempt = { action: "token.revoke" as const, ...names, before: tokenSnapshot(token) };
    const { requestId } = await audited(req, credentials, attempt, () => revokeToken(credentials, portfolioId, tokenId));
    await audit(req, credentials, { ...attempt, requestId });
    return noContent({ requestId });
  },
  { changesPortfolios: true },
);
