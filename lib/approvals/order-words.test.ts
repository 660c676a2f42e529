import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readApprovalOrder } from "./order";
import { formatCents, leverageWords, orderWords } from "./order-words";

describe("a held order in words", () => {
  it("says side, size and instrument", () => {
    expect(orderWords(readApprovalOrder({ side: "buy", amountUsdCents: 60_000, symbol: "AAPL" }, "openMarketPositionByAmount"))).toBe("buy $600 of AAPL");
    expect(orderWords(readApprovalOrder({ side: "sell", units: 3, instrumentId: 1001 }, "openMarketPositionByUnitsDemo"))).toBe("sell 3 units of instrument 1001");
    expect(formatCents(125_050)).toBe("$1,250.50");
    expect(leverageWords(1)).toBe("no leverage (1×)");
    expect(leverageWords(5)).toBe("5× leverage");
  });

  it("reads the gateway's held order (amountUsd)", () => {
    const held = { operationId: "openMarketPositionByAmount", environment: "real", instrumentId: 1001, symbol: null, side: "buy", amountUsd: 300, units: null, leverage: 1, valueUsdCents: 30_000 };
    expect(readApprovalOrder(held, held.operationId)).toMatchObject({ environment: "real", amountUsdCents: 30_000, valueUsdCents: 30_000, symbol: null });
    expect(orderWords(readApprovalOrder(held, held.operationId))).toBe("buy $300 of instrument 1001");
  });

  it("reads the gateway's usage names too (instrument, amount in USD, IsBuy) and the environment from the operation", () => {
    const order = readApprovalOrder({ instrument: 1001, amount: 250.5, isBuy: false, leverage: 2 }, "openMarketPositionByAmountDemo");
    expect(order).toMatchObject({ instrumentId: 1001, amountUsdCents: 25_050, side: "sell", leverage: 2, environment: "demo" });
    expect(readApprovalOrder({}, "openMarketPositionByAmount").environment).toBe("real");
  });

  it("never throws on whatever the column holds, and always has words", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string(), (stored, operationId) => {
        const words = orderWords(readApprovalOrder(stored, operationId));
        expect(typeof words).toBe("string");
        expect(words.length).toBeGreaterThan(0);
      }),
    );
  });
});
