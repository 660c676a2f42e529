/**
 * Trading behaviour over real HTTP with a controlled clock: deterministic moving rates,
 * fills, partial and whole closes with realised PnL, market-if-touched orders filling
 * once the rate touches, v2 idempotency, the refusals, and isolation (portfolios, demo
 * and real, accounts).
 */
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { ALICE, BOB, call, testSandboxOptions } from "../../tests/support/sandbox-client";
import { mintTradingToken } from "../../tests/support/trading-tokens";
import { startSandbox, type RunningSandbox } from "../server";
import { DEMO_BALANCE_USD } from "./accounts";
import { instrumentById } from "./instruments";
import { quoteAt } from "./market";

const T0 = Date.UTC(2026, 2, 2, 9, 30, 0);
const AAPL = 1001;
const DEMO = {
  byAmount: "/api/v1/trading/execution/demo/market-open-orders/by-amount",
  byUnits: "/api/v1/trading/execution/demo/market-open-orders/by-units",
  close: "/api/v1/trading/execution/demo/market-close-orders/positions",
  limit: "/api/v1/trading/execution/demo/limit-orders",
  portfolio: "/api/v1/trading/info/demo/portfolio",
  orders: "/api/v2/trading/execution/demo/orders",
};
const REAL_PORTFOLIO = "/api/v1/trading/info/portfolio";

