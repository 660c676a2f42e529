/**
 * A held order in plain words, one description for the approvals page, its
 * buttons' accessible names ("Approve buy $600 of AAPL") and the ledger.
 * Pure: safe for client and server code.
 */
import type { ApprovalOrder } from "./types";

const wholeUsd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });
const centsUsd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 2 });
const plain = new Intl.NumberFormat("en-US", { maximumFractionDigits: 6 });

/** "$600", "$1,250.50": whole dollars without cents. */
export function formatCents(cents: number): string {
  return cents % 100 === 0 ? wholeUsd.format(cents / 100) : centsUsd.format(cents / 100);
}

/** AAPL, else the instrument's name, else its id. */
export function instrumentWords(order: Pick<ApprovalOrder, "symbol" | "instrumentName" | "instrumentId">): string {
  return order.symbol ?? order.instrumentName ?? (order.instrumentId !== null ? `instrument ${order.instrumentId}` : "an unknown instrument");
}

/** "$600", "3 units", or "an amount not given". */
export function sizeWords(order: Pick<ApprovalOrder, "amountUsdCents" | "units">): string {
  if (order.amountUsdCents !== null) return formatCents(order.amountUsdCents);
  if (order.units !== null) return `${plain.format(order.units)} unit${order.units === 1 ? "" : "s"}`;
  return "an amount not given";
}

/** "buy $600 of AAPL" (lower case: it follows a verb such as Approve). */
export function orderWords(order: ApprovalOrder): string {
  return `${order.side ?? "order"} ${sizeWords(order)} of ${instrumentWords(order)}`;
}

/** "2× leverage", or "no leverage" for 1×; null when unknown. */
export function leverageWords(leverage: number | null): string | null {
  if (leverage === null) return null;
  return leverage === 1 ? "no leverage (1×)" : `${plain.format(leverage)}× leverage`;
}
