/**
 * The judge alone: every boundary's yes and no, in memory, with odd shapes of
 * orders from fast-check. The HTTP-level checks (and the budgets' atomicity)
 * are in gateway-boundaries.test.ts.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { operationsFromSpec, type GatewayOperation } from "@/lib/gateway/operations";
import { NO_BOUNDARIES, tokenBoundariesSchema, type TokenBoundaries } from "@/lib/schemas/boundaries";
import { dayStart, insideHours, isUnbounded, judge, needsRate, toCents, weekStart, type Verdict } from "./judge";
import { orderTermsOf } from "./order-terms";

const OPS = new Map(operationsFromSpec().map((o) => [o.operationId, o]));
const op = (id: string): GatewayOperation => OPS.get(id)!;
const NOW = new Date("2026-12-09T12:00:00Z"); // a Wednesday

function bounds(partial: Partial<TokenBoundaries>): TokenBoundaries {
  return tokenBoundariesSchema.parse(partial);
}

function verdict(b: Partial<TokenBoundaries>, operationId: string, body: unknown, extra: { rate?: number | null; now?: Date; approved?: boolean } = {}): Verdict {
  return judge({ boundaries: bounds(b), terms: orderTermsOf(op(operationId), body), rate: extra.rate ?? null, now: extra.now ?? NOW, approved: extra.approved ?? false });
}

const byAmount = (amount: number, extra: Record<string, unknown> = {}) => ({ InstrumentID: 1001, IsBuy: true, Leverage: 1, Amount: amount, ...extra });
const limitOf = (v: Verdict) => ("refuse" in v ? v.refuse.limit : "allow" in v ? "allow" : "approval");

describe("judging an order against a token's boundaries", () => {
  it("whole cents: any cent amount written in dollars is that many cents; a fraction of a cent rounds up", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 100_000_000_00 }), (c) => toCents(c / 100) === c));
    expect(toCents(100.001)).toBe(10001);
    expect(toCents(1.1)).toBe(110);
  });

  it("an order at the per-order limit goes through; one cent over is refused with the value and the limit", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1_000, max: 10_000_000 }), (limit) => {
        expect(limitOf(verdict({ maxOrderUsdCents: limit }, "openMarketPositionByAmountDemo", byAmount(limit / 100)))).toBe("allow");
        const over = verdict({ maxOrderUsdCents: limit }, "openMarketPositionByAmountDemo", byAmount((limit + 1) / 100));
        expect(over).toMatchObject({ refuse: { limit: "order-limit", status: 403, code: "OrderLimitExceeded", valueCents: limit + 1, limitCents: limit } });
      }),
      { numRuns: 200 },
    );
    const over = verdict({ maxOrderUsdCents: 10_000 }, "openMarketPositionByAmountDemo", byAmount(100.01));
    expect("refuse" in over && over.refuse.message).toMatch(/worth \$100\.01, above this token's most per order \(\$100\.00\)/);
  });

  it("values a units order at units × the rate (a limit order at the higher of the rate and its trigger), and refuses without a rate", () => {
    const units = { InstrumentID: 1001, IsBuy: true, Leverage: 1, AmountInUnits: 2 };
    expect(verdict({ maxOrderUsdCents: 40_000 }, "openMarketPositionByUnitsDemo", units, { rate: 200 })).toMatchObject({ allow: true, valueCents: 40_000 });
    expect(limitOf(verdict({ maxOrderUsdCents: 40_000 }, "openMarketPositionByUnitsDemo", units, { rate: 200.005 }))).toBe("order-limit");
    expect(verdict({ maxOrderUsdCents: 40_000 }, "openMarketPositionByUnitsDemo", units, { rate: null })).toMatchObject({ refuse: { limit: "rate-unavailable", status: 503 } });
    const limitOrder = { InstrumentID: 1001, IsBuy: true, Leverage: 1, AmountInUnits: 2, Rate: 300 };
    expect(verdict({ dailyBudgetUsdCents: 100_000 }, "openLimitOrderDemo", limitOrder, { rate: 200 })).toMatchObject({ allow: true, valueCents: 60_000 });
    expect(needsRate(bounds({ maxOrderUsdCents: 1 }), orderTermsOf(op("openMarketPositionByUnitsDemo"), units))).toBe(true);
    expect(needsRate(bounds({ maxLeverage: 2 }), orderTermsOf(op("openMarketPositionByUnitsDemo"), units))).toBe(false);
  });

  it("refuses what it cannot value when limits are in USD: contracts, another currency, a size that is not a positive number", () => {
    const b = { maxOrderUsdCents: 10_000 };
    for (const body of [
      { action: "open", transaction: "buy", instrumentId: 1001, leverage: 1, contracts: 1 },
      { action: "open", transaction: "buy", instrumentId: 1001, leverage: 1, amount: 50, orderCurrency: "eur" },
      byAmount("50" as unknown as number),
      byAmount(-5),
      { InstrumentID: 1001, IsBuy: true, Leverage: 1 },
    ]) {
      const operation = "action" in body ? "createDemoOrder" : "openMarketPositionByAmountDemo";
      expect(verdict(b, operation, body)).toMatchObject({ refuse: { limit: "order-value-unknown", status: 400 } });
    }
    // Without a money boundary the same orders are eToro's to judge.
    expect(limitOf(verdict({ maxLeverage: 5 }, "createDemoOrder", { action: "open", transaction: "buy", instrumentId: 1001, leverage: 1, contracts: 1 }))).toBe("allow");
  });

  it("leverage over the maximum is refused; at the maximum it goes through", () => {
    expect(limitOf(verdict({ maxLeverage: 2 }, "openMarketPositionByAmountDemo", byAmount(50, { Leverage: 2 })))).toBe("allow");
    expect(verdict({ maxLeverage: 2 }, "openMarketPositionByAmountDemo", byAmount(50, { Leverage: 5 }))).toMatchObject({
      refuse: { limit: "leverage", status: 403, code: "LeverageNotAllowed", message: expect.stringMatching(/Leverage 5 is above this token's most leverage \(2\)/) },
    });
    expect(limitOf(verdict({ maxLeverage: 2 }, "createDemoOrder", { action: "open", transaction: "buy", instrumentId: 1, leverage: 3, amount: 10 }))).toBe("leverage");
  });

  it("instruments: outside the allowed list refused (or held for a person when the token says so), on the refused list refused, unnamed refused", () => {
    const allowed = { instrumentsAllowed: [1001, 1002] };
    expect(limitOf(verdict(allowed, "openMarketPositionByAmountDemo", byAmount(50)))).toBe("allow");
    expect(verdict(allowed, "openMarketPositionByAmountDemo", byAmount(50, { InstrumentID: 2000 }))).toMatchObject({
      refuse: { limit: "instrument-not-allowed", code: "InstrumentNotAllowed", message: expect.stringMatching(/Instrument 2000 is not among .* \(1001, 1002\)/) },
    });
    expect(limitOf(verdict({ instrumentsRefused: [1001] }, "openMarketPositionByAmountDemo", byAmount(50)))).toBe("instrument-refused");
    expect(limitOf(verdict(allowed, "createDemoOrder", { action: "open", transaction: "buy", symbol: "AAPL", leverage: 1, amount: 10 }))).toBe("instrument-unnamed");
    const asks = { ...allowed, approval: { aboveUsdCents: null, everyRealOrder: false, outsideInstrumentList: true } };
    expect(limitOf(verdict(asks, "openMarketPositionByAmountDemo", byAmount(50, { InstrumentID: 2000 })))).toBe("approval");
    expect(limitOf(verdict(asks, "openMarketPositionByAmountDemo", byAmount(50, { InstrumentID: 2000 }), { approved: true }))).toBe("allow");
  });

  it("read-only refuses every write (open, close, cancel) and no read", () => {
    expect(limitOf(verdict({ readOnly: true }, "openMarketPositionByAmountDemo", byAmount(1)))).toBe("read-only");
    expect(limitOf(verdict({ readOnly: true }, "closePositionByMarketRateDemo", { InstrumentID: 1001 }))).toBe("read-only");
    expect(limitOf(verdict({ readOnly: true }, "cancelDemoOrder", null))).toBe("read-only");
    expect(judge({ boundaries: bounds({ readOnly: true }), terms: orderTermsOf(op("getPortfolioDemo"), null), rate: null, now: NOW, approved: false })).toMatchObject({ allow: true });
  });

  it("closing and cancelling are never held back by limits, lists, budgets or hours (they take risk away)", () => {
    const tight = { maxOrderUsdCents: 1, maxLeverage: 1, dailyBudgetUsdCents: 1, instrumentsAllowed: [1], tradingHours: { fromUtc: "00:00", toUtc: "00:01" } };
    expect(limitOf(verdict(tight, "closePositionByMarketRateDemo", { InstrumentID: 1001, UnitsToDeduct: 1_000 }))).toBe("allow");
    expect(limitOf(verdict(tight, "createDemoOrder", { action: "close", transaction: "sell", positionIds: [1] }))).toBe("allow");
    expect(limitOf(verdict(tight, "cancelOpenMarketOrderDemo", null))).toBe("allow");
  });

  it("trading hours: inside the UTC window only, a window may wrap past midnight", () => {
    expect(insideHours({ fromUtc: "09:00", toUtc: "17:00" }, new Date("2026-12-09T09:00:00Z"))).toBe(true);
    expect(insideHours({ fromUtc: "09:00", toUtc: "17:00" }, new Date("2026-12-09T17:00:00Z"))).toBe(false);
    expect(insideHours({ fromUtc: "22:00", toUtc: "06:00" }, new Date("2026-12-09T23:30:00Z"))).toBe(true);
    expect(insideHours({ fromUtc: "22:00", toUtc: "06:00" }, new Date("2026-12-09T12:00:00Z"))).toBe(false);
    expect(verdict({ tradingHours: { fromUtc: "13:00", toUtc: "14:00" } }, "openMarketPositionByAmountDemo", byAmount(5))).toMatchObject({
      refuse: { limit: "trading-hours", code: "OutsideTradingHours" },
    });
  });

  it("budgets: charged to the UTC day and the week from Monday 00:00 UTC; an order larger than the whole budget is refused at once", () => {
    expect(dayStart(NOW).toISOString()).toBe("2026-12-09T00:00:00.000Z");
    expect(weekStart(NOW).toISOString()).toBe("2026-12-07T00:00:00.000Z");
    expect(weekStart(new Date("2026-12-13T23:59:59Z")).toISOString()).toBe("2026-12-07T00:00:00.000Z");
    expect(weekStart(new Date("2026-12-14T00:00:00Z")).toISOString()).toBe("2026-12-14T00:00:00.000Z");
    const b = { dailyBudgetUsdCents: 100_000, weeklyBudgetUsdCents: 300_000 };
    expect(verdict(b, "openMarketPositionByAmountDemo", byAmount(100))).toEqual({
      allow: true,
      valueCents: 10_000,
      budgets: [
        { period: "day", windowStart: new Date("2026-12-09T00:00:00Z"), limitCents: 100_000 },
        { period: "week", windowStart: new Date("2026-12-07T00:00:00Z"), limitCents: 300_000 },
      ],
    });
    expect(verdict(b, "openMarketPositionByAmountDemo", byAmount(1_000.01))).toMatchObject({
      refuse: { limit: "budget-day", code: "BudgetExceeded", valueCents: 100_001, leftCents: 100_000 },
    });
  });

  it("approval: above the threshold, or every real-money order, waits for a person unless approved", () => {
    const b = { approval: { aboveUsdCents: 25_000, everyRealOrder: false, outsideInstrumentList: false } };
    expect(limitOf(verdict(b, "openMarketPositionByAmountDemo", byAmount(250)))).toBe("allow");
    const held = verdict(b, "openMarketPositionByAmountDemo", byAmount(250.01));
    expect(held).toMatchObject({ approval: { valueCents: 25_001, reason: expect.stringMatching(/above \$250\.00/) } });
    expect(limitOf(verdict(b, "openMarketPositionByAmountDemo", byAmount(250.01), { approved: true }))).toBe("allow");
    const real = { approval: { aboveUsdCents: null, everyRealOrder: true, outsideInstrumentList: false } };
    expect(limitOf(verdict(real, "openMarketPositionByAmount", byAmount(1)))).toBe("approval");
    expect(limitOf(verdict(real, "openMarketPositionByAmountDemo", byAmount(1)))).toBe("allow");
    // A refusal comes before asking: a person is not asked about an order the limits refuse anyway.
    expect(limitOf(verdict({ ...b, maxOrderUsdCents: 30_000 }, "openMarketPositionByAmountDemo", byAmount(300.01)))).toBe("order-limit");
  });

  it("no boundaries at all is recognised, so the gateway can skip judging", () => {
    expect(isUnbounded(NO_BOUNDARIES)).toBe(true);
    expect(isUnbounded(bounds({ readOnly: true }))).toBe(false);
    expect(isUnbounded(bounds({ requestsPerMinute: 10 }))).toBe(false);
  });

  it("never throws, whatever the body, and every refusal says which limit in words", () => {
    const b = bounds({ maxOrderUsdCents: 10_000, maxLeverage: 2, dailyBudgetUsdCents: 50_000, instrumentsAllowed: [1001], approval: { aboveUsdCents: 5_000, everyRealOrder: true, outsideInstrumentList: false } });
    const ids = [...OPS.values()].filter((o) => o.write).map((o) => o.operationId);
    fc.assert(
      fc.property(fc.constantFrom(...ids), fc.anything(), fc.option(fc.double({ min: 0.0001, max: 1e6, noNaN: true })), (id, body, rate) => {
        const v = judge({ boundaries: b, terms: orderTermsOf(op(id), body), rate, now: NOW, approved: false });
        if ("refuse" in v) expect(v.refuse.message.length).toBeGreaterThan(20);
      }),
      { numRuns: 500 },
    );
  });
});
