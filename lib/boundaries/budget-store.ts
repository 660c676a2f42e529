/**
 * Budgets in the database (token_budgets): a reservation before an order is
 * forwarded, kept when eToro accepts it, given back when eToro refuses it.
 *
 * A reservation is one conditional statement for all of a token's budgets:
 * insert each window's row, or add the order's value to it only WHERE the sum
 * stays within that budget's limit. PostgreSQL locks a row it updates and
 * re-checks the WHERE against the latest committed sum, so concurrent
 * reservations on any number of instances queue on the row for the length of
 * one statement and the budget is never overshot. When one budget (day, week)
 * cannot take the order, the other is given back.
 *
 * The reservation that takes a window to 80 % or 100 % of its limit also sets
 * the row's alert mark and puts a budget.threshold event in the outbox, in one
 * transaction; the mark remembers the highest alert sent, so each is sent once
 * per window even if refunds take the amount back below it.
 */
import { sql } from "drizzle-orm";
import type { LedgerDb } from "@/lib/db/open";
import { emitAccountEvent } from "@/lib/account-events/emit";
import type { EventToken } from "@/lib/account-events/types";
import { budgetRefusal, type BoundaryRefusal, type BudgetCharge } from "./judge";

export type BudgetOwner = EventToken & { account: string };

export type Reservation = { userTokenId: string; valueCents: number; charges: BudgetCharge[] };

export class BudgetFull extends Error {
  constructor(readonly refusal: BoundaryRefusal) {
    super(refusal.message);
  }
}

type Rows<T> = { rows: T[] };

const ALERTS = [80, 100] as const;

type UsedRow = { period: string; used_cents: string | number; alerted_percent: number };

/**
 * Charges every budget in one statement (a row per budget, each updated only
 * WHERE its sum stays within its own limit), so a row is locked only while
 * that statement runs. When a budget could not take the order, the ones that
 * did are given back and BudgetFull is thrown (inside a transaction, the
 * caller rolls back). Between the two, another order may see the budget a
 * moment fuller than it is: refused when it might have fit, never the reverse.
 */
export async function reserveWithin(db: LedgerDb, owner: BudgetOwner, valueCents: number, charges: readonly BudgetCharge[]): Promise<Reservation> {
  if (charges.length === 0) return { userTokenId: owner.userTokenId, valueCents, charges: [] };
  const values = sql.join(
    charges.map((c) => sql`(${owner.userTokenId}::uuid, ${c.period}::text, ${c.windowStart.toISOString()}::timestamptz, ${valueCents}::bigint)`),
    sql`, `,
  );
  const limits = sql.join(
    charges.map((c) => sql`when ${c.period}::text then ${c.limitCents}::bigint`),
    sql` `,
  );
  const charged = ((await db.execute(sql`
    insert into token_budgets (user_token_id, period, window_start, used_cents)
    values ${values}
    on conflict (user_token_id, period, window_start) do update
      set used_cents = token_budgets.used_cents + excluded.used_cents
      where token_budgets.used_cents + excluded.used_cents <= (case token_budgets.period ${limits} end)
    returning period, used_cents, alerted_percent`)) as unknown as Rows<UsedRow>).rows;

  const usedBy = new Map(charged.map((r) => [r.period, Number(r.used_cents)]));
  const alertedBy = new Map(charged.map((r) => [r.period, Number(r.alerted_percent)]));
  const full = charges.find((c) => !usedBy.has(c.period));
  if (full) {
    const taken = charges.filter((c) => usedBy.has(c.period));
    await refundBudget(db, { userTokenId: owner.userTokenId, valueCents, charges: taken });
    const seen = await budgetsUsed(db, owner.userTokenId, [full]);
    throw new BudgetFull(budgetRefusal(full, valueCents, seen.get(full.period) ?? 0));
  }
  for (const charge of charges) await alertIfCrossed(db, owner, charge, usedBy.get(charge.period)!, alertedBy.get(charge.period)!);
  return { userTokenId: owner.userTokenId, valueCents, charges: [...charges] };
}

/** Marks the window's alert and puts its event in the outbox together, once per window per threshold. */
async function alertIfCrossed(db: LedgerDb, owner: BudgetOwner, charge: BudgetCharge, used: number, alreadyAlerted: number): Promise<void> {
  // Only a window at a threshold it has not been alerted for pays for these statements.
  const due = ALERTS.filter((percent) => used * 100 >= charge.limitCents * percent).at(-1) ?? 0;
  if (due <= alreadyAlerted) return;
  await db.transaction(async (tx) => {
    for (const percent of ALERTS) {
      if (used * 100 < charge.limitCents * percent) break;
      const alerted = (await tx.execute(sql`
        update token_budgets set alerted_percent = ${percent}
        where user_token_id = ${owner.userTokenId} and period = ${charge.period} and window_start = ${charge.windowStart.toISOString()}::timestamptz
          and alerted_percent < ${percent}
        returning 1 as hit`)) as unknown as Rows<unknown>;
      if (alerted.rows.length === 0) continue;
      await emitAccountEvent(tx, {
        account: owner.account,
        type: "budget.threshold",
        data: {
          userTokenId: owner.userTokenId,
          userTokenName: owner.userTokenName,
          agentPortfolioId: owner.agentPortfolioId,
          period: charge.period,
          percent,
          usedUsdCents: used,
          budgetUsdCents: charge.limitCents,
        },
      });
    }
  });
}

/** Reserves: the reservation, or the refusal of the budget that could not take it. */
export async function reserveBudget(
  db: LedgerDb,
  owner: BudgetOwner,
  valueCents: number,
  charges: readonly BudgetCharge[],
): Promise<{ reservation: Reservation } | { refusal: BoundaryRefusal }> {
  try {
    return { reservation: await reserveWithin(db, owner, valueCents, charges) };
  } catch (error) {
    if (error instanceof BudgetFull) return { refusal: error.refusal };
    throw error;
  }
}

/** Gives a reservation back (eToro refused the order), to the windows it was taken from, in one statement. */
export async function refundBudget(db: LedgerDb, reservation: Reservation): Promise<void> {
  if (reservation.charges.length === 0) return;
  const windows = sql.join(
    reservation.charges.map((c) => sql`(${c.period}::text, ${c.windowStart.toISOString()}::timestamptz)`),
    sql`, `,
  );
  await db.execute(sql`
    update token_budgets set used_cents = greatest(used_cents - ${reservation.valueCents}::bigint, 0)
    where user_token_id = ${reservation.userTokenId} and (period, window_start) in (${windows})`);
}

/** What each budget has used in its window (0 when nothing yet). */
export async function budgetsUsed(db: LedgerDb, userTokenId: string, charges: readonly BudgetCharge[]): Promise<Map<BudgetCharge["period"], number>> {
  const used = new Map<BudgetCharge["period"], number>();
  for (const charge of charges) {
    const seen = (await db.execute(sql`
      select used_cents from token_budgets
      where user_token_id = ${userTokenId} and period = ${charge.period} and window_start = ${charge.windowStart.toISOString()}::timestamptz`)) as unknown as Rows<{
      used_cents: string | number;
    }>;
    used.set(charge.period, Number(seen.rows[0]?.used_cents ?? 0));
  }
  return used;
}