describe("sandbox trading", () => {
  let sandbox: RunningSandbox | undefined;
  let nowMs = T0;
  async function start(): Promise<RunningSandbox> {
    nowMs = T0;
    sandbox = await startSandbox({ ...testSandboxOptions(), clock: () => nowMs });
    return sandbox;
  }
  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
  });

  const portfolioOf = async (target: RunningSandbox, userKey: string, path = DEMO.portfolio) =>
    (await call(target, "GET", path, { userKey })).body.clientPortfolio;

  it("quotes rates that are a function of the clock: same instant, same rate; later, another", async () => {
    const target = await start();
    const rates = async () => (await call(target, "GET", "/api/v1/market-data/instruments/rates?instrumentIds=1001,100000")).body.rates;
    const first = await rates();
    expect(await rates()).toEqual(first);
    nowMs = T0 + 90_000;
    const later = await rates();
    expect(later[0].ask).not.toBe(first[0].ask);
    expect(later[0].bid).toBeLessThan(later[0].ask);
  });

  it("fills at the ask, closes half and then the rest, paying back margin plus realised PnL", async () => {
    const target = await start();
    const token = await mintTradingToken(target);
    const apple = instrumentById(AAPL)!;
    await call(target, "POST", DEMO.byUnits, { userKey: token.secret, body: { InstrumentID: AAPL, IsBuy: true, Leverage: 2, AmountInUnits: 10 } });
    const [position] = (await portfolioOf(target, token.secret)).positions;
    const openAsk = quoteAt(apple, T0).ask;
    expect(position.openRate).toBe(openAsk);
    const margin = Math.round(((10 * openAsk) / 2) * 100) / 100;
    expect(position.amount).toBe(margin);
    expect((await portfolioOf(target, token.secret)).credit).toBeCloseTo(DEMO_BALANCE_USD - margin, 2);

    nowMs = T0 + 20 * 60_000;
    const closeBid = quoteAt(apple, nowMs).bid;
    const closed = await call(target, "POST", `${DEMO.close}/${position.positionID}`, { userKey: token.secret, body: { InstrumentID: AAPL, UnitsToDeduct: 4 } });
    expect(closed.body.orderForClose.unitsToDeduct).toBe(4);
    const after = await portfolioOf(target, token.secret);
    expect(after.positions[0].units).toBeCloseTo(6, 6);
    const expectedCredit = DEMO_BALANCE_USD - margin + margin * 0.4 + (closeBid - openAsk) * 4;
    expect(after.credit).toBeCloseTo(expectedCredit, 1);

    await call(target, "POST", `${DEMO.close}/${position.positionID}`, { userKey: token.secret, body: { InstrumentID: AAPL } });
    const done = await portfolioOf(target, token.secret);
    expect(done.positions).toEqual([]);
    expect(done.credit).toBeCloseTo(DEMO_BALANCE_USD + (closeBid - openAsk) * 10, 1);
    const history = await call(target, "GET", "/api/v1/trading/info/trade/demo/history?minDate=2026-03-01", { userKey: token.secret });
    expect(history.body.map((trade: { units: number }) => trade.units)).toEqual([6, 4]);
  });

  it("fills a market-if-touched order only once the rate touches its trigger, and cancel returns its cash", async () => {
    const target = await start();
    const token = await mintTradingToken(target);
    const btc = instrumentById(100000)!;
    // The lowest ask of the next three hours, a little above it: reached, but not yet.
    let lowest = { at: T0, ask: quoteAt(btc, T0).ask };
    for (let at = T0; at <= T0 + 3 * 3_600_000; at += 1_000) {
      const ask = quoteAt(btc, at).ask;
      if (ask < lowest.ask) lowest = { at, ask };
    }
    const trigger = lowest.ask + 0.01;
    expect(trigger).toBeLessThan(quoteAt(btc, T0).ask);
    await call(target, "POST", DEMO.limit, { userKey: token.secret, body: { InstrumentID: 100000, IsBuy: true, Leverage: 1, Amount: 1000, Rate: trigger } });
    const waiting = await portfolioOf(target, token.secret);
    expect(waiting.orders).toHaveLength(1);
    expect(waiting.credit).toBe(DEMO_BALANCE_USD - 1000);

    nowMs = lowest.at + 1_000;
    const filled = await portfolioOf(target, token.secret);
    expect(filled.orders).toEqual([]);
    expect(filled.positions).toHaveLength(1);
    expect(filled.positions[0].openRate).toBeLessThanOrEqual(trigger);

    await call(target, "POST", DEMO.limit, { userKey: token.secret, body: { InstrumentID: 100000, IsBuy: true, Leverage: 1, Amount: 500, Rate: 1 } });
    const pending = (await portfolioOf(target, token.secret)).orders[0];
    const credit = (await portfolioOf(target, token.secret)).credit;
    expect((await call(target, "DELETE", `${DEMO.limit}/${pending.orderID}`, { userKey: token.secret })).status).toBe(200);
    expect((await portfolioOf(target, token.secret)).credit).toBe(credit + 500);
    expect((await call(target, "DELETE", `${DEMO.limit}/${pending.orderID}`, { userKey: token.secret })).status).toBe(400);
    expect((await call(target, "DELETE", `${DEMO.orders}/${pending.orderID}`, { userKey: token.secret })).status).toBe(200);
  });

  it("places a v2 order once per x-request-id", async () => {
    const target = await start();
    const requestId = randomUUID();
    const body = { action: "open", transaction: "buy", instrumentId: AAPL, leverage: 1, amount: 250 };
    const first = await call(target, "POST", DEMO.orders, { requestId, body });
    const again = await call(target, "POST", DEMO.orders, { requestId, body });
    expect(again.body.orderId).toBe(first.body.orderId);
    expect((await portfolioOf(target, ALICE)).positions).toHaveLength(1);
  });

  it("refuses what eToro refuses, with its 4xx and error shape", async () => {
    const target = await start();
    const token = await mintTradingToken(target, { investment: 300 });
    const realOpen = "/api/v1/trading/execution/market-open-orders/by-amount";
    const insufficient = await call(target, "POST", realOpen, { userKey: token.secret, body: { InstrumentID: AAPL, IsBuy: true, Leverage: 1, Amount: 301 } });
    expect([insufficient.status, insufficient.body.errorCode]).toEqual([400, "InsufficientFunds"]);
    const unknown = await call(target, "POST", DEMO.byAmount, { body: { InstrumentID: 424242, IsBuy: true, Leverage: 1, Amount: 100 } });
    expect([unknown.status, unknown.body.errorCode]).toEqual([404, "NotFound"]);
    const leverage = await call(target, "POST", DEMO.byAmount, { body: { InstrumentID: 100000, IsBuy: true, Leverage: 10, Amount: 100 } });
    expect([leverage.status, leverage.body.errorCode]).toEqual([400, "LeverageNotAllowed"]);
    const v2 = await call(target, "POST", DEMO.orders, { body: { action: "close", transaction: "sell", positionIds: [1] } });
    expect(v2.status).toBe(400);
    expect(v2.body).toMatchObject({ title: "Bad Request", status: 400, errorCode: "ValidationFailed" });
    const missingPosition = await call(target, "POST", `${DEMO.close}/123`, { body: { InstrumentID: AAPL } });
    expect(missingPosition.status).toBe(404);
  });

  it("keeps portfolios, demo and real, and accounts apart", async () => {
    const target = await start();
    const a = await mintTradingToken(target, { investment: 700 });
    const b = await mintTradingToken(target, { investment: 900 });
    await call(target, "POST", DEMO.byAmount, { userKey: a.secret, body: { InstrumentID: AAPL, IsBuy: true, Leverage: 1, Amount: 100 } });
    const [position] = (await portfolioOf(target, a.secret)).positions;

    expect(await portfolioOf(target, b.secret)).toMatchObject({ positions: [], credit: DEMO_BALANCE_USD });
    expect((await call(target, "POST", `${DEMO.close}/${position.positionID}`, { userKey: b.secret, body: { InstrumentID: AAPL } })).status).toBe(404);
    expect((await call(target, "GET", `/api/v1/trading/info/demo/orders/${position.orderID}`, { userKey: b.secret })).status).toBe(404);

    expect(await portfolioOf(target, a.secret, REAL_PORTFOLIO)).toMatchObject({ positions: [], credit: 700 });
    expect(await portfolioOf(target, b.secret, REAL_PORTFOLIO)).toMatchObject({ positions: [], credit: 900 });
    expect((await call(target, "POST", `/api/v1/trading/execution/market-close-orders/positions/${position.positionID}`, { userKey: a.secret, body: { InstrumentId: AAPL } })).status).toBe(404);

    expect((await portfolioOf(target, ALICE)).positions).toEqual([]);
    await call(target, "POST", DEMO.byAmount, { userKey: ALICE, body: { InstrumentID: AAPL, IsBuy: true, Leverage: 1, Amount: 100 } });
    const [alicePosition] = (await portfolioOf(target, ALICE)).positions;
    expect((await portfolioOf(target, BOB)).positions).toEqual([]);
    expect((await call(target, "POST", `${DEMO.close}/${alicePosition.positionID}`, { userKey: BOB, body: { InstrumentID: AAPL } })).status).toBe(404);
    expect((await portfolioOf(target, a.secret)).positions).toHaveLength(1);
  });

  it("answers odd bodies and query strings with a 4xx, never a 5xx, and always on contract", async () => {
    const target = await start();
    const posts = [DEMO.byAmount, DEMO.byUnits, `${DEMO.close}/1`, DEMO.limit, DEMO.orders, "/api/v2/trading/info/costs", "/api/v2/trading/info/demo/eligibility"];
    const value = fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.string(), fc.constant(null), fc.array(fc.integer(), { maxLength: 3 }));
    const keys = fc.constantFrom("InstrumentID", "IsBuy", "Leverage", "Amount", "AmountInUnits", "Rate", "UnitsToDeduct", "action", "transaction", "instrumentId", "symbol", "leverage", "amount", "units", "contracts", "orderType", "triggerRate", "positionIds", "instrumentIds", "symbols", "settlementType");
    const body = fc.oneof(fc.dictionary(keys, value), fc.anything());
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...posts), body, async (path, payload) => {
        const response = await call(target, "POST", path, { rawBody: JSON.stringify(payload) ?? "" });
        expect(response.status).toBeGreaterThanOrEqual(200);
        expect(response.status).toBeLessThan(500);
      }),
      { numRuns: 150, seed: 20260302 },
    );
    const query = fc.string({ maxLength: 12 }).map(encodeURIComponent);
    await fc.assert(
      fc.asyncProperty(query, query, async (a, b) => {
        for (const path of [
          `/api/v1/market-data/instruments/rates?instrumentIds=${a}`,
          `/api/v1/market-data/search?fields=${a}&pageSize=${b}&sort=${b}`,
          `/api/v1/trading/info/trade/demo/history?minDate=${a}&page=${b}`,
          `/api/v2/trading/info/demo/orders:lookup?orderId=${a}`,
          `/api/v1/trading/info/demo/aggregate-portfolio?conversionMode=${a}&instrumentIds=${b}`,
        ]) {
          expect((await call(target, "GET", path)).status).toBeLessThan(500);
        }
      }),
      { numRuns: 40, seed: 20260302 },
    );
  });
});
