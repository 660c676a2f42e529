/**
 * Market data and identity: instruments, live rates, search, and `/api/v1/me` (who the
 * key is: the account, or the agent portfolio a token trades).
 */
import { createHash } from "node:crypto";
import type { components, operations } from "../../lib/etoro/trading-openapi-types";
import { apiErrors } from "../errors";
import type { RouteContext, RouteResult } from "../router";
import { SCOPE_NAMES } from "../scopes";
import { stableNumber } from "../trading/accounts";
import { INSTRUMENTS, kindOf, searchInstruments, type InstrumentDefinition } from "../trading/instruments";
import { quoteAt } from "../trading/market";
import { idList, intQuery } from "../trading/requests";
import { callerGcid, tradingOwner } from "../trading/token-auth";

type Instrument = components["schemas"]["Instrument"];
type InstrumentDisplayData = NonNullable<
  operations["GetInstrumentsByFilters"]["responses"][200]["content"]["application/json"]["instrumentDisplayDatas"]
>[number];

const MAX_RATE_IDS = 100;
const DAY_MS = 86_400_000;

function displayData(instrument: InstrumentDefinition): InstrumentDisplayData {
  return {
    instrumentID: instrument.instrumentId,
    instrumentDisplayName: instrument.name,
    instrumentTypeID: kindOf(instrument).instrumentTypeId,
    exchangeID: instrument.exchangeId,
    symbolFull: instrument.symbol,
    stocksIndustryId: instrument.stocksIndustryId,
    priceSource: "eToro Sandbox",
    hasExpirationDate: false,
    isInternalInstrument: false,
    images: [],
  };
}

export function listInstruments(ctx: RouteContext): RouteResult {
  const filters = {
    instrumentIds: idList(ctx.query, "instrumentIds"),
    exchangeIds: idList(ctx.query, "exchangeIds"),
    stocksIndustryIds: idList(ctx.query, "stocksIndustryIds"),
    instrumentTypeIds: idList(ctx.query, "instrumentTypeIds"),
  };
  const matches = INSTRUMENTS.filter(
    (instrument) =>
      (!filters.instrumentIds || filters.instrumentIds.includes(instrument.instrumentId)) &&
      (!filters.exchangeIds || filters.exchangeIds.includes(instrument.exchangeId)) &&
      (!filters.stocksIndustryIds || filters.stocksIndustryIds.includes(instrument.stocksIndustryId)) &&
      (!filters.instrumentTypeIds || filters.instrumentTypeIds.includes(kindOf(instrument).instrumentTypeId)),
  );
  return { status: 200, body: { instrumentDisplayDatas: matches.map(displayData) } };
}

/** Rates for the listed ids (at most 100); an unknown id is 400, as the spec describes. */
export function listRates(ctx: RouteContext): RouteResult {
  const ids = idList(ctx.query, "instrumentIds", MAX_RATE_IDS);
  if (!ids || ids.length === 0) throw apiErrors.validation("instrumentIds is required");
  const rates = ids.map((id) => {
    const instrument = INSTRUMENTS.find((candidate) => candidate.instrumentId === id);
    if (!instrument) throw apiErrors.validation(`Unknown instrument id ${id}`);
    const quote = quoteAt(instrument, ctx.now.getTime());
    return {
      instrumentID: id,
      ask: quote.ask,
      bid: quote.bid,
      lastExecution: quote.mid,
      conversionRateAsk: 1,
      conversionRateBid: 1,
      date: new Date(quote.at).toISOString(),
      unitMargin: quote.mid,
      unitMarginAsk: quote.ask,
      unitMarginBid: quote.bid,
      priceRateID: quote.priceRateId,
      bidDiscounted: quote.bid,
      askDiscounted: quote.ask,
      unitMarginBidDiscounted: quote.bid,
      unitMarginAskDiscounted: quote.ask,
    };
  });
  return { status: 200, body: { rates } };
}

function percentChange(instrument: InstrumentDefinition, now: number, agoMs: number): number {
  const then = quoteAt(instrument, now - agoMs).mid;
  return Math.round(((quoteAt(instrument, now).mid - then) / then) * 10_000) / 100;
}

