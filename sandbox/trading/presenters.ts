/**
 * Trading replies: book records turned into the exact bodies lib/etoro/trading-openapi.json
 * describes for each operation (its field spellings differ between operations —
 * `positionID` on the portfolio, `positionId` in history — and are kept as the spec has
 * them). Every instrument is quoted in USD, so conversion rates are 1.
 */
import { randomUUID } from "node:crypto";
import type { components, operations } from "../../lib/etoro/trading-openapi-types";
import type { ClosedTrade, OrderRecord, PositionRecord, TradingBook } from "./accounts";
import { instrumentById } from "./instruments";
import { cents, unrealisedPnl } from "./orders";

type Schemas = components["schemas"];
type Ok<Op extends keyof operations> = operations[Op] extends { responses: { 200: { content: { "application/json": infer Body } } } } ? Body : never;

const STATUS_IDS = { pending: 0, executed: 1, cancelled: 2 } as const;
const STATUS_NAMES = { pending: "Pending", executed: "Executed", cancelled: "Cancelled" } as const;
const USD = 1;

function symbolOf(instrumentId: number): string {
  return instrumentById(instrumentId)?.symbol ?? String(instrumentId);
}

export function presentPosition(position: PositionRecord, book: TradingBook): Schemas["Position"] {
  return {
    positionID: position.positionId,
    CID: book.cid,
    openDateTime: position.openedAt,
    openRate: position.openRate,
    instrumentID: position.instrumentId,
    isBuy: position.isBuy,
    takeProfitRate: position.takeProfitRate,
    stopLossRate: position.stopLossRate,
    mirrorID: 0,
    parentPositionID: 0,
    amount: position.amount,
    leverage: position.leverage,
    orderID: position.orderId,
    orderType: position.orderType,
    units: position.units,
    totalFees: 0,
    initialAmountInDollars: position.initialAmount,
    isTslEnabled: position.isTslEnabled,
    stopLossVersion: 0,
    isSettled: position.settlementType === "real",
    redeemStatusID: 0,
    initialUnits: position.initialUnits,
    isPartiallyAltered: position.units !== position.initialUnits,
    unitsBaseValueDollars: position.amount,
    isDiscounted: false,
    openPositionActionType: 0,
    settlementTypeID: position.settlementType === "real" ? 1 : 0,
    isDetached: false,
    openConversionRate: 1,
    pnlVersion: 1,
    totalExternalFees: 0,
    totalExternalTaxes: 0,
    isNoTakeProfit: position.isNoTakeProfit,
    isNoStopLoss: position.isNoStopLoss,
    lotCount: position.units,
  };
}

function pendingOrders(book: TradingBook): OrderRecord[] {
  return [...book.orders.values()].filter((order) => order.status === "pending");
}

/** GET …/portfolio: open positions, pending market-if-touched orders, the cash left. */
export function presentPortfolio(book: TradingBook): Ok<"getPortfolio"> {
  return {
    clientPortfolio: {
      positions: [...book.positions.values()].map((position) => presentPosition(position, book)),
      credit: book.credit,
      mirrors: [],
      orders: pendingOrders(book).map((order) => ({
        orderID: order.orderId,
        CID: book.cid,
        openDateTime: order.createdAt,
        instrumentID: order.instrumentId,
        isBuy: order.isBuy,
        takeProfitRate: order.takeProfitRate,
        stopLossRate: order.stopLossRate,
        rate: order.triggerRate ?? 0,
        amount: order.amount,
        leverage: order.leverage,
        units: order.requestType === "byUnits" ? order.units : 0,
        isTslEnabled: order.isTslEnabled,
        executionType: 0,
        isDiscounted: false,
      })),
      stockOrders: [],
      entryOrders: [],
      exitOrders: [],
      ordersForOpen: [],
      ordersForClose: [],
      ordersForCloseMultiple: [],
      bonusCredit: 0,
    },
  };
}

