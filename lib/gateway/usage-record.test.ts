/**
 * An order's usage fields come from what the agent sent and eToro answered: the
 * strings are capped and lose any U+0000 (PostgreSQL text and jsonb refuse it),
 * so no request can make its usage batch, or its ledger event, unwritable.
 */
import fc from "fast-check";
import { expect, it } from "vitest";
import { createOperationTable } from "./operations";
import { orderUsage } from "./usage-record";

const OPEN = createOperationTable().match("POST", "/api/v1/trading/execution/demo/market-open-orders/by-amount")!;

it("keeps an order's strings storable: capped and without NUL, whatever the agent and the answer hold", () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 100 }), fc.string({ maxLength: 100 }), fc.string({ maxLength: 100 }), (instrument, side, orderId) => {
      const answer = Buffer.from(JSON.stringify({ orderForOpen: { orderID: orderId }, token: orderId }));
      const usage = orderUsage(OPEN.operation, { InstrumentID: instrument, IsBuy: side, Amount: 10, Leverage: 1 }, {}, answer)!;
      for (const value of [usage.instrument, usage.orderId]) {
        if (typeof value === "string") {
          expect(value).not.toContain("\u0000");
          expect(value.length).toBeLessThanOrEqual(64);
        }
      }
      expect(usage.instrument).toBe(instrument.slice(0, 64).replaceAll("\u0000", ""));
    }),
  );
  const withNul = orderUsage(OPEN.operation, { InstrumentID: "10\u000001", IsBuy: true, Amount: 10, Leverage: 1 }, {}, null)!;
  expect(withNul.instrument).toBe("1001");
});
