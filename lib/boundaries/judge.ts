/**
 * Judging one request against a token's boundaries: pure, in memory, no I/O.
 * Given the boundaries, the order's terms, the instrument's rate (for an order
 * sized in units) and the time, it answers allow (with the budgets the order
 * must be charged to), refuse (which limit, the order's value, what is left,
 * in words an agent can act on), or approval (a person must agree first).
 *
 * Closing a position and cancelling an order take risk away, so only read-only
 * stops them; everything else here applies to orders that open a position.
 * The budgets' "left" is only known to the database (budget-store.ts reserves
 * atomically); the judge checks what it can alone: an order larger than the
 * whole budget.
 */
import { utcDayStart, utcWeekStart } from "@/lib/domain/token-boundaries";
import { formatUsd } from "@/lib/format";
import type { TokenBoundaries } from "@/lib/schemas/boundaries";
import type { OrderTerms } from "./order-terms";

export type BudgetPeriod = "day" | "week";

/** A budget an admitted order is charged to: its window (00:00 UTC of the day, or of the week's Monday) and its limit. */
export type BudgetCharge = { period: BudgetPeriod; windowStart: Date; limitCents: number };

/** Which boundary refused: the reason recorded in usage and the ledger. */
export type BoundaryLimit =
  | "read-only"
  | "trading-hours"
  | "instrument-refused"
  | "instrument-not-allowed"
  | "instrument-unnamed"
  | "leverage"
  | "order-value-unknown"
  | "rate-unavailable"
  | "order-limit"
  | "budget-day"
  | "budget-week"
  | "request-rate";

export type BoundaryRefusal = {
  limit: BoundaryLimit;
  status: number;
  code: string;
  message: string;
  valueCents?: number | null;
  limitCents?: number | null;
  leftCents?: number | null;
};

export type Verdict =
  | { allow: true; valueCents: number | null; budgets: BudgetCharge[] }
  | { refuse: BoundaryRefusal }
  | { approval: { reason: string; valueCents: number | null; budgets: BudgetCharge[] } };

export type JudgeInput = {
  boundaries: TokenBoundaries;
  /** null for a read. */
  terms: OrderTerms | null;
  /** USD per unit of the instrument, for an order sized in units; null when not known. */
  rate: number | null;
  now: Date;
  /** A person approved this exact order: the approval rules are met. */
  approved: boolean;
};

const ALLOW_READ: Verdict = { allow: true, valueCents: null, budgets: [] };
const BY_THE_CONSOLE = "in the console (the person who set this token's boundaries can change them there)";

export const usd = (cents: number) => formatUsd(cents / 100);

/** 00:00 UTC of `now`'s day: one definition of the windows, shared with the pages that show them (lib/domain/token-boundaries.ts). */
export function dayStart(now: Date): Date {
  return new Date(utcDayStart(now.getTime()));
}

/** 00:00 UTC of the Monday of `now`'s week. */
export function weekStart(now: Date): Date {
  return new Date(utcWeekStart(now.getTime()));
}

/** Dollars to whole cents, rounding a fraction of a cent up (a limit is never crossed by rounding), float noise aside. */
export function toCents(usdValue: number): number {
  const cents = usdValue * 100;
  const nearest = Math.round(cents);
  return Math.abs(cents - nearest) < 1e-6 ? nearest : Math.ceil(cents);
}

