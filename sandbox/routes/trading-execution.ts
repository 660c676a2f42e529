/**
 * Trading execution, demo and real alike (each handler is bound to its mode): v1 market
 * orders by amount and by units, v1 market-if-touched ("limit") orders, closes, the three
 * v1 cancels, and the v2 unified order with its cancel.
 */
import { apiErrors } from "../errors";
import type { RouteContext, RouteHandler, RouteResult } from "../router";
import { requireObject } from "../validation";
import type { OrderKind, TradingBook, TradingMode } from "../trading/accounts";
import { cancelOrder, closePosition, openMarketOrder, placeMarketIfTouchedOrder, settleBook } from "../trading/orders";
import { presentOrderForClose, presentOrderForOpen, presentToken, presentUnifiedOrder } from "../trading/presenters";
import { asInteger, asPositiveNumber, field, idParam, parseUnifiedOpen, parseV1Open, requiredField, unifiedAction } from "../trading/requests";
import { tradingOwner } from "../trading/token-auth";

/** The caller's book for the mode, with every touched market-if-touched order filled. */
export function settledBook(ctx: RouteContext, mode: TradingMode): TradingBook {
  const now = ctx.now.getTime();
  const book = ctx.desk.book(tradingOwner(ctx.caller), mode, now);
  settleBook(ctx.desk, book, now);
  return book;
}

export function openByAmount(mode: TradingMode): RouteHandler {
  return (ctx) => {
    const request = parseV1Open(ctx.json(), "amount", ctx.requestId);
    const book = settledBook(ctx, mode);
    return { status: 200, body: presentOrderForOpen(openMarketOrder(ctx.desk, book, request, ctx.now.getTime()), book, false) };
  };
}

export function openByUnits(mode: TradingMode): RouteHandler {
  return (ctx) => {
    const request = parseV1Open(ctx.json(), "units", ctx.requestId);
    const book = settledBook(ctx, mode);
    return { status: 200, body: presentOrderForOpen(openMarketOrder(ctx.desk, book, request, ctx.now.getTime()), book, true) };
  };
}

export function openLimitOrder(mode: TradingMode): RouteHandler {
  return (ctx) => {
    const body = requireObject(ctx.json());
    const request = parseV1Open(body, "either", ctx.requestId);
    const rate = asPositiveNumber(requiredField(body, "Rate"), "Rate");
    const book = settledBook(ctx, mode);
    placeMarketIfTouchedOrder(ctx.desk, book, request, rate, ctx.now.getTime());
    return { status: 200, body: presentToken() };
  };
}

export function closeByMarket(mode: TradingMode): RouteHandler {
  return (ctx) => {
    const positionId = idParam(ctx.params.positionId, "positionId");
    const body = requireObject(ctx.json());
    const instrumentId = asInteger(requiredField(body, "InstrumentID"), "InstrumentID", 1, 2_147_483_647);
    const units = field(body, "UnitsToDeduct");
    const unitsToDeduct = units === undefined ? null : asPositiveNumber(units, "UnitsToDeduct");
    const book = settledBook(ctx, mode);
    const order = closePosition(ctx.desk, book, positionId, instrumentId, unitsToDeduct, ctx.requestId, ctx.now.getTime());
    return { status: 200, body: presentOrderForClose(order, book) };
  };
}

function cancel(mode: TradingMode, kinds: readonly OrderKind[], idempotent: boolean): RouteHandler {
  return (ctx): RouteResult => {
    const orderId = idParam(ctx.params.orderId, "orderId");
    const book = settledBook(ctx, mode);
    cancelOrder(book, orderId, kinds, idempotent, ctx.now.getTime());
    return { status: 200, body: presentToken() };
  };
}

export const cancelMarketOpenOrder = (mode: TradingMode) => cancel(mode, ["open-market"], false);
export const cancelMarketCloseOrder = (mode: TradingMode) => cancel(mode, ["close"], false);
export const cancelLimitOrder = (mode: TradingMode) => cancel(mode, ["open-mit"], false);
/** "This operation is idempotent when the order is already closed or cancelled." */
export const cancelOrderV2 = (mode: TradingMode) => cancel(mode, ["open-market", "open-mit", "close"], true);

/**
 * v2 create: "Currently only orders to open a position are supported." The x-request-id
 * makes it idempotent: the same id again answers the order it already placed.
 */
export function createOrderV2(mode: TradingMode): RouteHandler {
  return (ctx) => {
    const body = requireObject(ctx.json());
    if (unifiedAction(body) === "close") throw apiErrors.validation("Only orders to open a position are supported");
    const { request, orderType, triggerRate } = parseUnifiedOpen(body, ctx.requestId);
    const book = settledBook(ctx, mode);
    const placed = book.ordersByReference.get(ctx.requestId);
    if (placed && placed.kind !== "close") return { status: 200, body: presentUnifiedOrder(placed) };
    const now = ctx.now.getTime();
    const order =
      orderType === "mit" && triggerRate !== null
        ? placeMarketIfTouchedOrder(ctx.desk, book, request, triggerRate, now)
        : openMarketOrder(ctx.desk, book, request, now);
    return { status: 200, body: presentUnifiedOrder(order) };
  };
}
