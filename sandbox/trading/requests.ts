/**
 * Reading trading requests: path ids, comma-separated query lists and the v1 (PascalCase)
 * and v2 (unified) order bodies. Field names are matched case-insensitively, as eToro's
 * ASP.NET binder does (its own spec spells the same field `InstrumentID` on demo close and
 * `InstrumentId` on real close). Anything malformed is 400 ValidationFailed with a message
 * that names the field.
 */
import { apiErrors } from "../errors";
import { requireObject, type JsonObject } from "../validation";
import type { SettlementType } from "./accounts";
import { instrumentById, instrumentBySymbol, type InstrumentDefinition } from "./instruments";
import type { OpenRequest, OrderSize } from "./orders";

const MAX_ID = Number.MAX_SAFE_INTEGER;

/** The value of `name` in `body`, whatever its letter case; undefined when absent or null. */
export function field(body: JsonObject, name: string): unknown {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(body)) {
    if (key.toLowerCase() === wanted) return value === null ? undefined : value;
  }
  return undefined;
}

export function requiredField(body: JsonObject, name: string): unknown {
  const value = field(body, name);
  if (value === undefined) throw apiErrors.validation(`${name} is required`);
  return value;
}

export function asInteger(value: unknown, name: string, min = 1, max = MAX_ID): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw apiErrors.validation(`${name} must be an integer between ${min} and ${max}`);
  }
  return value;
}

export function asPositiveNumber(value: unknown, name: string): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw apiErrors.validation(`${name} must be a number greater than 0`);
  }
  return value;
}

function asBoolean(value: unknown, name: string): boolean {
  if (typeof value !== "boolean") throw apiErrors.validation(`${name} must be true or false`);
  return value;
}

function optionalRate(body: JsonObject, name: string): number | null {
  const value = field(body, name);
  if (value === undefined || value === 0) return null;
  return asPositiveNumber(value, name);
}

function optionalBoolean(body: JsonObject, name: string): boolean {
  const value = field(body, name);
  return value === undefined ? false : asBoolean(value, name);
}

/** A path id (`positionId`, `orderId`): a positive whole number. */
export function idParam(value: string | undefined, name: string): number {
  const id = /^\d{1,16}$/.test(value ?? "") ? Number(value) : NaN;
  if (!Number.isSafeInteger(id) || id < 1) throw apiErrors.validation(`${name} must be a positive integer`);
  return id;
}

/** `1,2,3` → [1, 2, 3]; undefined when the parameter is absent. */
export function idList(query: URLSearchParams, name: string, maxItems = 1_000): number[] | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  const parts = raw.split(",").map((part) => part.trim()).filter((part) => part !== "");
  if (parts.length > maxItems) throw apiErrors.validation(`${name} takes at most ${maxItems} ids`);
  return parts.map((part) => idParam(part, name));
}

/** A whole-number query parameter within [min, max]; `fallback` when absent. */
export function intQuery(query: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const raw = query.get(name);
  if (raw === null || raw === "") return fallback;
  const value = /^-?\d{1,9}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw apiErrors.validation(`${name} must be an integer between ${min} and ${max}`);
  }
  return value;
}

export function instrumentParam(value: unknown, name = "InstrumentID"): InstrumentDefinition {
  const instrument = instrumentById(asInteger(value, name, 1, 2_147_483_647));
  if (!instrument) throw apiErrors.instrumentNotFound();
  return instrument;
}

/** The v1 open bodies (market by amount, by units, and market-if-touched). */
export function parseV1Open(raw: unknown, sizing: "amount" | "units" | "either", referenceId: string): OpenRequest {
  const body = requireObject(raw);
  const instrument = instrumentParam(requiredField(body, "InstrumentID"));
  const isBuy = asBoolean(requiredField(body, "IsBuy"), "IsBuy");
  const leverage = asInteger(requiredField(body, "Leverage"), "Leverage", 1, 1_000);
  let size: OrderSize;
  if (sizing === "amount") size = { amount: asPositiveNumber(requiredField(body, "Amount"), "Amount") };
  else if (sizing === "units") size = { units: asPositiveNumber(requiredField(body, "AmountInUnits"), "AmountInUnits") };
  else {
    const amount = field(body, "Amount");
    const units = field(body, "AmountInUnits");
    if ((amount === undefined) === (units === undefined)) throw apiErrors.validation("Provide exactly one of Amount or AmountInUnits");
    size = amount !== undefined ? { amount: asPositiveNumber(amount, "Amount") } : { units: asPositiveNumber(units, "AmountInUnits") };
  }
  const isNoStopLoss = optionalBoolean(body, "IsNoStopLoss");
  const isNoTakeProfit = optionalBoolean(body, "IsNoTakeProfit");
  return {
    instrument,
    isBuy,
    leverage,
    size,
    settlementType: "cfd",
    stopLossRate: isNoStopLoss ? null : optionalRate(body, "StopLossRate"),
    takeProfitRate: isNoTakeProfit ? null : optionalRate(body, "TakeProfitRate"),
    isTslEnabled: optionalBoolean(body, "IsTslEnabled"),
    referenceId,
  };
}

