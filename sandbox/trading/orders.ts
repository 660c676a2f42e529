/**
 * Order execution on one book: market orders fill at once at the current rate (buy at
 * the ask, sell at the bid); market-if-touched orders set their cash aside and fill when
 * the rate touches their trigger, checked lazily whenever the book is read or changed
 * (every moment since the last check is sampled, so a touch between two calls still
 * fills, at the rate of that moment); closes (whole or partial) pay back the margin
 * plus the realised PnL. A loss never takes more than the position's own margin.
 */
import { apiErrors } from "../errors";
import type { ClosedTrade, OrderRecord, PositionRecord, SettlementType, TradingBook, TradingDesk } from "./accounts";
import { instrumentById, kindOf, tradesAsRealAsset, type InstrumentDefinition } from "./instruments";
import { closeRate, openRate, quoteAt } from "./market";

/** eToro's order type ids, as its own examples use them. */
export const ORDER_TYPES = { openByAmount: 17, openByUnits: 18, close: 19, marketIfTouched: 1 } as const;

export type OrderSize = { amount: number } | { units: number };

export interface OpenRequest {
  instrument: InstrumentDefinition;
  isBuy: boolean;
  leverage: number;
  size: OrderSize;
  settlementType: SettlementType;
  stopLossRate: number | null;
  takeProfitRate: number | null;
  isTslEnabled: boolean;
  referenceId: string;
}

const MAX_SAMPLES_PER_SETTLE = 2_000;
const SAMPLE_STEP_MS = 1_000;

export function cents(value: number): number {
  return Math.round(value * 100) / 100;
}

