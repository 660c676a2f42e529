/**
 * Trading accounts: one book per owner and mode. A person's own key (SANDBOX_USER_KEYS)
 * trades its account's books; a user token trades only its agent portfolio's books —
 * real seeded from the portfolio's investmentAmountInUsd, demo from a fixed virtual
 * balance. Demo and real books never share cash, positions or orders, and one book
 * never sees another's ids (a lookup of another book's order is a 404).
 */
import { createHash } from "node:crypto";

export type TradingMode = "demo" | "real";

/** Who is trading: the account itself, or one of its agent portfolios through a token. */
export type TradingOwner =
  | { kind: "account"; userKey: string }
  | { kind: "portfolio"; portfolioId: string; investmentAmountInUsd: number };

export const DEMO_BALANCE_USD = 100_000;
export const ACCOUNT_REAL_BALANCE_USD = 50_000;

export interface PositionRecord {
  positionId: number;
  orderId: number;
  orderType: number;
  instrumentId: number;
  isBuy: boolean;
  leverage: number;
  /** Margin still in the position (USD). */
  amount: number;
  initialAmount: number;
  units: number;
  initialUnits: number;
  openRate: number;
  openedAt: string;
  stopLossRate: number;
  takeProfitRate: number;
  isTslEnabled: boolean;
  isNoStopLoss: boolean;
  isNoTakeProfit: boolean;
  settlementType: SettlementType;
}

export type SettlementType = "cfd" | "real";
export type OrderStatus = "pending" | "executed" | "cancelled";
export type OrderKind = "open-market" | "open-mit" | "close";

export interface OrderRecord {
  orderId: number;
  /** The x-request-id it was placed with (v2 idempotency and orders:lookup by referenceId). */
  referenceId: string;
  kind: OrderKind;
  orderType: number;
  requestType: "byAmount" | "byUnits";
  status: OrderStatus;
  instrumentId: number;
  isBuy: boolean;
  leverage: number;
  /** Requested USD amount (by amount) or the margin it came to (by units). */
  amount: number;
  /** Requested units (by units) or the units it came to (by amount). */
  units: number;
  requestedAmount: number | null;
  requestedUnits: number | null;
  triggerRate: number | null;
  stopLossRate: number;
  takeProfitRate: number;
  isTslEnabled: boolean;
  isNoStopLoss: boolean;
  isNoTakeProfit: boolean;
  settlementType: SettlementType;
  /** Cash set aside while a market-if-touched order waits. */
  frozenAmount: number;
  createdAt: string;
  lastUpdate: string;
  /** Positions the order opened, or the one it closed. */
  positionIds: number[];
  /** What a close order took off the position. */
  unitsToDeduct: number | null;
  executionRate: number | null;
  executedAt: string | null;
}

export interface ClosedTrade {
  positionId: number;
  orderId: number;
  instrumentId: number;
  isBuy: boolean;
  leverage: number;
  openRate: number;
  openedAt: string;
  closeRate: number;
  closedAt: string;
  units: number;
  investment: number;
  initialInvestment: number;
  netProfit: number;
  stopLossRate: number;
  takeProfitRate: number;
  isTslEnabled: boolean;
}

export interface TradingBook {
  mode: TradingMode;
  /** The customer id the book's records carry (CID). */
  cid: number;
  credit: number;
  positions: Map<number, PositionRecord>;
  orders: Map<number, OrderRecord>;
  ordersByReference: Map<string, OrderRecord>;
  history: ClosedTrade[];
  /** Market-if-touched orders have been checked against every rate up to this instant. */
  settledUpTo: number;
}

export function stableNumber(key: string, min: number, max: number): number {
  const n = createHash("sha256").update(key).digest().readUIntBE(0, 6);
  return min + (n % (max - min));
}

function ownerKey(owner: TradingOwner): string {
  return owner.kind === "account" ? `account:${owner.userKey}` : `portfolio:${owner.portfolioId}`;
}

function openingBalance(owner: TradingOwner, mode: TradingMode): number {
  if (mode === "demo") return DEMO_BALANCE_USD;
  return owner.kind === "account" ? ACCOUNT_REAL_BALANCE_USD : owner.investmentAmountInUsd;
}

export class TradingDesk {
  private readonly books = new Map<string, TradingBook>();
  private nextOrderId = 13_900_000;
  private nextPositionId = 2_150_000_000;

  /** The customer id the owner's records carry in that mode (stable across resets). */
  cid(owner: TradingOwner, mode: TradingMode): number {
    return stableNumber(`cid:${ownerKey(owner)}:${mode}`, 1_000_000, 99_999_999);
  }

  /** The owner's book for the mode, opened with its starting balance on first use. */
  book(owner: TradingOwner, mode: TradingMode, now: number): TradingBook {
    const key = `${ownerKey(owner)}:${mode}`;
    let book = this.books.get(key);
    if (!book) {
      book = {
        mode,
        cid: this.cid(owner, mode),
        credit: openingBalance(owner, mode),
        positions: new Map(),
        orders: new Map(),
        ordersByReference: new Map(),
        history: [],
        settledUpTo: now,
      };
      this.books.set(key, book);
    }
    return book;
  }

  /** A deleted portfolio's balances, positions and orders are gone with it. */
  forgetPortfolio(portfolioId: string): void {
    for (const mode of ["demo", "real"] as const) this.books.delete(`portfolio:${portfolioId}:${mode}`);
  }

  clear(): void {
    this.books.clear();
  }

  orderId(): number {
    this.nextOrderId += 1;
    return this.nextOrderId;
  }

  positionId(): number {
    this.nextPositionId += 1;
    return this.nextPositionId;
  }
}
