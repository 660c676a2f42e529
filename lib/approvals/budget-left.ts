/**
 * A token's budgets now, for the person deciding: each period's limit from the
 * token's boundaries (gateway_tokens.boundaries) and what the current UTC day /
 * week (from Monday 00:00 UTC) has used (token_budgets). Read only: the gateway
 * reserves and settles.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { LedgerDb } from "@/lib/db/open";
import { gatewayTokens, tokenBudgets } from "@/lib/db/schema";
import { dayStart, weekStart } from "@/lib/boundaries/judge";
import type { BudgetLeft } from "./types";

const limitOf = (v: unknown): number | null => (typeof v === "number" && Number.isInteger(v) && v > 0 ? v : null);

/** Budgets of each token (by user_token_id) of the account; a token without budgets maps to []. */
export async function budgetsLeft(db: LedgerDb, account: string, userTokenIds: readonly string[], now: Date): Promise<Map<string, BudgetLeft[]>> {
  const result = new Map<string, BudgetLeft[]>();
  const ids = [...new Set(userTokenIds)];
  if (ids.length === 0) return result;
  const tokens = await db
    .select({ userTokenId: gatewayTokens.userTokenId, boundaries: gatewayTokens.boundaries })
    .from(gatewayTokens)
    .where(and(eq(gatewayTokens.account, account), inArray(gatewayTokens.userTokenId, ids)));
  const limits = tokens
    .map((t) => ({ userTokenId: t.userTokenId, day: limitOf(t.boundaries?.dailyBudgetUsdCents), week: limitOf(t.boundaries?.weeklyBudgetUsdCents) }))
    .filter((t) => t.day !== null || t.week !== null);
  if (limits.length === 0) return result;
  const day = dayStart(now);
  const week = weekStart(now);
  const used = await db
    .select()
    .from(tokenBudgets)
    .where(and(inArray(tokenBudgets.userTokenId, limits.map((t) => t.userTokenId)), inArray(tokenBudgets.windowStart, [day, week])));
  const usedIn = (userTokenId: string, period: "day" | "week", start: Date) =>
    used.find((u) => u.userTokenId === userTokenId && u.period === period && u.windowStart.getTime() === start.getTime())?.usedCents ?? 0;
  for (const t of limits) {
    const budgets: BudgetLeft[] = [];
    for (const [period, limit, start] of [["day", t.day, day], ["week", t.week, week]] as const) {
      if (limit === null) continue;
      const usedUsdCents = usedIn(t.userTokenId, period, start);
      budgets.push({ period, limitUsdCents: limit, usedUsdCents, leftUsdCents: Math.max(0, limit - usedUsdCents) });
    }
    result.set(t.userTokenId, budgets);
  }
  return result;
}