export function roundUnits(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function checkLeverage(request: OpenRequest): void {
  if (request.settlementType === "real" && (!tradesAsRealAsset(request.instrument) || !request.isBuy)) {
    throw apiErrors.validation(`${request.instrument.symbol} cannot be ${request.isBuy ? "bought" : "sold short"} as the real asset`);
  }
  const allowed = request.settlementType === "real" ? [1] : kindOf(request.instrument).leverages;
  if (!allowed.includes(request.leverage)) {
    throw apiErrors.leverageNotAllowed(request.leverage, request.instrument.symbol, allowed);
  }
}

/** Stop-loss must be worse than the current rate and take-profit better (0 or null: none). */
function checkProtection(request: OpenRequest, rate: number): void {
  const { stopLossRate, takeProfitRate, isBuy } = request;
  if (stopLossRate && (isBuy ? stopLossRate >= rate : stopLossRate <= rate)) {
    throw apiErrors.validation(`StopLossRate must be ${isBuy ? "below" : "above"} the current rate ${rate}`);
  }
  if (takeProfitRate && (isBuy ? takeProfitRate <= rate : takeProfitRate >= rate)) {
    throw apiErrors.validation(`TakeProfitRate must be ${isBuy ? "above" : "below"} the current rate ${rate}`);
  }
}

/** The margin and units an order comes to at `rate`, checked against the instrument's limits and the cash. */
function sizeAt(book: TradingBook, request: OpenRequest, rate: number): { amount: number; units: number } {
  const settings = kindOf(request.instrument);
  const amount = "amount" in request.size ? request.size.amount : cents((request.size.units * rate) / request.leverage);
  const units = "units" in request.size ? request.size.units : roundUnits((request.size.amount * request.leverage) / rate);
  if (amount < settings.minAmountUsd) {
    throw apiErrors.validation(`The position must be at least ${settings.minAmountUsd} USD (it comes to ${amount} USD)`);
  }
  if (units <= 0) throw apiErrors.validation("The order comes to no units");
  if (units > settings.maxUnitsPerOrder) {
    throw apiErrors.validation(`At most ${settings.maxUnitsPerOrder} units of ${request.instrument.symbol} per order`);
  }
  if (amount > book.credit + 1e-9) throw apiErrors.insufficientFunds();
  return { amount, units };
}

function newOrder(desk: TradingDesk, request: OpenRequest, fields: Partial<OrderRecord> & Pick<OrderRecord, "kind" | "orderType" | "status">, now: number): OrderRecord {
  return {
    orderId: desk.orderId(),
    referenceId: request.referenceId,
    requestType: "amount" in request.size ? "byAmount" : "byUnits",
    instrumentId: request.instrument.instrumentId,
    isBuy: request.isBuy,
    leverage: request.leverage,
    amount: 0,
    units: 0,
    requestedAmount: "amount" in request.size ? request.size.amount : null,
    requestedUnits: "units" in request.size ? request.size.units : null,
    triggerRate: null,
    stopLossRate: request.stopLossRate ?? 0,
    takeProfitRate: request.takeProfitRate ?? 0,
    isTslEnabled: request.isTslEnabled,
    isNoStopLoss: !request.stopLossRate,
    isNoTakeProfit: !request.takeProfitRate,
    settlementType: request.settlementType,
    frozenAmount: 0,
    createdAt: iso(now),
    lastUpdate: iso(now),
    positionIds: [],
    unitsToDeduct: null,
    executionRate: null,
    executedAt: null,
    ...fields,
  };
}

function remember(book: TradingBook, order: OrderRecord): void {
  book.orders.set(order.orderId, order);
  book.ordersByReference.set(order.referenceId, order);
}

function openPosition(desk: TradingDesk, book: TradingBook, order: OrderRecord, rate: number, amount: number, units: number, at: number): PositionRecord {
  const position: PositionRecord = {
    positionId: desk.positionId(),
    orderId: order.orderId,
    orderType: order.orderType,
    instrumentId: order.instrumentId,
    isBuy: order.isBuy,
    leverage: order.leverage,
    amount,
    initialAmount: amount,
    units,
    initialUnits: units,
    openRate: rate,
    openedAt: iso(at),
    stopLossRate: order.stopLossRate,
    takeProfitRate: order.takeProfitRate,
    isTslEnabled: order.isTslEnabled,
    isNoStopLoss: order.isNoStopLoss,
    isNoTakeProfit: order.isNoTakeProfit,
    settlementType: order.settlementType,
  };
  book.positions.set(position.positionId, position);
  Object.assign(order, { status: "executed", amount, units, executionRate: rate, executedAt: iso(at), lastUpdate: iso(at) });
  order.positionIds.push(position.positionId);
  return position;
}

/** A market order: fills now at the current rate, or is refused whole. */
export function openMarketOrder(desk: TradingDesk, book: TradingBook, request: OpenRequest, now: number): OrderRecord {
  checkLeverage(request);
  const rate = openRate(quoteAt(request.instrument, now), request.isBuy);
  checkProtection(request, rate);
  const { amount, units } = sizeAt(book, request, rate);
  const orderType = "amount" in request.size ? ORDER_TYPES.openByAmount : ORDER_TYPES.openByUnits;
  const order = newOrder(desk, request, { kind: "open-market", orderType, status: "pending" }, now);
  book.credit = cents(book.credit - amount);
  openPosition(desk, book, order, rate, amount, units, now);
  remember(book, order);
  return order;
}

/**
 * A market-if-touched order: the trigger must be better than the current rate (below it
 * to buy, above it to sell); its cash is set aside until it fills or is cancelled.
 */
export function placeMarketIfTouchedOrder(desk: TradingDesk, book: TradingBook, request: OpenRequest, triggerRate: number, now: number): OrderRecord {
  checkLeverage(request);
  const current = openRate(quoteAt(request.instrument, now), request.isBuy);
  if (request.isBuy ? triggerRate >= current : triggerRate <= current) {
    throw apiErrors.validation(`The trigger rate must be ${request.isBuy ? "below" : "above"} the current rate ${current}`);
  }
  checkProtection(request, triggerRate);
  const { amount, units } = sizeAt(book, request, triggerRate);
  const order = newOrder(desk, request, { kind: "open-mit", orderType: ORDER_TYPES.marketIfTouched, status: "pending", triggerRate, amount, units, frozenAmount: amount }, now);
  book.credit = cents(book.credit - amount);
  remember(book, order);
  return order;
}

/** Fills every market-if-touched order whose trigger the rate touched since the last check. */
export function settleBook(desk: TradingDesk, book: TradingBook, now: number): void {
  const from = book.settledUpTo;
  book.settledUpTo = Math.max(from, now);
  for (const order of book.orders.values()) {
    if (order.kind !== "open-mit" || order.status !== "pending" || order.triggerRate === null) continue;
    const instrument = instrumentById(order.instrumentId);
    if (!instrument) continue;
    const start = Math.max(from, Date.parse(order.createdAt));
    if (now < start) continue;
    const step = Math.max(SAMPLE_STEP_MS, Math.ceil((now - start) / MAX_SAMPLES_PER_SETTLE));
    for (let at = start; ; at = Math.min(at + step, now)) {
      const rate = openRate(quoteAt(instrument, at), order.isBuy);
      if (order.isBuy ? rate <= order.triggerRate : rate >= order.triggerRate) {
        const units = order.requestType === "byAmount" ? roundUnits((order.frozenAmount * order.leverage) / rate) : order.units;
        const frozen = order.frozenAmount;
        order.frozenAmount = 0;
        openPosition(desk, book, order, rate, frozen, units, at);
        break;
      }
      if (at >= now) break;
    }
  }
}

/**
 * Cancels a pending order of one of `kinds`. An order that already filled or was
 * cancelled is 400 OrderNotCancellable, or, where the spec calls cancel idempotent (v2),
 * left as it is.
 */
export function cancelOrder(book: TradingBook, orderId: number, kinds: readonly OrderRecord["kind"][], idempotent: boolean, now: number): OrderRecord {
  const order = book.orders.get(orderId);
  if (!order || !kinds.includes(order.kind)) throw apiErrors.orderNotFound();
  if (order.status !== "pending") {
    if (idempotent) return order;
    throw apiErrors.orderNotCancellable();
  }
  book.credit = cents(book.credit + order.frozenAmount);
  Object.assign(order, { status: "cancelled", frozenAmount: 0, lastUpdate: new Date(now).toISOString() });
  return order;
}

/** Closes `unitsToDeduct` of a position (null: all of it) at the current rate. */
export function closePosition(
  desk: TradingDesk,
  book: TradingBook,
  positionId: number,
  instrumentId: number,
  unitsToDeduct: number | null,
  referenceId: string,
  now: number,
): OrderRecord {
  const position = book.positions.get(positionId);
  if (!position) throw apiErrors.positionNotFound();
  if (position.instrumentId !== instrumentId) throw apiErrors.validation("InstrumentID does not match the position's instrument");
  const units = unitsToDeduct ?? position.units;
  if (!(units > 0) || units > position.units + 1e-9) {
    throw apiErrors.validation(`UnitsToDeduct must be greater than 0 and at most the position's ${position.units} units`);
  }
  const instrument = instrumentById(position.instrumentId);
  if (!instrument) throw apiErrors.instrumentNotFound();
  const whole = units >= position.units - 1e-9;
  const rate = closeRate(quoteAt(instrument, now), position.isBuy);
  const margin = whole ? position.amount : cents(position.amount * (units / position.units));
  const pnl = cents((rate - position.openRate) * units * (position.isBuy ? 1 : -1));
  book.credit = cents(book.credit + Math.max(0, margin + pnl));

  const trade: ClosedTrade = {
    positionId,
    orderId: position.orderId,
    instrumentId: position.instrumentId,
    isBuy: position.isBuy,
    leverage: position.leverage,
    openRate: position.openRate,
    openedAt: position.openedAt,
    closeRate: rate,
    closedAt: iso(now),
    units: roundUnits(units),
    investment: margin,
    initialInvestment: cents(position.initialAmount * (units / position.initialUnits)),
    netProfit: Math.max(pnl, -margin),
    stopLossRate: position.stopLossRate,
    takeProfitRate: position.takeProfitRate,
    isTslEnabled: position.isTslEnabled,
  };
  book.history.push(trade);
  if (whole) book.positions.delete(positionId);
  else {
    position.units = roundUnits(position.units - units);
    position.amount = cents(position.amount - margin);
  }

  const order: OrderRecord = {
    orderId: desk.orderId(),
    referenceId,
    kind: "close",
    orderType: ORDER_TYPES.close,
    requestType: "byUnits",
    status: "executed",
    instrumentId: position.instrumentId,
    isBuy: !position.isBuy,
    leverage: position.leverage,
    amount: margin,
    units: roundUnits(units),
    requestedAmount: null,
    requestedUnits: unitsToDeduct,
    triggerRate: null,
    stopLossRate: 0,
    takeProfitRate: 0,
    isTslEnabled: false,
    isNoStopLoss: true,
    isNoTakeProfit: true,
    settlementType: position.settlementType,
    frozenAmount: 0,
    createdAt: iso(now),
    lastUpdate: iso(now),
    positionIds: [positionId],
    unitsToDeduct: roundUnits(units),
    executionRate: rate,
    executedAt: iso(now),
  };
  remember(book, order);
  return order;
}

/** Unrealised PnL of an open position at `now` (USD; every instrument is quoted in USD). */
export function unrealisedPnl(position: PositionRecord, now: number): { pnl: number; closeRate: number } {
  const instrument = instrumentById(position.instrumentId);
  if (!instrument) return { pnl: 0, closeRate: position.openRate };
  const rate = closeRate(quoteAt(instrument, now), position.isBuy);
  return { pnl: cents((rate - position.openRate) * position.units * (position.isBuy ? 1 : -1)), closeRate: rate };
}
