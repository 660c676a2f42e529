/**
 * The sandbox's instrument catalogue: a few dozen well-known stocks, ETFs, indices,
 * commodities, currencies and crypto assets, every one quoted in USD (so a position's
 * conversion rate is always 1). Ids, type ids and exchange ids follow eToro's numbering
 * where it is public; the base prices only seed the moving rates in market.ts.
 */

export type InstrumentKind = "currency" | "commodity" | "index" | "stock" | "etf" | "crypto";

export interface InstrumentDefinition {
  instrumentId: number;
  symbol: string;
  name: string;
  kind: InstrumentKind;
  exchangeId: number;
  /** 0 when the instrument is not a stock. */
  stocksIndustryId: number;
  basePrice: number;
  /** Decimal places its rates are quoted with. */
  precision: number;
}

interface KindSettings {
  instrumentTypeId: number;
  typeName: string;
  /** How far the rate wanders from its base (a fraction of it). */
  volatility: number;
  /** Full bid/ask spread as a fraction of the mid rate. */
  spread: number;
  leverages: readonly number[];
  /** Smallest position, in USD of margin. */
  minAmountUsd: number;
  maxUnitsPerOrder: number;
  /** Stocks and ETFs carry a ticket fee and UK stamp duty in eToro's cost breakdown. */
  ticketFeeUsd: number;
}

export const KINDS: Readonly<Record<InstrumentKind, KindSettings>> = {
  currency: { instrumentTypeId: 1, typeName: "Currencies", volatility: 0.004, spread: 0.0001, leverages: [1, 2, 5, 10, 20, 30], minAmountUsd: 10, maxUnitsPerOrder: 10_000_000, ticketFeeUsd: 0 },
  commodity: { instrumentTypeId: 2, typeName: "Commodities", volatility: 0.012, spread: 0.0008, leverages: [1, 2, 5, 10], minAmountUsd: 10, maxUnitsPerOrder: 100_000, ticketFeeUsd: 0 },
  index: { instrumentTypeId: 4, typeName: "Indices", volatility: 0.008, spread: 0.0004, leverages: [1, 2, 5, 10, 20], minAmountUsd: 10, maxUnitsPerOrder: 10_000, ticketFeeUsd: 0 },
  stock: { instrumentTypeId: 5, typeName: "Stocks", volatility: 0.015, spread: 0.0009, leverages: [1, 2, 5], minAmountUsd: 10, maxUnitsPerOrder: 100_000, ticketFeeUsd: 1 },
  etf: { instrumentTypeId: 6, typeName: "ETF", volatility: 0.006, spread: 0.0005, leverages: [1, 2, 5], minAmountUsd: 10, maxUnitsPerOrder: 100_000, ticketFeeUsd: 1 },
  crypto: { instrumentTypeId: 10, typeName: "Crypto", volatility: 0.03, spread: 0.01, leverages: [1, 2], minAmountUsd: 10, maxUnitsPerOrder: 1_000_000, ticketFeeUsd: 0 },
};

const FX = 1;
const COMMODITIES = 2;
const INDICES = 3;
const NASDAQ = 4;
const NYSE = 5;
const CRYPTO = 8;
const TECH = 1;
const FINANCE = 2;
const CONSUMER = 3;
const HEALTH = 4;
const ENERGY = 5;

function define(
  instrumentId: number,
  symbol: string,
  name: string,
  kind: InstrumentKind,
  exchangeId: number,
  basePrice: number,
  precision: number,
  stocksIndustryId = 0,
): InstrumentDefinition {
  return { instrumentId, symbol, name, kind, exchangeId, stocksIndustryId, basePrice, precision };
}