function minutesOf(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/** Whether `now` falls in the UTC window [from, to); from > to wraps past midnight. */
export function insideHours(hours: { fromUtc: string; toUtc: string }, now: Date): boolean {
  const minute = now.getUTCHours() * 60 + now.getUTCMinutes();
  const from = minutesOf(hours.fromUtc);
  const to = minutesOf(hours.toUtc);
  return from < to ? minute >= from && minute < to : minute >= from || minute < to;
}

/** Whether the boundaries need an order's value in USD (a limit, a budget or an approval threshold). */
export function needsValue(b: TokenBoundaries): boolean {
  return b.maxOrderUsdCents !== null || b.dailyBudgetUsdCents !== null || b.weeklyBudgetUsdCents !== null || b.approval.aboveUsdCents !== null;
}

/** Whether judging this order needs the instrument's current rate (an opening sized in units, with money boundaries). */
export function needsRate(b: TokenBoundaries, terms: OrderTerms | null): terms is OrderTerms & { instrumentId: number; units: number } {
  return !!terms && terms.kind === "open" && terms.units !== null && terms.instrumentId !== null && terms.unreadable === null && needsValue(b);
}

/** No boundary at all: the gateway skips everything here for such a token. */
export function isUnbounded(b: TokenBoundaries): boolean {
  return (
    !needsValue(b) &&
    b.maxLeverage === null &&
    b.instrumentsAllowed.length === 0 &&
    b.instrumentsRefused.length === 0 &&
    b.tradingHours === null &&
    b.requestsPerMinute === null &&
    !b.readOnly &&
    !b.approval.everyRealOrder &&
    !b.approval.outsideInstrumentList
  );
}

function refuse(r: BoundaryRefusal): Verdict {
  return { refuse: r };
}

function valueOf(terms: OrderTerms, rate: number | null): number | "no-rate" {
  let cents = 0;
  if (terms.amountUsd !== null) cents = toCents(terms.amountUsd);
  if (terms.units !== null) {
    if (rate === null) return "no-rate";
    // A limit order may fill at its trigger: valued at whichever rate is higher.
    cents = Math.max(cents, toCents(terms.units * Math.max(rate, terms.triggerRate ?? 0)));
  }
  return cents;
}

export function judge({ boundaries: b, terms, rate, now, approved }: JudgeInput): Verdict {
  if (!terms) return ALLOW_READ;
  if (b.readOnly) {
    return refuse({
      limit: "read-only",
      status: 403,
      code: "ReadOnlyToken",
      message: `This token is read-only at the gateway: it may read, but orders, closes and cancels are refused. Ask the person to lift read-only ${BY_THE_CONSOLE}.`,
    });
  }
  if (terms.kind !== "open") return ALLOW_READ;

  if (b.tradingHours && !insideHours(b.tradingHours, now)) {
    return refuse({
      limit: "trading-hours",
      status: 403,
      code: "OutsideTradingHours",
      message: `This token may open positions only between ${b.tradingHours.fromUtc} and ${b.tradingHours.toUtc} UTC. Try again inside that window.`,
    });
  }
  const lists = b.instrumentsAllowed.length > 0 || b.instrumentsRefused.length > 0;
  if (lists && terms.instrumentId === null) {
    return refuse({
      limit: "instrument-unnamed",
      status: 400,
      code: "ValidationFailed",
      message: "This token may trade only some instruments: name the instrument by its numeric instrument id in the order.",
    });
  }
  const id = terms.instrumentId;
  if (id !== null && b.instrumentsRefused.includes(id)) {
    return refuse({
      limit: "instrument-refused",
      status: 403,
      code: "InstrumentNotAllowed",
      message: `Instrument ${id} is on this token's refused list. Trade another instrument.`,
    });
  }
  const outsideList = id !== null && b.instrumentsAllowed.length > 0 && !b.instrumentsAllowed.includes(id);
  if (outsideList && !b.approval.outsideInstrumentList) {
    return refuse({
      limit: "instrument-not-allowed",
      status: 403,
      code: "InstrumentNotAllowed",
      message: `Instrument ${id} is not among the instruments this token may trade (${b.instrumentsAllowed.join(", ")}). Trade one of those.`,
    });
  }
  const leverage = terms.leverage ?? 1;
  if (b.maxLeverage !== null && (terms.unreadable?.includes("leverage") || leverage > b.maxLeverage)) {
    return refuse({
      limit: "leverage",
      status: 403,
      code: "LeverageNotAllowed",
      message: `Leverage ${terms.leverage ?? "as sent"} is above this token's most leverage (${b.maxLeverage}). Send the order with leverage ${b.maxLeverage} or less.`,
    });
  }

  let valueCents: number | null = null;
  if (needsValue(b)) {
    if (terms.unreadable !== null) {
      return refuse({
        limit: "order-value-unknown",
        status: 400,
        code: "ValidationFailed",
        message: `This token's limits are in USD and the gateway cannot value this order: ${terms.unreadable}. Send the order by amount in USD, or by units with a numeric instrument id.`,
      });
    }
    const value = valueOf(terms, rate);
    if (value === "no-rate") {
      return refuse({
        limit: "rate-unavailable",
        status: 503,
        code: "ServiceUnavailable",
        message: "The gateway could not read this instrument's current rate to value an order in units, so nothing was sent to eToro. Send the order by amount in USD, or try again shortly.",
      });
    }
    valueCents = value;
  }

  if (b.maxOrderUsdCents !== null && valueCents! > b.maxOrderUsdCents) {
    return refuse({
      limit: "order-limit",
      status: 403,
      code: "OrderLimitExceeded",
      message: `The order is worth ${usd(valueCents!)}, above this token's most per order (${usd(b.maxOrderUsdCents)}). Send an order of at most ${usd(b.maxOrderUsdCents)}.`,
      valueCents,
      limitCents: b.maxOrderUsdCents,
      leftCents: b.maxOrderUsdCents,
    });
  }

  const budgets: BudgetCharge[] = [];
  if (b.dailyBudgetUsdCents !== null) budgets.push({ period: "day", windowStart: dayStart(now), limitCents: b.dailyBudgetUsdCents });
  if (b.weeklyBudgetUsdCents !== null) budgets.push({ period: "week", windowStart: weekStart(now), limitCents: b.weeklyBudgetUsdCents });
  for (const budget of budgets) {
    // Larger than the whole budget: no reservation could ever fit it.
    if (valueCents! > budget.limitCents) return refuse(budgetRefusal(budget, valueCents!, null));
  }

  if (!approved) {
    let reason: string | null = null;
    if (outsideList) reason = `Instrument ${id} is outside this token's instrument list, which asks a person for orders outside it.`;
    else if (b.approval.aboveUsdCents !== null && valueCents! > b.approval.aboveUsdCents) {
      reason = `The order is worth ${usd(valueCents!)}, above ${usd(b.approval.aboveUsdCents)}: this token's orders above that wait for a person's approval.`;
    } else if (b.approval.everyRealOrder && terms.environment === "real") reason = "Every real-money order of this token waits for a person's approval.";
    if (reason) return { approval: { reason, valueCents, budgets } };
  }
  return { allow: true, valueCents, budgets };
}

/** The refusal when a budget cannot take an order: `usedCents` as the database saw it (null: the order alone is larger than the budget). */
export function budgetRefusal(budget: Pick<BudgetCharge, "period" | "limitCents">, valueCents: number, usedCents: number | null): BoundaryRefusal {
  const left = Math.max(0, budget.limitCents - (usedCents ?? 0));
  const when = budget.period === "day" ? "today (the day resets at 00:00 UTC)" : "this week (the week resets on Monday 00:00 UTC)";
  const which = budget.period === "day" ? "daily" : "weekly";
  return {
    limit: budget.period === "day" ? "budget-day" : "budget-week",
    status: 403,
    code: "BudgetExceeded",
    message:
      `The order is worth ${usd(valueCents)} and this token's ${which} budget has ${usd(left)} of ${usd(budget.limitCents)} left ${when}. ` +
      (left > 0 ? `Send an order of at most ${usd(left)}, or wait for the reset.` : "Wait for the reset, or ask the person to raise the budget in the console."),
    valueCents,
    limitCents: budget.limitCents,
    leftCents: left,
  };
}
