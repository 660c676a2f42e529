import "server-only";
/**
 * Each token's boundaries as the gateway's registry holds them, with what its
 * budgets have used in the current UTC day and week (token_budgets, written by the
 * gateway's reservations). Every query names the account.
 */
import { sql } from "drizzle-orm";
import type { LedgerDb } from "@/lib/db/open";
import { budgetUse, utcDayStart, utcWeekStart, type BudgetUse } from "@/lib/domain/token-boundaries";
import { sqlRows } from "@/lib/jobs/sql-rows";
import { NO_BOUNDARIES, tokenBoundariesSchema, type TokenBoundaries } from "@/lib/schemas/boundaries";

export type TokenBoundaryFacts = { boundaries: TokenBoundaries; budget: BudgetUse };

type Row = { id: string; boundaries: unknown; day_used: number | string; week_used: number | string };

/** The stored jsonb as boundaries; `{}` (or, never expected, anything unreadable) is none. */
export function readStoredBoundaries(stored: unknown): TokenBoundaries {
  const parsed = tokenBoundariesSchema.safeParse(typeof stored === "string" ? JSON.parse(stored) : (stored ?? {}));
  if (!parsed.success) console.error("[gateway] a token's stored boundaries could not be read; shown as none");
  return parsed.success ? parsed.data : NO_BOUNDARIES;
}

function query(account: string, now: number, tokenId?: string) {
  const day = new Date(utcDayStart(now));
  const week = new Date(utcWeekStart(now));
  return sql`select g.user_token_id::text as id, g.boundaries,
      coalesce(d.used_cents, 0) as day_used, coalesce(w.used_cents, 0) as week_used
    from gateway_tokens g
    left join token_budgets d on d.user_token_id = g.user_token_id and d.period = 'day' and d.window_start = ${day}
    left join token_budgets w on w.user_token_id = g.user_token_id and w.period = 'week' and w.window_start = ${week}
    where g.account = ${account}${tokenId ? sql` and g.user_token_id = ${tokenId}` : sql``}`;
}

function facts(row: Row, now: number): TokenBoundaryFacts {
  const boundaries = readStoredBoundaries(row.boundaries);
  return { boundaries, budget: budgetUse(boundaries, { day: Number(row.day_used), week: Number(row.week_used) }, now) };
}

/** Per registered token of the account: its boundaries and budget use at `now`. One statement. */
export async function boundaryFactsFor(db: LedgerDb, account: string, now: number): Promise<Map<string, TokenBoundaryFacts>> {
  const rows = await sqlRows<Row>(db, query(account, now));
  return new Map(rows.map((r) => [r.id, facts(r, now)]));
}

/** One token's, or null when the account has no such registered token. */
export async function boundaryFactsOf(db: LedgerDb, account: string, tokenId: string, now: number): Promise<TokenBoundaryFacts | null> {
  const [row] = await sqlRows<Row>(db, query(account, now, tokenId));
  return row ? facts(row, now) : null;
}
