/**
 * Every success status of every trading operation (lib/etoro/trading-openapi.json), demo
 * and real, provoked on one sandbox with a fixed clock and checked against the spec in
 * strict mode (the client checks every reply, errors included). The list comes from the
 * spec, so a new operation without a scenario fails the suite.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type RunningSandbox } from "../../sandbox/server";
import { call, testSandboxOptions, type CallResult } from "../support/sandbox-client";
import { expectMatchesSpec, listDocumentedResponses } from "../support/spec-validator";
import { mintTradingToken } from "../support/trading-tokens";

type Mode = "demo" | "real";
type Check = (sandbox: RunningSandbox) => Promise<CallResult>;

const NOW = Date.UTC(2026, 0, 5, 14, 0, 0);
const AAPL = 1001;

/**
 * Market orders fill the moment they arrive, so a market order to open or close is never
 * pending and cannot be cancelled: those cancels answer 400 OrderNotCancellable, never 200.
 */
const UNREACHABLE = new Set(
  ["/api/v1/trading/execution/demo", "/api/v1/trading/execution"].flatMap((base) => [
    `DELETE ${base}/market-open-orders/{orderId} 200`,
    `DELETE ${base}/market-close-orders/{orderId} 200`,
  ]),
);

function paths(mode: Mode) {
  const d = mode === "demo" ? "/demo" : "";
  return {
    byAmount: `/api/v1/trading/execution${d}/market-open-orders/by-amount`,
    byUnits: `/api/v1/trading/execution${d}/market-open-orders/by-units`,
    close: `/api/v1/trading/execution${d}/market-close-orders/positions`,
    limit: `/api/v1/trading/execution${d}/limit-orders`,
    portfolio: mode === "demo" ? "/api/v1/trading/info/demo/portfolio" : "/api/v1/trading/info/portfolio",
    pnl: `/api/v1/trading/info/${mode}/pnl`,
    aggregate: `/api/v1/trading/info${d}/aggregate-portfolio`,
    history: `/api/v1/trading/info/trade${d}/history`,
    orderInfo: `/api/v1/trading/info/${mode}/orders`,
    eligibilityV1: `/api/v1/trading/info${d}/eligibility`,
    orders: `/api/v2/trading/execution${d}/orders`,
    lookup: `/api/v2/trading/info${d}/orders:lookup`,
    costs: `/api/v2/trading/info${d}/costs`,
    eligibility: `/api/v2/trading/info${d}/eligibility`,
  };
}

async function openByAmount(sandbox: RunningSandbox, mode: Mode): Promise<CallResult> {
  return call(sandbox, "POST", paths(mode).byAmount, { body: { InstrumentID: AAPL, IsBuy: true, Leverage: 1, Amount: 500 } });
}

async function limitOrderId(sandbox: RunningSandbox, mode: Mode): Promise<number> {
  const rates = await call(sandbox, "GET", `/api/v1/market-data/instruments/rates?instrumentIds=${AAPL}`);
  const placed = await call(sandbox, "POST", paths(mode).limit, {
    body: { InstrumentID: AAPL, IsBuy: true, Leverage: 1, Amount: 300, Rate: Math.floor(rates.body.rates[0].ask * 0.5) },
  });
  expect(placed.status).toBe(200);
  const portfolio = await call(sandbox, "GET", paths(mode).portfolio);
  return portfolio.body.clientPortfolio.orders.at(-1).orderID;
}

