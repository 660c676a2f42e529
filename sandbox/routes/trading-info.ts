/**
 * Trading information, demo and real alike (each handler is bound to its mode): the
 * portfolio, its PnL and aggregate view, trade history, order lookups (v1 by id, v2
 * `orders:lookup`), and the what-if costs and eligibility.
 */
import { apiErrors } from "../errors";
import type { RouteHandler } from "../router";
import { requireObject } from "../validation";
import type { PositionRecord, TradingMode } from "../trading/accounts";
import { closeCosts, openCosts } from "../trading/costs";
import { checkEligibility } from "../trading/eligibility";
import { presentAggregate, presentOrderForOpenInfo, presentOrderInfo, presentPnl, presentPortfolio, presentTrade } from "../trading/presenters";
import { idList, idParam, intQuery, parseUnifiedClose, parseUnifiedOpen, unifiedAction } from "../trading/requests";
import { callerGcid } from "../trading/token-auth";
import { settledBook } from "./trading-execution";

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function portfolio(mode: TradingMode): RouteHandler {
  return (ctx) => ({ status: 200, body: presentPortfolio(settledBook(ctx, mode)) });
}

export function pnl(mode: TradingMode): RouteHandler {
  return (ctx) => ({ status: 200, body: presentPnl(settledBook(ctx, mode), ctx.now.getTime()) });
}

export function aggregatePortfolio(mode: TradingMode): RouteHandler {
  return (ctx) => {
    const conversionMode = ctx.query.get("conversionMode");
    if (conversionMode !== null && !["eToroApp", "Realtime"].includes(conversionMode)) {
      throw apiErrors.validation("conversionMode must be eToroApp or Realtime");
    }
    const instrumentIds = idList(ctx.query, "instrumentIds");
    idList(ctx.query, "mirrorIds");
    return { status: 200, body: presentAggregate(settledBook(ctx, mode), ctx.now.getTime(), instrumentIds) };
  };
}

/** Closed trades since `minDate` (YYYY-MM-DD, required), newest first, paged. */
export function tradeHistory(mode: TradingMode): RouteHandler {
  return (ctx) => {
    const minDate = ctx.query.get("minDate") ?? "";
    const match = DATE.exec(minDate);
    const since = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : NaN;
    if (!match || new Date(since).toISOString().slice(0, 10) !== minDate) {
      throw apiErrors.validation("minDate is required as a date (YYYY-MM-DD)");
    }
    const page = intQuery(ctx.query, "page", 1, 1, 1_000_000);
    const pageSize = intQuery(ctx.query, "pageSize", 100, 1, 1_000);
    const trades = settledBook(ctx, mode)
      .history.filter((trade) => Date.parse(trade.closedAt) >= since)
      .reverse()
      .slice((page - 1) * pageSize, page * pageSize);
    return { status: 200, body: trades.map(presentTrade) };
  };
}

/** v1: an order to open, and the positions it opened. */
export function orderForOpenInfo(mode: TradingMode): RouteHandler {
  return (ctx) => {
    const orderId = idParam(ctx.params.orderId, "orderId");
    const book = settledBook(ctx, mode);
    const order = book.orders.get(orderId);
    if (!order || order.kind === "close") throw apiErrors.orderNotFound();
    return { status: 200, body: presentOrderForOpenInfo(order, book) };
  };
}

/** v2: "Provide exactly one of orderId or referenceId." */
export function lookupOrder(mode: TradingMode): RouteHandler {
  return (ctx) => {
    const orderIdText = ctx.query.get("orderId");
    const referenceId = ctx.query.get("referenceId");
    if ((orderIdText === null) === (referenceId === null)) throw apiErrors.validation("Provide exactly one of orderId or referenceId");
    const book = settledBook(ctx, mode);
    const order = orderIdText !== null ? book.orders.get(idParam(orderIdText, "orderId")) : book.ordersByReference.get(referenceId ?? "");
    if (!order) throw apiErrors.orderNotFound();
    return { status: 200, body: presentOrderInfo(order, book, callerGcid(ctx.caller)) };
  };
}

/** "For action: open, exactly one of symbol or instrumentId ...; for action: close, positionIds must be non-empty." */
export function costs(mode: TradingMode): RouteHandler {
  return (ctx) => {
    const body = requireObject(ctx.json());
    const now = ctx.now.getTime();
    if (unifiedAction(body) === "open") return { status: 200, body: openCosts(parseUnifiedOpen(body, ctx.requestId).request, now) };
    const book = settledBook(ctx, mode);
    const positions = parseUnifiedClose(body).map((id) => book.positions.get(id));
    if (positions.some((position) => position === undefined)) throw apiErrors.positionNotFound();
    const found = positions as PositionRecord[];
    if (new Set(found.map((position) => position.instrumentId)).size > 1) {
      throw apiErrors.validation("positionIds must all be positions in one instrument");
    }
    return { status: 200, body: closeCosts(found, now) };
  };
}

export const eligibility: RouteHandler = (ctx) => ({ status: 200, body: checkEligibility(ctx.json()) });