/** GET …/pnl: the portfolio with each position's unrealised PnL at `now`, and their sum. */
export function presentPnl(book: TradingBook, now: number): Schemas["PortfolioResponseWithPnl"] {
  let total = 0;
  const positions = [...book.positions.values()].map((position) => {
    const { pnl, closeRate } = unrealisedPnl(position, now);
    total += pnl;
    const exposure = cents(position.units * closeRate);
    return {
      ...presentPosition(position, book),
      unrealizedPnL: {
        pnL: pnl,
        pnlAssetCurrency: pnl,
        exposureInAccountCurrency: exposure,
        exposureInAssetCurrency: exposure,
        marginInAccountCurrency: position.amount,
        marginInAssetCurrency: position.amount,
        marginCurrencyId: USD,
        assetCurrencyId: USD,
        closeRate,
        closeConversionRate: 1,
        timestamp: new Date(now).toISOString(),
      },
    };
  });
  return {
    clientPortfolio: {
      positions,
      credit: book.credit,
      mirrors: [],
      orders: pendingOrders(book).map((order) => ({
        orderId: order.orderId,
        cid: book.cid,
        openDateTime: order.createdAt,
        instrumentId: order.instrumentId,
        isBuy: order.isBuy,
        takeProfitRate: order.takeProfitRate,
        stopLossRate: order.stopLossRate,
        rate: order.triggerRate ?? 0,
        amount: order.amount,
        leverage: order.leverage,
        units: order.requestType === "byUnits" ? order.units : 0,
        isTslEnabled: order.isTslEnabled,
        executionType: 0,
        isDiscounted: false,
        isNoTakeProfit: order.isNoTakeProfit,
        isNoStopLoss: order.isNoStopLoss,
      })),
      ordersForOpen: [],
      ordersForClose: [],
      ordersForCloseMultiple: [],
      bonusCredit: 0,
      unrealizedPnL: cents(total),
      accountCurrencyId: USD,
      stockOrders: [],
      entryOrders: [],
      exitOrders: [],
    },
  };
}

/** GET …/aggregate-portfolio: account totals (always whole) and positions grouped per instrument. */
export function presentAggregate(book: TradingBook, now: number, instrumentIds: number[] | undefined): Schemas["AggregatedPortfolioResponse"] {
  const groups = new Map<number, PositionRecord[]>();
  for (const position of book.positions.values()) groups.set(position.instrumentId, [...(groups.get(position.instrumentId) ?? []), position]);
  let totalPnl = 0;
  let totalMargin = 0;
  const aggregates: Schemas["AggregatedPortfolioInstrumentAggregate"][] = [];
  for (const [instrumentId, positions] of groups) {
    let margin = 0;
    let pnl = 0;
    let netUnits = 0;
    let exposure = 0;
    let initialExposure = 0;
    let weightedRate = 0;
    let weightedLeverage = 0;
    for (const position of positions) {
      const current = unrealisedPnl(position, now);
      const sign = position.isBuy ? 1 : -1;
      margin += position.amount;
      pnl += current.pnl;
      netUnits += sign * position.units;
      exposure += sign * position.units * current.closeRate;
      initialExposure += sign * position.units * position.openRate;
      weightedRate += position.openRate * position.units;
      weightedLeverage += position.leverage * position.amount;
    }
    totalPnl += pnl;
    totalMargin += margin;
    if (instrumentIds && !instrumentIds.includes(instrumentId)) continue;
    const totalUnits = positions.reduce((sum, position) => sum + position.units, 0);
    aggregates.push({
      instrumentId,
      assetCurrency: "USD",
      totalMarginAccountCurrency: cents(margin),
      totalFees: 0,
      totalFeesAcctCcy: 0,
      totalTaxes: 0,
      totalTaxesAcctCcy: 0,
      totalMarginAssetCurrency: cents(margin),
      pnlAssetCurrency: cents(pnl),
      accountCurrencyRoePercent: margin > 0 ? cents((pnl / margin) * 100) : 0,
      netContracts: netUnits,
      netUnits,
      netCurrentExposureAssetCurrency: cents(exposure),
      netCurrentExposureAccountCurrency: cents(exposure),
      netInitialExposureAccountCurrency: cents(initialExposure),
      accountCurrencyReturn: cents(pnl),
      liquidationValueAccountCurrency: cents(margin + pnl),
      liquidationValueAssetCurrency: cents(margin + pnl),
      avgLeverage: margin > 0 ? weightedLeverage / margin : 0,
      avgOpenRate: totalUnits > 0 ? weightedRate / totalUnits : 0,
      netAvgOpenRate: netUnits !== 0 ? initialExposure / netUnits : 0,
      avgConversionRate: 1,
    });
  }
  const frozen = pendingOrders(book).reduce((sum, order) => sum + order.frozenAmount, 0);
  return {
    cid: book.cid,
    timestamp: new Date(now).toISOString(),
    accountCurrency: "USD",
    accountTotals: {
      accountAvailableCash: book.credit,
      accountFrozenCash: cents(frozen),
      accountCurrentPnl: cents(totalPnl),
      accountTotalValue: cents(book.credit + totalMargin + frozen + totalPnl),
      accountTotalUsedMargin: cents(totalMargin + frozen),
      accountBalance: cents(book.credit + frozen),
    },
    instrumentAggregates: aggregates,
    mirrors: [],
  };
}

