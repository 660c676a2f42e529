/**
 * The periodic look at the gateway's registry for what no request causes: a
 * token that expires within 7 days (token.expiring) and one unused for 30 days
 * (token.unused, from last_used_at, or minted_at when never used). Each is told
 * once per token and condition (token_notices, inserted in the same transaction
 * as the event, so instances scanning side by side tell it once between them).
 */
import { and, gt, isNotNull, isNull, lte, or, sql } from "drizzle-orm";
import { emitAccountEvent } from "@/lib/account-events/emit";
import type { LedgerDb } from "@/lib/db/open";
import { gatewayTokens, tokenNotices, type GatewayTokenRow } from "@/lib/db/schema";

export const EXPIRING_WITHIN_DAYS = 7;
export const UNUSED_FOR_DAYS = 30;
const DAY_MS = 86_400_000;

async function tell(db: LedgerDb, token: GatewayTokenRow, condition: "expiring" | "unused", basis: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const fresh = await tx
      .insert(tokenNotices)
      .values({ userTokenId: token.userTokenId, condition, basis: basis.toISOString() })
      .onConflictDoNothing()
      .returning({ id: tokenNotices.userTokenId });
    if (fresh.length === 0) return false;
    const data = { userTokenId: token.userTokenId, userTokenName: token.userTokenName, agentPortfolioId: token.agentPortfolioId };
    if (condition === "expiring") await emitAccountEvent(tx, { account: token.account, type: "token.expiring", data: { ...data, expiresAt: basis.toISOString() } });
    else await emitAccountEvent(tx, { account: token.account, type: "token.unused", data: { ...data, lastUsedAt: token.lastUsedAt?.toISOString() ?? null } });
    return true;
  });
}

/** Returns how many notices it gave. */
export async function scanTokens(db: LedgerDb, now: Date = new Date()): Promise<number> {
  const at = now.toISOString();
  const live = and(isNull(gatewayTokens.revokedAt), or(isNull(gatewayTokens.expiresAt), gt(gatewayTokens.expiresAt, sql`${at}::timestamptz`)));
  const expiring = await db
    .select()
    .from(gatewayTokens)
    .where(and(live, isNotNull(gatewayTokens.expiresAt), lte(gatewayTokens.expiresAt, sql`${new Date(now.getTime() + EXPIRING_WITHIN_DAYS * DAY_MS).toISOString()}::timestamptz`)));
  const unused = await db
    .select()
    .from(gatewayTokens)
    .where(and(live, lte(sql`coalesce(${gatewayTokens.lastUsedAt}, ${gatewayTokens.mintedAt})`, sql`${new Date(now.getTime() - UNUSED_FOR_DAYS * DAY_MS).toISOString()}::timestamptz`)));
  let told = 0;
  for (const token of expiring) if (await tell(db, token, "expiring", token.expiresAt!)) told++;
  for (const token of unused) if (await tell(db, token, "unused", token.lastUsedAt ?? token.mintedAt)) told++;
  return told;
}
