import "server-only";
import type { NextRequest } from "next/server";
import type { PortfolioView, TokenOrigin } from "@/lib/domain/types";
import { getLedgerDb } from "@/lib/db/process-db";
import { recordDiscovered, tokenOrigins } from "@/lib/ledger/token-history";
import { tokenSnapshot } from "../guards/audited-mutation";
import { clientIp } from "../http/client-ip";

/**
 * Where each listed token came from: minted through this console, or "outside" (eToro
 * lists it, the ledger never saw it minted). An outside token is recorded once as
 * `token.discovered`, with the settings it had when first seen. A ledger that cannot
 * answer leaves origins unknown rather than failing the list (`complete: false`).
 */
export async function originsOf(
  req: NextRequest,
  account: string,
  portfolios: PortfolioView[],
  requestId: string,
): Promise<{ value: Map<string, TokenOrigin>; complete: boolean }> {
  const origins = new Map<string, TokenOrigin>();
  try {
    const db = await getLedgerDb();
    const listed = portfolios.flatMap((p) => p.userTokens.map((t) => ({ p, t })));
    const { minted, discovered } = await tokenOrigins(db, account, listed.map(({ t }) => t.userTokenId));
    const found = [];
    for (const { p, t } of listed) {
      const outside = !minted.has(t.userTokenId);
      origins.set(t.userTokenId, outside ? "outside" : "console");
      if (outside && !discovered.has(t.userTokenId)) {
        found.push({
          account,
          action: "token.discovered" as const,
          outcome: "ok" as const,
          requestId,
          portfolioId: p.agentPortfolioId,
          portfolioName: p.agentPortfolioName,
          tokenId: t.userTokenId,
          tokenName: t.userTokenName,
          after: { ...tokenSnapshot(t), clientId: t.clientId, externalApplicationName: t.externalApplicationName, createdAt: t.createdAt },
          clientIp: clientIp(req),
        });
      }
    }
    if (found.length) await recordDiscovered(db, found);
    return { value: origins, complete: true };
  } catch (e) {
    console.error(`[ledger] origin lookup failed: ${e instanceof Error ? e.name : "unknown"}`);
    return { value: new Map(), complete: false };
  }
}