export interface UnifiedOpen {
  request: OpenRequest;
  orderType: "mkt" | "mit";
  triggerRate: number | null;
}

const TRANSACTIONS = ["buy", "sell", "sellShort", "buyToCover"] as const;
const SETTLEMENTS = ["cfd", "real", "realFutures", "marginTrade"] as const;

function oneOf<T extends string>(value: unknown, name: string, allowed: readonly T[]): T {
  if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
    throw apiErrors.validation(`${name} must be one of: ${allowed.join(", ")}`);
  }
  return value as T;
}

/** The instrument an open order names by `instrumentId`, `symbol`, or both (then they must agree). */
function unifiedInstrument(body: JsonObject): InstrumentDefinition {
  const id = field(body, "instrumentId");
  const symbol = field(body, "symbol");
  if (id === undefined && symbol === undefined) throw apiErrors.validation("instrumentId or symbol is required");
  const byId = id === undefined ? undefined : instrumentParam(id, "instrumentId");
  let bySymbol: InstrumentDefinition | undefined;
  if (symbol !== undefined) {
    if (typeof symbol !== "string") throw apiErrors.validation("symbol must be a string");
    bySymbol = instrumentBySymbol(symbol);
    if (!bySymbol) throw apiErrors.instrumentNotFound();
  }
  if (byId && bySymbol && byId !== bySymbol) throw apiErrors.validation("instrumentId and symbol name different instruments");
  return (byId ?? bySymbol) as InstrumentDefinition;
}

/** The body's action: "open" or "close" (both need `transaction`). */
export function unifiedAction(body: JsonObject): "open" | "close" {
  const action = oneOf(requiredField(body, "action"), "action", ["open", "close"] as const);
  oneOf(requiredField(body, "transaction"), "transaction", TRANSACTIONS);
  return action;
}

/** The v2 unified order request for `action: open`. */
export function parseUnifiedOpen(body: JsonObject, referenceId: string): UnifiedOpen {
  const transaction = oneOf(requiredField(body, "transaction"), "transaction", TRANSACTIONS);
  if (transaction === "buyToCover") throw apiErrors.validation("transaction buyToCover closes a short; an open order is buy, sell or sellShort");
  const instrument = unifiedInstrument(body);
  const settlement = field(body, "settlementType");
  const settlementType = settlement === undefined ? "cfd" : oneOf(settlement, "settlementType", SETTLEMENTS);
  if (settlementType !== "cfd" && settlementType !== "real") {
    throw apiErrors.validation(`settlementType ${settlementType} is not available for ${instrument.symbol}`);
  }
  const orderType = field(body, "orderType") === undefined ? "mkt" : oneOf(field(body, "orderType"), "orderType", ["mkt", "mit"] as const);
  const leverage = asInteger(requiredField(body, "leverage"), "leverage", 1, 1_000);
  const currency = field(body, "orderCurrency");
  if (currency !== undefined && (typeof currency !== "string" || currency.toLowerCase() !== "usd")) {
    throw apiErrors.validation("orderCurrency must be usd");
  }
  const amount = field(body, "amount");
  const units = field(body, "units");
  const contracts = field(body, "contracts");
  const given = [amount, units, contracts].filter((value) => value !== undefined).length;
  if (given !== 1) throw apiErrors.validation("Provide exactly one of amount, units or contracts");
  if (contracts !== undefined) throw apiErrors.validation(`${instrument.symbol} is not traded in contracts; use amount or units`);
  const size: OrderSize = amount !== undefined ? { amount: asPositiveNumber(amount, "amount") } : { units: asPositiveNumber(units, "units") };
  const trigger = field(body, "triggerRate");
  if (orderType === "mit" && trigger === undefined) throw apiErrors.validation("triggerRate is required for mit orders");
  const stopLossType = field(body, "stopLossType");
  const isTslEnabled = stopLossType === undefined ? false : oneOf(stopLossType, "stopLossType", ["fixed", "trailing"] as const) === "trailing";
  return {
    request: {
      instrument,
      isBuy: transaction === "buy",
      leverage,
      size,
      settlementType: settlementType as SettlementType,
      stopLossRate: optionalRate(body, "stopLossRate"),
      takeProfitRate: optionalRate(body, "takeProfitRate"),
      isTslEnabled,
      referenceId,
    },
    orderType,
    triggerRate: orderType === "mit" ? asPositiveNumber(trigger, "triggerRate") : null,
  };
}

/** The v2 close request's position ids (costs only: orders answer "only open is supported"). */
export function parseUnifiedClose(body: JsonObject): number[] {
  const ids = field(body, "positionIds");
  if (!Array.isArray(ids) || ids.length === 0) throw apiErrors.validation("positionIds must be a non-empty array for close orders");
  return ids.map((id) => asInteger(id, "positionIds"));
}
