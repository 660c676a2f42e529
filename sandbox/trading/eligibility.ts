/**
 * Instrument eligibility (`POST …/eligibility`): what the sandbox lets an account do with
 * each instrument — the leverages of its kind (crypto 1–2x, stocks 1–5x, currencies up to
 * 30x; real-asset settlement only unleveraged longs), its minimum size and unit limit.
 */
import type { components } from "../../lib/etoro/trading-openapi-types";
import { apiErrors } from "../errors";
import { requireObject } from "../validation";
import { instrumentById, instrumentBySymbol, kindOf, tradesAsRealAsset, type InstrumentDefinition } from "./instruments";
import { field } from "./requests";

type Schemas = components["schemas"];

const MAX_INSTRUMENTS = 100;

function leverageConfig(settlementType: string, direction: string, leverageValues: readonly number[], minPositionAmount: number): Schemas["LeverageConfiguration"] {
  return {
    settlementType,
    direction,
    leverageValues: [...leverageValues],
    isPotential: false,
    minPositionAmount,
    allowEditStopLoss: true,
    minStopLossPercentage: 5,
    maxStopLossPercentage: settlementType === "REAL" ? 100 : 50,
    defaultStopLossPercentage: settlementType === "REAL" ? 100 : 50,
    allowEditTakeProfit: true,
    minTakeProfitPercentage: 5,
    maxTakeProfitPercentage: 1000,
    defaultTakeProfitPercentage: 1000,
    allowStopLossTakeProfit: true,
  };
}

function eligibilityOf(instrument: InstrumentDefinition): Schemas["InstrumentEligibility"] {
  const settings = kindOf(instrument);
  const configs = [
    leverageConfig("CFD", "LONG", settings.leverages, settings.minAmountUsd),
    leverageConfig("CFD", "SHORT", settings.leverages, settings.minAmountUsd),
  ];
  if (tradesAsRealAsset(instrument)) configs.push(leverageConfig("REAL", "LONG", [1], settings.minAmountUsd));
  return {
    instrumentId: instrument.instrumentId,
    symbol: instrument.symbol,
    minPositionExposure: settings.minAmountUsd,
    maxUnitsPerOrder: settings.maxUnitsPerOrder,
    allowOpenPosition: true,
    allowClosePosition: true,
    allowPartialClosePosition: true,
    allowMitOrders: true,
    allowEntryOrders: false,
    allowExitOrders: false,
    allowTrailingStopLoss: true,
    requiresW8Ben: instrument.kind === "stock" ? false : null,
    unitsQuantityType: "FractionalUnits",
    orderFillBehaviorType: "BestEffort",
    allowedOrderQuantityType: "Both",
    tradeUnitType: "Units",
    initialMarginInAssetCurrency: null,
    stopLossMarginInAssetCurrency: null,
    additionalBufferPercent: null,
    leverageConfigs: configs,
  };
}

function list<T>(value: unknown, name: string, isItem: (item: unknown) => item is T): T[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every(isItem)) throw apiErrors.validation(`${name} must be an array`);
  return value;
}

export function checkEligibility(raw: unknown): Schemas["InstrumentEligibilityResponse"] {
  const body = requireObject(raw);
  const ids = list(field(body, "instrumentIds"), "instrumentIds", (item): item is number => Number.isSafeInteger(item));
  const symbols = list(field(body, "symbols"), "symbols", (item): item is string => typeof item === "string");
  if (ids.length + symbols.length === 0) throw apiErrors.validation("Provide at least one of instrumentIds or symbols");
  if (ids.length + symbols.length > MAX_INSTRUMENTS) {
    throw apiErrors.validation(`instrumentIds and symbols together take at most ${MAX_INSTRUMENTS} instruments`);
  }
  const currency = field(body, "currency") ?? "USD";
  if (typeof currency !== "string" || currency.toUpperCase() !== "USD") throw apiErrors.validation("currency: only USD is supported");

  const found = new Map<number, InstrumentDefinition>();
  const notFoundInstrumentIds: number[] = [];
  const notFoundSymbols: string[] = [];
  for (const id of ids) {
    const instrument = instrumentById(id);
    if (instrument) found.set(id, instrument);
    else notFoundInstrumentIds.push(id);
  }
  for (const symbol of symbols) {
    const instrument = instrumentBySymbol(symbol);
    if (instrument) found.set(instrument.instrumentId, instrument);
    else notFoundSymbols.push(symbol);
  }
  return { currency: "USD", eligibilities: [...found.values()].map(eligibilityOf), notFoundInstrumentIds, notFoundSymbols };
}