function modeScenarios(mode: Mode): Record<string, Check> {
  const p = paths(mode);
  const v1x = mode === "demo" ? "/api/v1/trading/execution/demo" : "/api/v1/trading/execution";
  const v2x = mode === "demo" ? "/api/v2/trading/execution/demo" : "/api/v2/trading/execution";
  return {
    [`POST ${p.byAmount} 200`]: async (sandbox) => {
      const response = await openByAmount(sandbox, mode);
      expect(response.body.orderForOpen).toMatchObject({ instrumentID: AAPL, amount: 500, statusID: 1 });
      return response;
    },
    [`POST ${p.byUnits} 200`]: async (sandbox) => {
      const response = await call(sandbox, "POST", p.byUnits, { body: { InstrumentID: 100000, IsBuy: false, Leverage: 2, AmountInUnits: 0.01 } });
      expect(response.body.orderForOpen.amountInUnits).toBe(0.01);
      return response;
    },
    [`POST ${v1x}/market-close-orders/positions/{positionId} 200`]: async (sandbox) => {
      await openByAmount(sandbox, mode);
      const position = (await call(sandbox, "GET", p.portfolio)).body.clientPortfolio.positions.at(-1);
      const body = mode === "demo" ? { InstrumentID: AAPL, UnitsToDeduct: position.units / 2 } : { InstrumentId: AAPL, UnitsToDeduct: position.units / 2 };
      const response = await call(sandbox, "POST", `${p.close}/${position.positionID}`, { body });
      expect(response.body.orderForClose).toMatchObject({ positionID: position.positionID, orderType: 19 });
      return response;
    },
    [`POST ${p.limit} 200`]: async (sandbox) => {
      const response = await call(sandbox, "POST", p.limit, { body: { InstrumentID: 1, IsBuy: false, Leverage: 10, AmountInUnits: 1000, Rate: 5 } });
      expect(response.body.token).toMatch(/^[0-9a-f-]{36}$/);
      return response;
    },
    [`DELETE ${v1x}/limit-orders/{orderId} 200`]: async (sandbox) => {
      return call(sandbox, "DELETE", `${p.limit}/${await limitOrderId(sandbox, mode)}`);
    },
    [`GET ${p.portfolio} 200`]: async (sandbox) => {
      await openByAmount(sandbox, mode);
      const response = await call(sandbox, "GET", p.portfolio);
      expect(response.body.clientPortfolio.positions.length).toBeGreaterThan(0);
      return response;
    },
    [`GET ${p.pnl} 200`]: async (sandbox) => {
      await openByAmount(sandbox, mode);
      const response = await call(sandbox, "GET", p.pnl);
      expect(typeof response.body.clientPortfolio.unrealizedPnL).toBe("number");
      return response;
    },
    [`GET ${p.aggregate} 200`]: async (sandbox) => {
      await openByAmount(sandbox, mode);
      const response = await call(sandbox, "GET", `${p.aggregate}?conversionMode=Realtime&instrumentIds=${AAPL}`);
      expect(response.body.instrumentAggregates.map((a: { instrumentId: number }) => a.instrumentId)).toEqual([AAPL]);
      return response;
    },
    [`GET ${p.history} 200`]: async (sandbox) => {
      const opened = await openByAmount(sandbox, mode);
      const position = (await call(sandbox, "GET", p.portfolio)).body.clientPortfolio.positions.find(
        (candidate: { orderID: number }) => candidate.orderID === opened.body.orderForOpen.orderID,
      );
      await call(sandbox, "POST", `${p.close}/${position.positionID}`, { body: { InstrumentID: AAPL } });
      const response = await call(sandbox, "GET", `${p.history}?minDate=2026-01-01&pageSize=5`);
      expect(response.body.some((trade: { positionId: number }) => trade.positionId === position.positionID)).toBe(true);
      return response;
    },
    [`GET ${p.orderInfo}/{orderId} 200`]: async (sandbox) => {
      const opened = await openByAmount(sandbox, mode);
      const response = await call(sandbox, "GET", `${p.orderInfo}/${opened.body.orderForOpen.orderID}`);
      expect(response.body.positions).toHaveLength(1);
      return response;
    },
    [`POST ${p.eligibilityV1} 200`]: async (sandbox) => {
      const response = await call(sandbox, "POST", p.eligibilityV1, { body: { instrumentIds: [AAPL, 999_999], symbols: ["btc", "NOPE"] } });
      expect(response.body.notFoundInstrumentIds).toEqual([999_999]);
      expect(response.body.notFoundSymbols).toEqual(["NOPE"]);
      return response;
    },
    [`POST ${p.orders} 200`]: async (sandbox) => {
      const requestId = randomUUID();
      const body = { action: "open", transaction: "buy", symbol: "AAPL", instrumentId: AAPL, settlementType: "cfd", orderType: "mkt", leverage: 2, amount: 1000, orderCurrency: "usd" };
      const response = await call(sandbox, "POST", p.orders, { requestId, body });
      expect(response.body.referenceId).toBe(requestId);
      return response;
    },
    [`DELETE ${v2x}/orders/{orderId} 200`]: async (sandbox) => {
      return call(sandbox, "DELETE", `${p.orders}/${await limitOrderId(sandbox, mode)}`);
    },
    [`GET ${p.lookup} 200`]: async (sandbox) => {
      const requestId = randomUUID();
      await call(sandbox, "POST", p.orders, { requestId, body: { action: "open", transaction: "sellShort", instrumentId: 18, leverage: 5, units: 1 } });
      const response = await call(sandbox, "GET", `${p.lookup}?referenceId=${requestId}`);
      expect(response.body).toMatchObject({ action: "open", transaction: "sellShort", status: { name: "Executed" } });
      return response;
    },
    [`POST ${p.costs} 200`]: async (sandbox) => {
      const response = await call(sandbox, "POST", p.costs, {
        body: { action: "open", transaction: "buy", instrumentId: AAPL, settlementType: "cfd", orderType: "mkt", leverage: 2, amount: 1000, orderCurrency: "usd" },
      });
      expect(response.body.costs.map((cost: { costType: string }) => cost.costType)).toContain("marketSpread");
      return response;
    },
    [`POST ${p.eligibility} 200`]: async (sandbox) => {
      const response = await call(sandbox, "POST", p.eligibility, { body: { symbols: ["EURUSD"], currency: "USD" } });
      expect(response.body.eligibilities[0].leverageConfigs[0].leverageValues).toContain(30);
      return response;
    },
  };
}

