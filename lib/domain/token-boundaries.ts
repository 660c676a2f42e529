/**
 * A token's boundaries as the console reasons about them: the UTC windows its
 * budgets count in, what is used and left of them, whether the boundaries hold
 * at all (only for a gateway-only token: eToro itself does not know them), and
 * whether a change loosens them. Pure: shared by the server and the browser.
 */
import type { TokenBoundaries } from "@/lib/schemas/boundaries";

const DAY = 86_400_000;

/** 00:00 UTC of the day holding `now`. */
export function utcDayStart(now: number): number {
  return Math.floor(now / DAY) * DAY;
}

/** 00:00 UTC of the Monday of the week holding `now` (budgets reset then). */
export function utcWeekStart(now: number): number {
  const day = utcDayStart(now);
  // getUTCDay: Sunday 0 … Saturday 6; Monday is 0 days back, Sunday 6.
  const back = (new Date(day).getUTCDay() + 6) % 7;
  return day - back * DAY;
}

export type BudgetPeriodUse = {
  /** Opened in this window so far, in cents (the gateway's reservations, settled). */
  usedCents: number;
  limitCents: number;
  /** What is left, never below zero. */
  leftCents: number;
  windowStart: string;
  /** When the window resets. */
  resetsAt: string;
};

/** Per budget the token has: used and left in the current UTC window (null: no such budget). */
export type BudgetUse = { day: BudgetPeriodUse | null; week: BudgetPeriodUse | null };

export function budgetUse(b: TokenBoundaries, used: { day: number; week: number }, now: number): BudgetUse {
  const period = (limit: number | null, usedCents: number, start: number, length: number): BudgetPeriodUse | null =>
    limit === null
      ? null
      : {
          usedCents,
          limitCents: limit,
          leftCents: Math.max(0, limit - usedCents),
          windowStart: new Date(start).toISOString(),
          resetsAt: new Date(start + length).toISOString(),
        };
  return {
    day: period(b.dailyBudgetUsdCents, used.day, utcDayStart(now), DAY),
    week: period(b.weeklyBudgetUsdCents, used.week, utcWeekStart(now), 7 * DAY),
  };
}

/** Whether the token has any boundary set. */
export function hasBoundaries(b: TokenBoundaries | null | undefined): b is TokenBoundaries {
  if (!b) return false;
  return (
    b.maxOrderUsdCents !== null ||
    b.maxLeverage !== null ||
    b.dailyBudgetUsdCents !== null ||
    b.weeklyBudgetUsdCents !== null ||
    b.instrumentsAllowed.length > 0 ||
    b.instrumentsRefused.length > 0 ||
    b.tradingHours !== null ||
    b.requestsPerMinute !== null ||
    b.readOnly ||
    b.approval.aboveUsdCents !== null ||
    b.approval.everyRealOrder ||
    b.approval.outsideInstrumentList
  );
}

/** A daily budget at most this is "small": a leaked token costs at most this much a day. */
export const SMALL_DAILY_BUDGET_CENTS = 1_000_00;
/** …and a weekly one at most this. */
export const SMALL_WEEKLY_BUDGET_CENTS = 5_000_00;

/**
 * Whether a real-money trading token's boundaries take the "without limits" out
 * of it: it cannot write at all at the gateway, every real-money order waits for
 * a person, or what it can open is capped by a small daily or weekly budget.
 * Only for a gateway-only token: one that can go around the gateway is not held
 * by anything the gateway decides.
 */
export function heldByBoundaries(token: { gatewayOnly: boolean | null; boundaries: TokenBoundaries | null }): boolean {
  const b = token.boundaries;
  if (token.gatewayOnly !== true || !b) return false;
  return (
    b.readOnly ||
    b.approval.everyRealOrder ||
    (b.dailyBudgetUsdCents !== null && b.dailyBudgetUsdCents <= SMALL_DAILY_BUDGET_CENTS) ||
    (b.weeklyBudgetUsdCents !== null && b.weeklyBudgetUsdCents <= SMALL_WEEKLY_BUDGET_CENTS)
  );
}

const looser = (before: number | null, after: number | null) => before !== null && (after === null || after > before);

/**
 * Whether `after` lets the agent do anything `before` did not: a limit raised or
 * removed, an instrument added to the allowed list (or the list emptied, which
 * means any), one taken off the refused list, a wider or removed window, read-only
 * or an approval rule dropped. Such a change is a grant: it must be recorded.
 */
export function boundariesLoosened(before: TokenBoundaries, after: TokenBoundaries): boolean {
  if (
    looser(before.maxOrderUsdCents, after.maxOrderUsdCents) ||
    looser(before.maxLeverage, after.maxLeverage) ||
    looser(before.dailyBudgetUsdCents, after.dailyBudgetUsdCents) ||
    looser(before.weeklyBudgetUsdCents, after.weeklyBudgetUsdCents) ||
    looser(before.requestsPerMinute, after.requestsPerMinute) ||
    // An approval threshold raised or removed asks a person about fewer orders.
    looser(before.approval.aboveUsdCents, after.approval.aboveUsdCents)
  ) {
    return true;
  }
  if (before.readOnly && !after.readOnly) return true;
  if (before.approval.everyRealOrder && !after.approval.everyRealOrder) return true;
  // Asking instead of refusing an instrument outside the list lets more orders through.
  if (!before.approval.outsideInstrumentList && after.approval.outsideInstrumentList) return true;
  if (before.instrumentsAllowed.length > 0) {
    if (after.instrumentsAllowed.length === 0) return true;
    if (after.instrumentsAllowed.some((id) => !before.instrumentsAllowed.includes(id))) return true;
  }
  if (before.instrumentsRefused.some((id) => !after.instrumentsRefused.includes(id))) return true;
  if (before.tradingHours !== null) {
    if (after.tradingHours === null) return true;
    // A moved window opens hours the old one kept closed (counted as looser, whichever way it moved).
    if (before.tradingHours.fromUtc !== after.tradingHours.fromUtc || before.tradingHours.toUtc !== after.tradingHours.toUtc) return true;
  }
  return false;
}
