import { describe, expect, it } from "vitest";
import { approvalSummary } from "./approval-summary";

describe("an approval event in words", () => {
  it("names the order, the outcome and who decided", () => {
    expect(approvalSummary({ approvalId: "a", decision: "approved", order: "buy $600 of AAPL", decidedBy: "3f9ac2aa", decidedByLabel: "Account 3f9a·c2" })).toBe(
      "buy $600 of AAPL: approved by Account 3f9a·c2",
    );
    expect(approvalSummary({ approvalId: "a", decision: "denied", order: "sell 3 units of TSLA", decidedBy: "3f9ac2aa", reason: "Not today." })).toBe(
      "sell 3 units of TSLA: denied by 3f9ac2aa (Not today.)",
    );
    expect(approvalSummary({ approvalId: "a", decision: "expired", order: "buy $600 of AAPL" })).toBe("buy $600 of AAPL: expired, nobody decided in time");
    // The gateway's approval.request: the order's plain fields and why it waits.
    expect(
      approvalSummary({
        approvalId: "a",
        reason: "Worth $300.00, above $250.00",
        order: { operationId: "openMarketPositionByAmountDemo", environment: "demo", instrumentId: 1001, symbol: null, side: "buy", amountUsd: 300, units: null, leverage: 1, valueUsdCents: 30_000 },
      }),
    ).toBe("buy $300 of instrument 1001: Worth $300.00, above $250.00");
    expect(approvalSummary({ jobId: "j" })).toBeNull();
    expect(approvalSummary(null)).toBeNull();
  });
});
