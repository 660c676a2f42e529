/**
 * What-if costs (`POST …/costs`): what opening an order, or closing positions, would cost
 * now. Reasonable figures, not eToro's price list: the market spread is half the
 * bid/ask gap on the units, the markup a tenth of that, a ticket fee on stocks and ETFs
 * bought as real assets, and overnight / weekend fees only on leveraged (CFD) exposure.
 */
import type { components } from "../../lib/etoro/trading-openapi-types";
import type { PositionRecord } from "./accounts";
import { instrumentById, kindOf, type InstrumentDefinition } from "./instruments";
import { openRate, quoteAt } from "./market";
import { cents, type OpenRequest } from "./orders";

type CostBreakdown = components["schemas"]["CostBreakdown"];
type CostResponse = components["schemas"]["GetCostResponse"];

const OVERNIGHT_RATE = 0.0001;

function breakdown(instrument: InstrumentDefinition, units: number, rate: number, spreadPerUnit: number, leverage: number, realAsset: boolean): CostBreakdown[] {
  const exposure = units * rate;
  const spread = cents((units * spreadPerUnit) / 2);
  const overnight = leverage > 1 || !realAsset ? cents(exposure * OVERNIGHT_RATE) : 0;
  const cost = (costType: CostBreakdown["costType"], amount: number): CostBreakdown => ({ costType, amount, currency: "USD" });
  return [
    cost("markup", cents(spread / 10)),
    cost("marketSpread", spread),
    cost("transactionFee", realAsset ? kindOf(instrument).ticketFeeUsd : 0),
    cost("overnightFee", overnight),
    cost("overWeekendFee", cents(overnight * 3)),
    cost("sdrt", 0),
  ];
}

export function openCosts(request: OpenRequest, now: number): CostResponse {
  const quote = quoteAt(request.instrument, now);
  const rate = openRate(quote, request.isBuy);
  const units = "units" in request.size ? request.size.units : (request.size.amount * request.leverage) / rate;
  return {
    instrumentId: request.instrument.instrumentId,
    symbol: request.instrument.symbol,
    costs: breakdown(request.instrument, units, rate, quote.ask - quote.bid, request.leverage, request.settlementType === "real"),
    lastUpdated: new Date(now).toISOString(),
  };
}

/** Closing positions (all of one instrument, as eToro reports one instrumentId): the sum of their costs. */
export function closeCosts(positions: PositionRecord[], now: number): CostResponse {
  const instrument = instrumentById(positions[0].instrumentId) as InstrumentDefinition;
  const quote = quoteAt(instrument, now);
  const totals = new Map<CostBreakdown["costType"], number>();
  for (const position of positions) {
    for (const item of breakdown(instrument, position.units, quote.mid, quote.ask - quote.bid, position.leverage, position.settlementType === "real")) {
      if (item.costType === "overnightFee" || item.costType === "overWeekendFee") continue;
      totals.set(item.costType, cents((totals.get(item.costType) ?? 0) + (item.amount ?? 0)));
    }
  }
  return {
    instrumentId: instrument.instrumentId,
    symbol: instrument.symbol,
    costs: [...totals].map(([costType, amount]) => ({ costType, amount, currency: "USD" })),
    lastUpdated: new Date(now).toISOString(),
  };
}
