/**
 * Budgets in the database (token_budgets): a reservation before an order is
 * forwarded, kept when eToro accepts it, given back when eToro refuses it.
 *
 * A reservation is one conditional statement per budget, all in one
 * transaction: insert the window's row, or add the order's value to it only
 * WHERE the sum stays within the limit. PostgreSQL locks the row it updates,
 * so concurrent reservations on any number of instances queue on it and each
 * sees the sum the one before it committed: the budget is never overshot.
 * When either budget (day, week) cannot take the order, neither is charged.
 *
 * The reservation that takes a window to 80 % or 100 % of its limit also puts
 * a budget.threshold event in the outbox, in the same transaction; the row
 * remembers the highest alert sent, so each is sent once per window even if
 * refunds take the amount back below it.
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

/**
 * Charges every budget inside the caller's transaction; throws BudgetFull (the
 * caller rolls back) when one cannot take the order.
 */
export async function reserveWithin(tx: LedgerDb, owner: BudgetOwner, valueCents: number, charges: readonly BudgetCharge[]): Promise<Reservation> {
  for (const charge of charges) {
    const windowStart = charge.windowStart.toISOString();
    const updated = (await tx.execute(sql`
      insert into token_budgets (user_token_id, period, window_start, used_cents)
      values (${owner.userTokenId}, ${charge.period}, ${windowStart}::timestamptz, ${valueCents})
      on conflict (user_token_id, period, window_start) do update
        set used_cents = token_budgets.used_cents + excluded.used_cents
        where token_budgets.used_cents + excluded.used_cents <= ${charge.limitCents}
      returning used_cents`)) as unknown as Rows<{ used_cents: string | number }>;
    if (updated.rows.length === 0) {
      const seen = (await tx.execute(sql`
        select used_cents from token_budgets
        where user_token_id = ${owner.userTokenId} and period = ${charge.period} and window_start = ${windowStart}::timestamptz`)) as unknown as Rows<{ used_cents: string | number }>;
      throw new BudgetFull(budgetRefusal(charge, valueCents, Number(seen.rows[0]?.used_cents ?? 0)));
    }
    const used = Number(updated.rows[0].used_cents);
    for (const percent of ALERTS) {
      // Only a window at 80 % or more pays for this statement.
      if (used * 100 < charge.limitCents * percent) break;
      const alerted = (await tx.execute(sql`
        update token_budgets set alerted_percent = ${percent}
        where user_token_id = ${owner.userTokenId} and period = ${charge.period} and window_start = ${windowStart}::timestamptz
          and alerted_percent < ${percent}
        returning 1 as hit`)) as unknown as Rows<unknown>;
      if (alerted.rows.length > 0) {
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
    }
  }
  return { userTokenId: owner.userTokenId, valueCents, charges: [...charges] };
}

/** Reserves in a transaction of its own: the reservation, or the refusal of the budget that could not take it. */
export async function reserveBudget(
  db: LedgerDb,
  owner: BudgetOwner,
  valueCents: number,
  charges: readonly BudgetCharge[],
): Promise<{ reservation: Reservation } | { refusal: BoundaryRefusal }> {
  try {
    return { reservation: await db.transaction((tx) => reserveWithin(tx as unknown as LedgerDb, owner, valueCents, charges)) };
  } catch (error) {
    if (error instanceof BudgetFull) return { refusal: error.refusal };
    throw error;
  }
}

/** Gives a reservation back (eToro refused the order), to the windows it was taken from. */
export async function refundBudget(db: LedgerDb, reservation: Reservation): Promise<void> {
  if (reservation.charges.length === 0) return;
  await db.transaction(async (tx) => {
    for (const charge of reservation.charges) {
      await tx.execute(sql`
        update token_budgets set used_cents = greatest(used_cents - ${reservation.valueCents}, 0)
        where user_token_id = ${reservation.userTokenId} and period = ${charge.period} and window_start = ${charge.windowStart.toISOString()}::timestamptz`);
    }
  });
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