function searchItem(instrument: InstrumentDefinition, now: number): Instrument {
  const settings = kindOf(instrument);
  const quote = quoteAt(instrument, now);
  const daily = percentChange(instrument, now, DAY_MS);
  return {
    instrumentId: instrument.instrumentId,
    displayname: instrument.name,
    symbol: instrument.symbol,
    instrumentTypeID: settings.instrumentTypeId,
    instrumentType: settings.typeName,
    exchangeID: instrument.exchangeId,
    isOpen: true,
    isExchangeOpen: true,
    isCurrentlyTradable: true,
    isBuyEnabled: true,
    isActiveInPlatform: true,
    isDelisted: false,
    isHiddenFromClient: false,
    isInternalInstrument: false,
    currentRate: quote.mid,
    cvtBid: quote.bid,
    cvtAsk: quote.ask,
    dailyPriceChange: daily,
    absDailyPriceChange: Math.abs(daily),
    weeklyPriceChange: percentChange(instrument, now, 7 * DAY_MS),
    popularityUniques7Day: stableNumber(`popularity:${instrument.symbol}`, 100, 250_000),
  };
}

/**
 * `fields` (required) picks what each item carries: a comma-separated list of Instrument
 * properties, each optionally as `alias=property` (the spec's own example); `sort` is
 * `<property> [asc|desc]`.
 */
export function searchMarket(ctx: RouteContext): RouteResult {
  const fieldsParam = ctx.query.get("fields");
  if (!fieldsParam?.trim()) throw apiErrors.validation("fields is required");
  const now = ctx.now.getTime();
  const all = searchInstruments(ctx.query.get("searchText") ?? undefined).map((instrument) => searchItem(instrument, now));
  const known = new Set(Object.keys(searchItem(INSTRUMENTS[0], now)));
  const fields = fieldsParam.split(",").map((part) => part.split("=").pop()?.trim() ?? "").filter((name) => name !== "");
  const unknown = fields.filter((name) => !known.has(name));
  if (unknown.length > 0) throw apiErrors.validation(`Unknown fields: ${unknown.join(", ")}`);

  const sort = ctx.query.get("sort")?.trim();
  if (sort) {
    const [key, direction = "asc"] = sort.split(/\s+/);
    if (!known.has(key) || !["asc", "desc"].includes(direction.toLowerCase())) {
      throw apiErrors.validation("sort must be a field name followed by asc or desc");
    }
    const sign = direction.toLowerCase() === "desc" ? -1 : 1;
    const value = (item: Instrument) => (item as Record<string, unknown>)[key] as string | number | boolean;
    all.sort((a, b) => (value(a) < value(b) ? -sign : value(a) > value(b) ? sign : 0));
  }
  const pageSize = intQuery(ctx.query, "pageSize", 20, 1, 1_000);
  const page = intQuery(ctx.query, "pageNumber", 1, 1, 1_000_000);
  const items = all.slice((page - 1) * pageSize, page * pageSize).map((item) =>
    Object.fromEntries(fields.map((name) => [name, (item as Record<string, unknown>)[name]])),
  );
  return { status: 200, body: { page, pageSize, totalItems: all.length, items } };
}

/** A label for an account that never repeats its key. */
function accountUsername(userKey: string): string {
  return `sandbox-user-${createHash("sha256").update(userKey).digest("hex").slice(0, 8)}`;
}

export function whoAmI(ctx: RouteContext): RouteResult {
  const { caller } = ctx;
  const owner = tradingOwner(caller);
  const username = caller.kind === "account" ? accountUsername(caller.userKey) : caller.holder.portfolio.agentPortfolioName;
  return {
    status: 200,
    body: {
      gcid: callerGcid(caller),
      realCid: ctx.desk.cid(owner, "real"),
      demoCid: ctx.desk.cid(owner, "demo"),
      username,
      firstName: username,
      middleName: null,
      lastName: null,
      playerLevel: 1,
      gender: 0,
      language: 1,
      dateOfBirth: "1990-01-01",
      lei: null,
      scopes: caller.kind === "account" ? [...SCOPE_NAMES] : [...caller.holder.token.scopeNames],
    },
  };
}
