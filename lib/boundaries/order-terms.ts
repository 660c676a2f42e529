/**
 * What a write through the gateway asks eToro to do, read from its operation
 * and its JSON body in the terms a boundary speaks: opening a position (its
 * instrument, size and leverage), closing one, or cancelling an order. The
 * field names are the spec's own for each operation (operations.ts maps them).
 *
 * Only opening orders add risk, so only they carry a size to value; a size
 * the gateway cannot value in USD (contracts, another currency, a value that
 * is not a positive number) is named in `unreadable`, and a token with money
 * boundaries refuses it rather than guess.
 */
import type { GatewayOperation, OrderFieldName } from "@/lib/gateway/operations";

export type OrderKind = "open" | "close" | "cancel";

export type OrderTerms = {
  kind: OrderKind;
  environment: "demo" | "real" | null;
  instrumentId: number | null;
  /** v2 orders may name the instrument by symbol only. */
  symbol: string | null;
  /** buy / sell (v1's IsBuy), or eToro's v2 transaction. */
  side: string | null;
  /** The amount in USD, when the order is sized by amount. */
  amountUsd: number | null;
  /** The units, when the order is sized by units. */
  units: number | null;
  /** Missing means eToro's default, 1. */
  leverage: number | null;
  /** A limit (market-if-touched) order's trigger rate. */
  triggerRate: number | null;
  /** Why the order's size or leverage cannot be read as a number the gateway can value; null when it can. */
  unreadable: string | null;
};

type Body = Record<string, unknown>;

function positive(value: unknown): number | null | "bad" {
  if (value === undefined || value === null) return null;
  return typeof value === "number" && Number.isFinite(value) && value > 0 ? value : "bad";
}

/** The order terms of a write; null for a read (nothing to judge as an order). */
export function orderTermsOf(operation: GatewayOperation, body: unknown): OrderTerms | null {
  if (!operation.write) return null;
  const order: Body = typeof body === "object" && body !== null && !Array.isArray(body) ? (body as Body) : {};
  const fields = operation.orderFields ?? {};
  const value = (field: OrderFieldName) => (fields[field] === undefined ? undefined : order[fields[field]!]);

  let kind: OrderKind = "open";
  if (operation.method === "DELETE") kind = "cancel";
  else if (operation.template.includes("market-close-orders")) kind = "close";
  // A v2 order opens unless it says close; anything else is judged as an opening.
  else if (order.action === "close") kind = "close";

  const instrument = value("instrument");
  const rawSide = value("side");
  const problems: string[] = [];
  const amount = kind === "open" ? positive(value("amount")) : null;
  const units = kind === "open" ? positive(value("units")) : null;
  const leverage = positive(value("leverage"));
  const trigger = positive(order.Rate ?? order.triggerRate);
  if (amount === "bad") problems.push("the amount is not a positive number");
  if (units === "bad") problems.push("the units are not a positive number");
  if (leverage === "bad" || (typeof leverage === "number" && !Number.isInteger(leverage))) problems.push("the leverage is not a whole number");
  if (trigger === "bad") problems.push("the trigger rate is not a positive number");
  if (kind === "open") {
    if (order.contracts !== undefined && order.contracts !== null) problems.push("the order is sized in contracts");
    if (typeof order.orderCurrency === "string" && order.orderCurrency.toLowerCase() !== "usd") problems.push("the amount is not in USD");
    if (amount === null && units === null) problems.push("the order names neither an amount nor units");
  }

  return {
    kind,
    environment: operation.account,
    instrumentId: typeof instrument === "number" && Number.isSafeInteger(instrument) ? instrument : null,
    symbol: typeof order.symbol === "string" ? order.symbol.slice(0, 32) : null,
    side: typeof rawSide === "boolean" ? (rawSide ? "buy" : "sell") : typeof rawSide === "string" ? rawSide.slice(0, 32) : null,
    // An order giving both (a limit order may) is valued by the larger of the two.
    amountUsd: typeof amount === "number" ? amount : null,
    units: typeof units === "number" ? units : null,
    leverage: typeof leverage === "number" ? leverage : null,
    triggerRate: typeof trigger === "number" ? trigger : null,
    unreadable: problems.length > 0 ? problems.join("; ") : null,
  };
}