export const INSTRUMENTS: readonly InstrumentDefinition[] = [
  define(1, "EURUSD", "EUR/USD", "currency", FX, 1.0854, 5),
  define(2, "GBPUSD", "GBP/USD", "currency", FX, 1.2712, 5),
  define(3, "NZDUSD", "NZD/USD", "currency", FX, 0.6105, 5),
  define(7, "AUDUSD", "AUD/USD", "currency", FX, 0.6621, 5),
  define(17, "OIL", "Crude Oil", "commodity", COMMODITIES, 78.42, 2),
  define(18, "GOLD", "Gold", "commodity", COMMODITIES, 2341.5, 2),
  define(19, "SILVER", "Silver", "commodity", COMMODITIES, 29.64, 3),
  define(22, "NATGAS", "Natural Gas", "commodity", COMMODITIES, 2.741, 3),
  define(27, "SPX500", "US 500", "index", INDICES, 5304.7, 2),
  define(28, "NSDQ100", "US Tech 100", "index", INDICES, 18_690.2, 2),
  define(29, "DJ30", "Wall Street 30", "index", INDICES, 39_872.9, 2),
  define(1001, "AAPL", "Apple Inc", "stock", NASDAQ, 191.45, 2, TECH),
  define(1002, "GOOG", "Alphabet Inc Class C", "stock", NASDAQ, 176.3, 2, TECH),
  define(1003, "MSFT", "Microsoft Corporation", "stock", NASDAQ, 427.9, 2, TECH),
  define(1004, "AMZN", "Amazon.com Inc", "stock", NASDAQ, 183.2, 2, CONSUMER),
  define(1005, "META", "Meta Platforms Inc", "stock", NASDAQ, 471.1, 2, TECH),
  define(1111, "TSLA", "Tesla Motors, Inc.", "stock", NASDAQ, 178.8, 2, CONSUMER),
  define(1137, "NVDA", "NVIDIA Corporation", "stock", NASDAQ, 112.6, 2, TECH),
  define(1035, "NFLX", "Netflix Inc", "stock", NASDAQ, 641.3, 2, CONSUMER),
  define(1018, "JPM", "JPMorgan Chase & Co", "stock", NYSE, 198.7, 2, FINANCE),
  define(1020, "KO", "The Coca-Cola Company", "stock", NYSE, 62.9, 2, CONSUMER),
  define(1040, "DIS", "The Walt Disney Company", "stock", NYSE, 102.4, 2, CONSUMER),
  define(1046, "PFE", "Pfizer Inc", "stock", NYSE, 28.6, 2, HEALTH),
  define(1052, "XOM", "Exxon Mobil Corporation", "stock", NYSE, 113.5, 2, ENERGY),
  define(1061, "V", "Visa Inc", "stock", NYSE, 272.1, 2, FINANCE),
  define(3000, "SPY", "SPDR S&P 500 ETF Trust", "etf", NYSE, 529.4, 2),
  define(3006, "QQQ", "Invesco QQQ Trust", "etf", NASDAQ, 455.8, 2),
  define(100000, "BTC", "Bitcoin", "crypto", CRYPTO, 67_250, 2),
  define(100001, "ETH", "Ethereum", "crypto", CRYPTO, 3_540, 2),
  define(100002, "BCH", "Bitcoin Cash", "crypto", CRYPTO, 462.3, 2),
  define(100003, "XRP", "Ripple", "crypto", CRYPTO, 0.5213, 4),
  define(100005, "LTC", "Litecoin", "crypto", CRYPTO, 82.4, 2),
  define(100017, "ADA", "Cardano", "crypto", CRYPTO, 0.4472, 4),
  define(100043, "DOGE", "Dogecoin", "crypto", CRYPTO, 0.1453, 5),
  define(100063, "SOL", "Solana", "crypto", CRYPTO, 165.2, 2),
];

const BY_ID = new Map(INSTRUMENTS.map((instrument) => [instrument.instrumentId, instrument]));
const BY_SYMBOL = new Map(INSTRUMENTS.map((instrument) => [instrument.symbol.toUpperCase(), instrument]));

export function instrumentById(instrumentId: number): InstrumentDefinition | undefined {
  return BY_ID.get(instrumentId);
}

export function instrumentBySymbol(symbol: string): InstrumentDefinition | undefined {
  return BY_SYMBOL.get(symbol.trim().toUpperCase());
}

/** Stocks, ETFs and crypto can also be bought as the real asset (unleveraged, long only). */
export function tradesAsRealAsset(instrument: InstrumentDefinition): boolean {
  return instrument.kind === "stock" || instrument.kind === "etf" || instrument.kind === "crypto";
}

export function kindOf(instrument: InstrumentDefinition): KindSettings {
  return KINDS[instrument.kind];
}

/** Case-insensitive match on symbol or name; an empty text matches everything. */
export function searchInstruments(text: string | undefined): InstrumentDefinition[] {
  const needle = (text ?? "").trim().toLowerCase();
  if (needle === "") return [...INSTRUMENTS];
  return INSTRUMENTS.filter(
    (instrument) => instrument.symbol.toLowerCase().includes(needle) || instrument.name.toLowerCase().includes(needle),
  );
}