const SCENARIOS: Record<string, Check> = {
  "GET /api/v1/market-data/instruments 200": async (sandbox) => {
    const response = await call(sandbox, "GET", "/api/v1/market-data/instruments?instrumentTypeIds=10");
    expect(response.body.instrumentDisplayDatas.length).toBeGreaterThan(3);
    return response;
  },
  "GET /api/v1/market-data/instruments/rates 200": async (sandbox) => {
    const response = await call(sandbox, "GET", "/api/v1/market-data/instruments/rates?instrumentIds=1001,100000");
    for (const rate of response.body.rates) expect(rate.bid).toBeLessThan(rate.ask);
    return response;
  },
  "GET /api/v1/market-data/search 200": async (sandbox) => {
    const response = await call(sandbox, "GET", "/api/v1/market-data/search?searchText=apple&fields=instrumentId,symbol,name=displayname");
    expect(response.body.items).toEqual([{ instrumentId: AAPL, symbol: "AAPL", displayname: "Apple Inc" }]);
    return response;
  },
  "GET /api/v1/me 200": async (sandbox) => {
    const token = await mintTradingToken(sandbox, { scopes: ["etoro-public:trade.demo:read"] });
    const response = await call(sandbox, "GET", "/api/v1/me", { userKey: token.secret });
    expect(response.body.scopes).toEqual(["etoro-public:trade.demo:read"]);
    return response;
  },
  ...modeScenarios("demo"),
  ...modeScenarios("real"),
};

const SUCCESSES = listDocumentedResponses("trading").filter((response) => response.status < 300);

describe("every trading success status in the spec", () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ ...testSandboxOptions(), clock: () => NOW });
  });
  afterAll(() => sandbox.close());

  it("has a scenario (or is unreachable, for a stated reason), and every scenario names a documented success", () => {
    const keys = SUCCESSES.map(({ method, path, status }) => `${method} ${path} ${status}`);
    expect(keys).toHaveLength(40);
    expect(keys.filter((key) => !SCENARIOS[key] && !UNREACHABLE.has(key))).toEqual([]);
    expect([...Object.keys(SCENARIOS), ...UNREACHABLE].filter((key) => !keys.includes(key))).toEqual([]);
  });

  it.each(SUCCESSES.filter((s) => !UNREACHABLE.has(`${s.method} ${s.path} ${s.status}`)).map((s) => ({ ...s, title: `${s.method} ${s.path} ${s.status}` })))(
    "$title",
    async ({ method, path, status, title }) => {
      const response = await SCENARIOS[title](sandbox);
      expect(response.status).toBe(status);
      expectMatchesSpec(method, path, status, response.body, { strict: true });
    },
  );

  it.each([...UNREACHABLE].map((title) => ({ title })))("$title is a 400 OrderNotCancellable instead", async ({ title }) => {
    const mode: Mode = title.includes("/demo/") ? "demo" : "real";
    const path = title.split(" ")[1];
    let orderId: number;
    if (path.includes("market-open-orders")) orderId = (await openByAmount(sandbox, mode)).body.orderForOpen.orderID;
    else {
      await openByAmount(sandbox, mode);
      const position = (await call(sandbox, "GET", paths(mode).portfolio)).body.clientPortfolio.positions.at(-1);
      orderId = (await call(sandbox, "POST", `${paths(mode).close}/${position.positionID}`, { body: { InstrumentID: AAPL } })).body.orderForClose.orderID;
    }
    const response = await call(sandbox, "DELETE", path.replace("{orderId}", String(orderId)));
    expect(response.status).toBe(400);
    expect(response.body.errorCode).toBe("OrderNotCancellable");
  });
});
