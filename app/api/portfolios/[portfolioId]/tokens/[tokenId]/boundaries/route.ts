import type { NextRequest } from "next/server";
import type { ResponseOf } from "@/lib/bff/contract";
import { audited, boundariesSnapshot } from "@/lib/bff/guards/audited-mutation";
import { requireLedgerForGrant } from "@/lib/bff/guards/ledger-for-grant";
import { ApiError } from "@/lib/bff/http/api-error";
import { readJson } from "@/lib/bff/http/read-json";
import { json } from "@/lib/bff/http/respond";
import { route } from "@/lib/bff/http/route";
import { parseId } from "@/lib/bff/http/route-params";
import { ledgerRead } from "@/lib/bff/read-models/ledger-read";
import { boundaryFactsOf, readStoredBoundaries } from "@/lib/bff/read-models/token-boundaries";
import { registeredToken } from "@/lib/bff/read-models/token-usage";
import { cachedPortfolio } from "@/lib/etoro/agent-portfolios";
import { boundariesLoosened } from "@/lib/domain/token-boundaries";
import { setBoundaries } from "@/lib/gateway/token-registry";
import { changeBoundariesSchema } from "@/lib/schemas/token";
import { requireSession } from "@/lib/session";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ portfolioId: string; tokenId: string }> };

const NOT_REGISTERED =
  "The console's gateway does not know this token (it was minted elsewhere, or before the gateway), so no boundary could hold it. Roll it to put a new one on the gateway.";

/**
 * Replace a token's risk boundaries. They live only at the console's gateway (eToro
 * is not asked): written to the registry with a new version, so every instance holds
 * the token to them within a poll, and recorded in the ledger with before → after.
 * A change that loosens anything is a grant: refused (503) unless the ledger can
 * record it; one that only tightens goes through whatever the ledger's state.
 */
export const PUT = route<Ctx>(
  async (req: NextRequest, { params }) => {
    const { account, credentials } = await requireSession();
    const p = await params;
    const portfolioId = parseId(p.portfolioId, "portfolio");
    const tokenId = parseId(p.tokenId, "token");
    const { boundaries } = await readJson(req, changeBoundariesSchema);

    const known = await ledgerRead((db) => registeredToken(db, account, tokenId));
    if (!known || known.agentPortfolioId !== portfolioId) throw new ApiError(404, "NotOnGateway", NOT_REGISTERED);
    const names = {
      portfolioId,
      tokenId,
      portfolioName: cachedPortfolio(credentials, portfolioId)?.agentPortfolioName ?? null,
      tokenName: known.userTokenName,
    };

    const current = await ledgerRead((db) => boundaryFactsOf(db, account, tokenId, Date.now()));
    if (current && boundariesLoosened(current.boundaries, boundaries)) await requireLedgerForGrant();

    const attempt = { action: "token.boundaries" as const, ...names, after: boundariesSnapshot(boundaries) };
    await audited(
      req,
      credentials,
      attempt,
      async () => {
        const written = await ledgerRead((db) => setBoundaries(db, account, tokenId, boundaries));
        if (!written) throw new ApiError(404, "NotOnGateway", NOT_REGISTERED);
        return readStoredBoundaries(written.before);
      },
      // The row as it was under the write's lock: the ledger's "before" is exactly what was replaced.
      { success: (before) => ({ requestId: null, before: boundariesSnapshot(before) }) },
    );
    return json<ResponseOf<"PUT /api/portfolios/:portfolioId/tokens/:tokenId/boundaries">>({ boundaries });
  },
  { changesPortfolios: true },
);
