/**
 * The trading route table: every operation in lib/etoro/trading-openapi.json, demo and
 * real, v1 and v2, each with the scope a token needs for it and its error shape.
 */
import type { RouteDefinition, RouteHandler } from "../router";
import type { TradingMode } from "../trading/accounts";
import type { TradingAccess } from "../trading/token-auth";
import {
  cancelLimitOrder,
  cancelMarketCloseOrder,
  cancelMarketOpenOrder,
  cancelOrderV2,
  closeByMarket,
  createOrderV2,
  openByAmount,
  openByUnits,
  openLimitOrder,
} from "./trading-execution";
import { aggregatePortfolio, costs, eligibility, lookupOrder, orderForOpenInfo, pnl, portfolio, tradeHistory } from "./trading-info";
import { listInstruments, listRates, searchMarket, whoAmI } from "./trading-market";

/** Paths under these belong to the trading API (tokens are accepted there). */
export const TRADING_PREFIXES = ["/api/v1/market-data", "/api/v1/me", "/api/v1/trading", "/api/v2/trading"] as const;

const read = (mode: TradingMode): TradingAccess => ({ mode, access: "read" });
const write = (mode: TradingMode): TradingAccess => ({ mode, access: "write" });

function route(method: string, template: string, handler: RouteHandler, trading: TradingAccess, problemErrors = false): RouteDefinition {
  return { method, template, handler, trading, problemErrors };
}

/** `demo` sits after `segment` in demo paths: /api/v1/trading/execution/demo/…, /api/v1/trading/info/trade/demo/history. */
function modeRoutes(mode: TradingMode): RouteDefinition[] {
  const d = mode === "demo" ? "/demo" : "";
  const v1x = `/api/v1/trading/execution${d}`;
  const v1i = "/api/v1/trading/info";
  const v2x = `/api/v2/trading/execution${d}`;
  const v2i = `/api/v2/trading/info${d}`;
  return [
    route("POST", `${v1x}/market-open-orders/by-amount`, openByAmount(mode), write(mode)),
    route("POST", `${v1x}/market-open-orders/by-units`, openByUnits(mode), write(mode)),
    route("DELETE", `${v1x}/market-open-orders/{orderId}`, cancelMarketOpenOrder(mode), write(mode)),
    route("POST", `${v1x}/market-close-orders/positions/{positionId}`, closeByMarket(mode), write(mode)),
    route("DELETE", `${v1x}/market-close-orders/{orderId}`, cancelMarketCloseOrder(mode), write(mode)),
    route("POST", `${v1x}/limit-orders`, openLimitOrder(mode), write(mode)),
    route("DELETE", `${v1x}/limit-orders/{orderId}`, cancelLimitOrder(mode), write(mode)),
    route("GET", mode === "demo" ? `${v1i}/demo/portfolio` : `${v1i}/portfolio`, portfolio(mode), read(mode)),
    route("GET", `${v1i}/${mode}/pnl`, pnl(mode), read(mode)),
    route("GET", `${v1i}${d}/aggregate-portfolio`, aggregatePortfolio(mode), read(mode)),
    route("GET", `${v1i}/trade${d}/history`, tradeHistory(mode), read(mode)),
    route("GET", `${v1i}/${mode}/orders/{orderId}`, orderForOpenInfo(mode), read(mode)),
    route("POST", `/api/v1/trading/info${d}/eligibility`, eligibility, read(mode), true),
    route("POST", `${v2x}/orders`, createOrderV2(mode), write(mode), true),
    route("DELETE", `${v2x}/orders/{orderId}`, cancelOrderV2(mode), write(mode), true),
    route("GET", `${v2i}/orders:lookup`, lookupOrder(mode), read(mode), true),
    route("POST", `${v2i}/costs`, costs(mode), read(mode), true),
    route("POST", `${v2i}/eligibility`, eligibility, read(mode), true),
  ];
}

export const TRADING_ROUTES: readonly RouteDefinition[] = [
  route("GET", "/api/v1/market-data/instruments", listInstruments, "any-key"),
  route("GET", "/api/v1/market-data/instruments/rates", listRates, "any-key"),
  route("GET", "/api/v1/market-data/search", searchMarket, "any-key"),
  route("GET", "/api/v1/me", whoAmI, "any-key"),
  ...modeRoutes("demo"),
  ...modeRoutes("real"),
];

export function isTradingPath(pathname: string): boolean {
  return TRADING_PREFIXES.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}