export function presentTrade(trade: ClosedTrade): Ok<"listTradingHistory2">[number] {
  return {
    netProfit: trade.netProfit,
    closeRate: trade.closeRate,
    closeTimestamp: trade.closedAt,
    positionId: trade.positionId,
    instrumentId: trade.instrumentId,
    isBuy: trade.isBuy,
    leverage: trade.leverage,
    openRate: trade.openRate,
    openTimestamp: trade.openedAt,
    stopLossRate: trade.stopLossRate,
    takeProfitRate: trade.takeProfitRate,
    trailingStopLoss: trade.isTslEnabled,
    orderId: trade.orderId,
    socialTradeId: 0,
    parentPositionId: 0,
    investment: trade.investment,
    initialInvestment: trade.initialInvestment,
    fees: 0,
    units: trade.units,
  };
}

/**
 * v1 open replies. The spec types `amount`, `stopLossRate`, `takeProfitRate`,
 * `totalExternalCosts` and `lotCount` here as integers, so they are rounded to be held to
 * it; the portfolio endpoints carry the exact figures.
 */
export function presentOrderForOpen(order: OrderRecord, book: TradingBook, byUnits: boolean): Ok<"openMarketPositionByUnits"> {
  return {
    orderForOpen: {
      instrumentID: order.instrumentId,
      amount: Math.round(order.requestedAmount ?? 0),
      ...(byUnits ? { amountInUnits: order.requestedUnits ?? order.units, lotCount: 0 } : {}),
      isBuy: order.isBuy,
      leverage: order.leverage,
      stopLossRate: Math.round(order.stopLossRate),
      takeProfitRate: Math.round(order.takeProfitRate),
      isTslEnabled: order.isTslEnabled,
      mirrorID: 0,
      totalExternalCosts: 0,
      orderID: order.orderId,
      orderType: order.orderType,
      statusID: STATUS_IDS[order.status],
      CID: book.cid,
      openDateTime: order.createdAt,
      lastUpdate: order.lastUpdate,
    },
    token: randomUUID(),
  };
}

export function presentOrderForClose(order: OrderRecord, book: TradingBook): Ok<"closePositionByMarketRate"> {
  return {
    orderForClose: {
      positionID: order.positionIds[0],
      instrumentID: order.instrumentId,
      unitsToDeduct: order.unitsToDeduct ?? order.units,
      orderID: order.orderId,
      orderType: order.orderType,
      statusID: STATUS_IDS[order.status],
      CID: book.cid,
      openDateTime: order.createdAt,
      lastUpdate: order.lastUpdate,
    },
    token: randomUUID(),
  };
}

export function presentToken(): { token: string } {
  return { token: randomUUID() };
}

