import type { NextRequest } from "next/server";
import type { ResponseOf } from "@/lib/bff/contract";
import { ledgerRead } from "@/lib/bff/read-models/ledger-read";
import { json } from "@/lib/bff/http/respond";
import { route } from "@/lib/bff/http/route";
import { parseId } from "@/lib/bff/http/route-params";
import { requireSession } from "@/lib/session";
import { tokenHistories } from "@/lib/ledger/token-history";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ portfolioId: string }> };

/**
 * What the ledger remembers of every token this portfolio had, revoked and vanished
 * ones included (eToro forgets them): minted or found when, scopes held, ended when and how.
 */
export const GET = route<Ctx>(async (_req: NextRequest, { params }) => {
  const account = (await requireSession()).account;
  const portfolioId = parseId((await params).portfolioId, "portfolio");
  return json<ResponseOf<"GET /api/portfolios/:portfolioId/history">>({ tokens: await ledgerRead((db) => tokenHistories(db, account, { portfolioId })) });
});