/** v2 create: the order id, and the x-request-id it was placed with as its referenceId. */
export function presentUnifiedOrder(order: OrderRecord): Schemas["UnifiedOrderResponse"] {
  return { token: randomUUID(), orderId: order.orderId, referenceId: order.referenceId };
}

/** v1 GET …/orders/{orderId}: an order to open and the positions it opened. */
export function presentOrderForOpenInfo(order: OrderRecord, book: TradingBook): Schemas["OrderForOpenInfoResponse"] {
  return {
    token: randomUUID(),
    orderID: order.orderId,
    CID: book.cid,
    referenceID: order.referenceId,
    statusID: STATUS_IDS[order.status],
    orderType: order.orderType,
    openActionType: 0,
    instrumentID: order.instrumentId,
    amount: order.amount,
    units: order.units,
    requestOccurred: order.createdAt,
    positions: order.positionIds.map((positionId) => ({
      positionID: positionId,
      orderType: order.orderType,
      occurred: order.executedAt ?? order.createdAt,
      rate: order.executionRate ?? 0,
      units: order.units,
      conversionRate: 1,
      amount: order.amount,
      isOpen: book.positions.has(positionId),
    })),
  };
}

/** v2 orders:lookup. */
export function presentOrderInfo(order: OrderRecord, book: TradingBook, gcid: number): Schemas["GetOrderInfoResponse"] {
  const isClose = order.kind === "close";
  return {
    accountId: book.cid,
    gcid,
    portfolioId: 1,
    orderId: order.orderId,
    action: isClose ? "close" : "open",
    transaction: order.isBuy ? "buy" : isClose ? "sell" : "sellShort",
    type: order.kind === "open-mit" ? "mit" : "mkt",
    etoroOrderTypeId: order.orderType,
    status: { id: STATUS_IDS[order.status], name: STATUS_NAMES[order.status], errorCode: 0, errorMessage: null },
    asset: {
      symbol: symbolOf(order.instrumentId),
      instrumentId: order.instrumentId,
      currency: "USD",
      settlementType: order.settlementType,
      leverage: order.leverage,
      side: (isClose ? !order.isBuy : order.isBuy) ? "long" : "short",
    },
    orderCurrency: "usd",
    requestedAmount: order.requestedAmount,
    requestedUnits: order.requestedUnits,
    requestedContracts: null,
    frozenAmount: order.frozenAmount,
    requestedTriggerRate: order.triggerRate,
    openStopLossRate: isClose ? null : order.stopLossRate,
    openTakeProfitRate: isClose ? null : order.takeProfitRate,
    stopLossType: isClose ? null : order.isTslEnabled ? "trailing" : "fixed",
    totalCosts: 0,
    positionsToClose: isClose ? [...order.positionIds] : [],
    positionExecutions: isClose
      ? []
      : order.positionIds.map((positionId) => {
          const open = book.positions.get(positionId);
          const exposure = cents(order.units * (order.executionRate ?? 0));
          return {
            positionId,
            state: open ? "open" : "closed",
            investedAmountCurrency: order.amount,
            initialExposureAccountCurrency: exposure,
            initialExposureAssetCurrency: exposure,
            addedFunds: 0,
            marginAccountCurrency: open?.amount ?? 0,
            marginAssetCurrency: open?.amount ?? 0,
            remainingUnits: open?.units ?? 0,
            remainingContracts: null,
            stopLossRate: order.stopLossRate || null,
            takeProfitRate: order.takeProfitRate || null,
            openingData: {
              openTime: order.executedAt ?? order.createdAt,
              orderId: order.orderId,
              executionTime: order.executedAt ?? order.createdAt,
              units: order.units,
              contracts: null,
              avgPrice: order.executionRate ?? 0,
              avgConversionRate: 1,
              marketSpread: 0,
              markup: 0,
              priceId: 0,
              fees: 0,
              taxes: 0,
            },
          };
        }),
    requestTime: order.createdAt,
    lastUpdate: order.lastUpdate,
    openActionType: "customer",
    requestType: order.requestType,
  };
}
